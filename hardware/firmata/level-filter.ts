/**
 * A level must hold for `holdMs` before it counts (Firmata has no checksum, switches
 * bounce, a Button may re-emit on every port report). Pure: observations carry the time
 * the host read the bytes; `poll(now)` decides. The first accepted level after start is
 * marked `initial` — it is the shelf's state, not a shopper's action.
 */
export interface AcceptedLevel {
  level: boolean;
  /** Host time of the observation that started this level. */
  since: number;
  initial: boolean;
}

export class LevelFilter {
  private accepted: boolean | null = null;
  private candidate: boolean | null = null;
  private candidateSince = 0;

  constructor(readonly holdMs = 30) {}

  get level(): boolean | null {
    return this.accepted;
  }

  /** Records the level seen at `at`; repeats of the current candidate change nothing. */
  observe(level: boolean, at: number): void {
    if (level === this.candidate) return;
    this.candidate = level;
    this.candidateSince = at;
  }

  /** When `poll` could next accept something, or null when nothing is pending. */
  dueAt(): number | null {
    if (this.candidate === null || this.candidate === this.accepted) return null;
    return this.candidateSince + this.holdMs;
  }

  /** Accepts the candidate if it has held for `holdMs` by `now`. */
  poll(now: number): AcceptedLevel | null {
    const due = this.dueAt();
    if (due === null || now < due || this.candidate === null) return null;
    const initial = this.accepted === null;
    this.accepted = this.candidate;
    return { level: this.candidate, since: this.candidateSince, initial };
  }
}

/**
 * Threshold with hysteresis for analog sensors (FSR under the product, light sensor
 * covered by it): switches to "present" beyond threshold + h/2, back below threshold − h/2.
 */
export class SchmittTrigger {
  private above: boolean | null = null;

  constructor(
    private readonly threshold: number,
    private readonly hysteresis: number,
    private readonly presentWhen: 'above' | 'below',
  ) {}

  /** Feeds a reading; returns whether the product is present. */
  update(value: number): boolean {
    const high = this.threshold + this.hysteresis / 2;
    const low = this.threshold - this.hysteresis / 2;
    if (this.above === null) this.above = value >= this.threshold;
    else this.above = value >= (this.above ? low : high);
    return this.presentWhen === 'above' ? this.above : !this.above;
  }
}
