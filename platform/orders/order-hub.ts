import { EventEmitter } from 'node:events';

/**
 * Wakes a kiosk's status streams in this process when one of its orders changed. Other
 * processes on the same PostgreSQL database are seen by the streams' own poll (status-stream.ts).
 */
export class OrderHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open stream; the per-kiosk stream cap bounds them.
    this.emitter.setMaxListeners(0);
  }

  notify(kioskId: string): void {
    this.emitter.emit(kioskId);
  }

  /** Calls `fn` on each change of the kiosk's orders; returns the unsubscribe. */
  subscribe(kioskId: string, fn: () => void): () => void {
    this.emitter.on(kioskId, fn);
    return () => this.emitter.off(kioskId, fn);
  }
}
