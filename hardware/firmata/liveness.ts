/**
 * Active liveness for boards with no heartbeat (StandardFirmata): ask for the firmware
 * every `intervalMs`; an answer later than `timeoutMs` is a miss, and after a miss we ask
 * again at once; `missesForLost` consecutive misses mean the board is gone. Pure: the driver calls `tick(now)` from a
 * timer and `answered(now)` when the reply arrives.
 */
export interface LivenessOptions {
  intervalMs: number;
  timeoutMs: number;
  missesForLost: number;
}

export type LivenessVerdict = 'probe' | 'miss' | 'lost' | null;

export class LivenessMonitor {
  private outstandingSince: number | null = null;
  private lastProbeAt = -Infinity;
  private misses = 0;

  constructor(private readonly options: LivenessOptions) {}

  get consecutiveMisses(): number {
    return this.misses;
  }

  /** Board answered a probe: misses reset. Returns true when it had missed before. */
  answered(): boolean {
    const hadMissed = this.misses > 0;
    this.outstandingSince = null;
    this.misses = 0;
    return hadMissed;
  }

  /**
   * Advances time. Returns 'lost' on the miss that crosses the limit, 'miss' on others,
   * 'probe' when a new probe should be sent now, null when nothing is due.
   */
  tick(now: number): LivenessVerdict {
    if (this.outstandingSince !== null && now - this.outstandingSince >= this.options.timeoutMs) {
      this.outstandingSince = null;
      this.misses += 1;
      if (this.misses >= this.options.missesForLost) return 'lost';
      // Ask again at once rather than on the next beat: three misses then take
      // 3 × timeout after the first unanswered probe, well inside the 2 s budget.
      this.lastProbeAt = -Infinity;
      return 'miss';
    }
    if (this.outstandingSince === null && now - this.lastProbeAt >= this.options.intervalMs) {
      this.outstandingSince = now;
      this.lastProbeAt = now;
      return 'probe';
    }
    return null;
  }

  reset(): void {
    this.outstandingSince = null;
    this.lastProbeAt = -Infinity;
    this.misses = 0;
  }
}

/** Restart delays: doubling from `initialMs`, capped at `maxMs` (design: 2 s). */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 100,
    private readonly maxMs = 2000,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
