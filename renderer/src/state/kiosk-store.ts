import type { OrderView, Snapshot } from '../../../contract/api.ts';
import { addItem, setQuantity, type CartItem } from './cart.ts';
import type { ConnectionStatus } from '../api/kiosk-client.ts';

export interface KioskState {
  snapshot: Snapshot | null;
  status: ConnectionStatus;
  /** A product the shopper opened by touch; cleared by any shelf change (a lift always wins). */
  browsedProductId: string | null;
  /** The shopper's cart (kept across lifts and puts until ordered, cleared or idle). */
  cart: readonly CartItem[];
  /** Which shopper panel is open over the screen. */
  panel: 'none' | 'cart' | 'order';
  /** The order the shopper made on this screen, followed live. */
  order: OrderView | null;
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
  private state: KioskState = { snapshot: null, status: 'connecting', browsedProductId: null, cart: [], panel: 'none', order: null };
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

  addToCart(productId: string): void {
    this.update({ ...this.state, cart: addItem(this.state.cart, productId) });
  }

  setQuantity(productId: string, quantity: number): void {
    this.update({ ...this.state, cart: setQuantity(this.state.cart, productId, quantity) });
  }

  clearCart(): void {
    this.update({ ...this.state, cart: [], panel: this.state.panel === 'cart' ? 'none' : this.state.panel });
  }

  openPanel(panel: KioskState['panel']): void {
    if (panel !== this.state.panel) this.update({ ...this.state, panel });
  }

  /** A new order from this screen (opens its panel), or a change to the one shown. */
  showOrder(order: OrderView, fromCart: boolean): void {
    this.update({ ...this.state, order, panel: 'order', cart: fromCart ? [] : this.state.cart });
  }

  /** A change pushed by the service: applied only to the order this screen shows. */
  orderChanged(order: OrderView): void {
    if (this.state.order?.orderId === order.orderId) this.update({ ...this.state, order });
  }

  /** Back to rest: no cart, no panel, no order (the order itself goes on at the platform). */
  resetShopper(): void {
    this.update({ ...this.state, cart: [], panel: 'none', order: null, browsedProductId: null });
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
