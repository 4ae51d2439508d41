import { SampleWindow } from './sample-window.ts';
import { diffNoise, judgeWindow } from './window-stats.ts';

/**
 * Verified tare: the zero is taken only from a window that is quiet — flat (a hand
 * resting on the shelf sways), with a plausible noise (a hand also trembles, which looks
 * like noise) — and that a second quiet window a quarter of a window later agrees with. The
 * readings right after power-up are skipped: the HX711's filter needs four conversions to
 * show the real load (datasheet "settling time"). After `giveUpMs` without that, the tare
 * is taken anyway and said to be unverified.
 */
export interface TareResult {
  baseline: number;
  noise: number;
  verified: boolean;
}

export interface TareOptions {
  samples: number;
  /** Readings to skip after power-up. */
  skip: number;
  segments: number;
  noiseFloor: number;
  /** Noise above this is a hand or a bad sensor, not a quiet shelf. */
  maxNoise: number;
  giveUpMs?: number;
}

export class TareVerifier {
  private readonly window: SampleWindow;
  private skipped = 0;
  private seen = 0;
  private startedAt: number | null = null;
  private candidate: { mean: number; noise: number; index: number } | null = null;

  constructor(private readonly options: TareOptions) {
    this.window = new SampleWindow(options.samples);
  }

  reset(): void {
    this.window.clear();
    this.skipped = 0;
    this.seen = 0;
    this.startedAt = null;
    this.candidate = null;
  }

  push(grams: number, at: number): TareResult | null {
    this.startedAt ??= at;
    if (this.skipped < this.options.skip) {
      this.skipped += 1;
      return null;
    }
    this.window.push(grams);
    this.seen += 1;
    if (!this.window.isFull) return null;
    const values = this.window.toArray();
    const noise = Math.max(this.options.noiseFloor, diffNoise(values));
    const verdict = judgeWindow(values, { noise, slack: 0, segments: this.options.segments });
    if (verdict.settled && noise <= this.options.maxNoise) {
      const earlier = this.candidate;
      if (earlier && this.seen - earlier.index >= values.length / 4) {
        const agree = Math.abs(verdict.mean - earlier.mean) <= 4 * noise * Math.sqrt(2 / values.length);
        if (agree) return { baseline: verdict.mean, noise: (noise + earlier.noise) / 2, verified: true };
        this.candidate = null;
      }
      this.candidate ??= { mean: verdict.mean, noise, index: this.seen };
    } else {
      this.candidate = null;
    }
    if (at - this.startedAt < (this.options.giveUpMs ?? 10_000)) return null;
    return { baseline: verdict.mean, noise, verified: false };
  }
}
