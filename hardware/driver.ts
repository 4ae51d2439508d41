import type { ShelfEvent } from '../contract/hardware.ts';

/** Receives typed events from a driver; must not throw (drivers log and carry on if it does). */
export type ShelfEventListener = (event: ShelfEvent) => void;

/**
 * A shelf board driver. Constructors open nothing and start no timers; `start()` opens
 * the port (and keeps reconnecting while the port is absent), `stop()` closes it and
 * resolves once every timer and handle is released.
 */
export interface ShelfDriver {
  readonly boardId: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  onEvent(listener: ShelfEventListener): () => void;
  /** Host → board commands; drivers that cannot do one resolve without effect. */
  send(command: ShelfCommand): Promise<void>;
}

export type ShelfCommand =
  | { kind: 'ping' }
  | { kind: 'tare'; channel: number }
  | { kind: 'cal'; channel: number; grams: number }
  | { kind: 'led'; channel: number; pattern: 'off' | 'on' | 'blink' };

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
