/**
 * Link health for one board, as a pure state machine: the driver feeds it what happened
 * and the current (monotonic) time, and gets back the health transition to emit, if any.
 */
import type { BoardHealthState } from '../../contract/hardware.ts';

export type HealthTransition = { state: BoardHealthState; detail: string } | null;

/** DESIGN §3: the board sends HB every 1 s; 2.5 s of silence is two missed beats and change. */
export const DEFAULT_LOST_AFTER_MS = 2500;

export class LinkMonitor {
  private state: 'unknown' | 'up' | 'lost' = 'unknown';
  /** When the silence clock started; null while the port is closed. */
  private lastHeardAt: number | null = null;

  constructor(private readonly lostAfterMs = DEFAULT_LOST_AFTER_MS) {}

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
    const silent = this.silentFor(now);
    if (silent === null || silent < this.lostAfterMs) return null;
    return this.markLost(`no valid frame for ${Math.round(silent)} ms`);
  }

  private markLost(detail: string): HealthTransition {
    if (this.state === 'lost') return null;
    this.state = 'lost';
    return { state: 'lost', detail };
  }
}
