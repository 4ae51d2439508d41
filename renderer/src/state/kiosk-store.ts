import type { Snapshot } from '../../../contract/api.ts';
import type { ConnectionStatus } from '../api/kiosk-client.ts';

export interface KioskState {
  snapshot: Snapshot | null;
  status: ConnectionStatus;
  /** A product the shopper opened by touch; cleared by any shelf change (a lift always wins). */
  browsedProductId: string | null;
}

/** A lift received but not yet painted, with the service's trace for the latency breakdown. */
export interface PendingPaint {
  liftId: string;
  receivedAt: number;
  rxAt: number | null;
  sentAt: number | null;
}

const MAX_PENDING = 64;

/** The renderer's single source of truth, read by React through useSyncExternalStore. */
export class KioskStore {
  private state: KioskState = { snapshot: null, status: 'connecting', browsedProductId: null };
  private readonly listeners = new Set<() => void>();
  /** Insertion-ordered, bounded: lifts that never reach the screen age out. */
  readonly pending = new Map<string, PendingPaint>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): KioskState => this.state;

  setSnapshot(snapshot: Snapshot, shelfChanged: boolean): void {
    const browsedProductId = shelfChanged ? null : this.state.browsedProductId;
    this.update({ ...this.state, snapshot, browsedProductId });
  }

  setStatus(status: ConnectionStatus): void {
    if (status !== this.state.status) this.update({ ...this.state, status });
  }

  browse(productId: string | null): void {
    if (productId !== this.state.browsedProductId) this.update({ ...this.state, browsedProductId: productId });
  }

  addPending(p: PendingPaint): void {
    this.pending.set(p.liftId, p);
    while (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next();
      if (oldest.done === true) break;
      this.pending.delete(oldest.value);
    }
  }

  private update(next: KioskState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
