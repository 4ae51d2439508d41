/**
 * Link health for one board, as a pure state machine: the driver feeds it what happened
 * and the current (monotonic) time, and gets back the health transition to emit, if any.
 */
import type { BoardHealthState } from '../../contract/hardware.ts';

export type HealthTransition = { state: BoardHealthState; detail: string } | null;

/** DESIGN §3: the board sends HB every 1 s; 2.5 s of silence is two missed beats and change. */
export const DEFAULT_LOST_AFTER_MS = 2500;

export interface LinkMonitorOptions {
  /**
   * How often `tick` is called. When given, a tick that comes much later than that (the
   * process was stalled: a long fsync, a starved CPU) does not judge silence: frames the board
   * sent meanwhile may still sit unread in the port, and timers run before I/O in Node's
   * event loop. The next tick, after the loop has read its port, judges (one late tick is
   * skipped, never two in a row).
   */
  tickMs?: number;
}

export class LinkMonitor {
  private state: 'unknown' | 'up' | 'lost' = 'unknown';
  /** When the silence clock started; null while the port is closed. */
  private lastHeardAt: number | null = null;
  private lastTickAt: number | null = null;
  private skippedLastTick = false;
  private readonly lateTickMs: number | null;

  constructor(
    private readonly lostAfterMs = DEFAULT_LOST_AFTER_MS,
    options: LinkMonitorOptions = {},
  ) {
    this.lateTickMs = options.tickMs === undefined ? null : Math.max(3 * options.tickMs, 300);
  }

  get isUp(): boolean {
    return this.state === 'up';
  }

  /** The port opened: start counting silence from now. */
  portOpened(now: number): void {
    this.lastHeardAt = now;
  }

  /** Milliseconds since the last valid frame (or since the port opened); null while closed. */
  silentFor(now: number): number | null {
    return this.lastHeardAt === null ? null : now - this.lastHeardAt;
  }

  validFrame(now: number, detail: string): HealthTransition {
    this.lastHeardAt = now;
    const previous = this.state;
    this.state = 'up';
    if (previous === 'unknown') return { state: 'connected', detail };
    if (previous === 'lost') return { state: 'recovered', detail };
    return null;
  }

  /** The port closed under us, or could not be opened. */
  portDown(detail: string): HealthTransition {
    this.lastHeardAt = null;
    return this.markLost(detail);
  }

  /** Periodic check; reports `lost` once when the board has been silent too long. */
  tick(now: number): HealthTransition {
    const late = this.lateTickMs !== null && this.lastTickAt !== null && now - this.lastTickAt > this.lateTickMs;
    this.lastTickAt = now;
    // Skip one late tick, never two in a row: a starved process must still notice a dead board.
    const skip = late && !this.skippedLastTick;
    this.skippedLastTick = skip;
    const silent = this.silentFor(now);
    if (silent === null || silent < this.lostAfterMs || skip) return null;
    return this.markLost(`no valid frame for ${Math.round(silent)} ms`);
  }

  private markLost(detail: string): HealthTransition {
    if (this.state === 'lost') return null;
    this.state = 'lost';
    return { state: 'lost', detail };
  }
}
