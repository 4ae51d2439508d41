/**
 * Sensor health from the raw reading stream, in one-second blocks.
 *
 * - stuck: every block for `stuckAfterMs` had (almost) no range (`stuckStdGrams`). A live HX711 always
 *   shows a few counts of noise; a frozen value means a dead amplifier, a broken wire
 *   latched at a rail, or firmware repeating its last reading.
 * - noisy: the median block noise (from successive differences) over the last `noisyWindowBlocks` blocks is
 *   above `noisyStdGrams`. The median ignores the few blocks in which a shopper moved
 *   things; steady noise that high means counts cannot be trusted.
 */
export type LoadCellHealthState = 'ok' | 'stuck' | 'noisy';

export interface HealthOptions {
  blockMs: number;
  stuckAfterMs: number;
  stuckStdGrams: number;
  noisyStdGrams: number;
  noisyWindowBlocks: number;
}

export interface HealthChange {
  state: LoadCellHealthState;
  /** Median block std (noisy) or latest block std (stuck/ok), grams. */
  stdGrams: number;
}

export class HealthMonitor {
  private state: LoadCellHealthState = 'ok';
  private blockStart: number | null = null;
  private previous: number | null = null;
  private diffs: number[] = [];
  private min = Infinity;
  private max = -Infinity;
  private quietBlocks = 0;
  private readonly recentStd: number[] = [];

  constructor(private readonly options: HealthOptions) {}

  get current(): LoadCellHealthState {
    return this.state;
  }

  /** Feeds one reading; returns a change when the health state changes. */
  push(grams: number, at: number): HealthChange | null {
    this.blockStart ??= at;
    let change: HealthChange | null = null;
    if (at - this.blockStart >= this.options.blockMs && this.diffs.length >= 2) {
      change = this.closeBlock();
      this.blockStart = at;
    }
    if (this.previous !== null) this.diffs.push(Math.abs(grams - this.previous));
    this.previous = grams;
    this.min = Math.min(this.min, grams);
    this.max = Math.max(this.max, grams);
    return change;
  }

  /**
   * Noise from successive differences: for gaussian noise the lower quartile of
   * |x[i] − x[i−1]| is 0.3186·√2·σ. The quartile ignores the large steps of motions even
   * when they fill most of a block (at 10 SPS the amplifier spreads every step over four
   * readings), so a busy slot does not read as noisy.
   */
  private closeBlock(): HealthChange | null {
    const std = quantileOf(this.diffs, 0.25) / (0.3186 * Math.SQRT2);
    const range = this.max - this.min;
    this.diffs = [];
    this.min = Infinity;
    this.max = -Infinity;
    this.recentStd.push(std);
    if (this.recentStd.length > this.options.noisyWindowBlocks) this.recentStd.shift();
    this.quietBlocks = range <= this.options.stuckStdGrams ? this.quietBlocks + 1 : 0;
    const median = medianOf(this.recentStd);
    const next = this.classify(median);
    if (next === this.state) return null;
    this.state = next;
    return { state: next, stdGrams: next === 'noisy' ? median : std };
  }

  private classify(median: number): LoadCellHealthState {
    if (this.quietBlocks * this.options.blockMs >= this.options.stuckAfterMs) return 'stuck';
    const full = this.recentStd.length >= Math.min(3, this.options.noisyWindowBlocks);
    if (full && median > this.options.noisyStdGrams) return 'noisy';
    return 'ok';
  }
}

function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? 0;
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
