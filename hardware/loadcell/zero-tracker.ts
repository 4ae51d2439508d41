import type { WindowVerdict } from './window-stats.ts';

/** After a motion, the zero may be re-verified on a quiet level for this long. */
const AFTER_MOTION_MS = 6000;
/** Right after a zero, a quiet window that agrees within noise refines it for this long. */
const REFINE_MS = 3000;
/** Changes up to this fraction of a unit are "nothing moved" (count-fit.ts uses the same band). */
const ZERO_BAND_UNITS = 0.25;

export interface ZeroTrackerOptions {
  unitWeightGrams: number;
  /** Creep and temperature the zero may follow, grams per hour. */
  maxDriftGramsPerHour: number;
}

/**
 * The zero a load-cell channel's Δ is measured from. It moves only on verified evidence:
 * a settled level after a counted motion (`set`), or a quiet window (flat, spread explained
 * by noise) offered while nothing moves (`offerQuiet`):
 * - within 3 s of a zero, a quiet window that agrees within noise refines it (a short
 *   settle window is noisier than a second of quiet);
 * - within 6 s after a motion, a level less than a quarter unit away on which two quiet
 *   windows agree becomes the zero: a hand still resting when a count was confirmed has
 *   gone, or the items crept;
 * - otherwise it follows slow drift, at no more than the drift cap.
 * A lean or a resting hand is neither quiet nor close, so it never becomes the zero.
 */
export class ZeroTracker {
  level = 0;
  /** Readings averaged into the zero (its own noise enters Δ). */
  samples = 1;
  private zeroedAt = 0;
  /** Last time the drift follower moved the zero (its cap is per elapsed time). */
  private driftedAt = 0;
  private motionEndedAt = -Infinity;
  private lastQuietMean: number | null = null;

  constructor(private readonly options: ZeroTrackerOptions) {}

  set(level: number, samples: number, at: number): void {
    this.level = level;
    this.samples = samples;
    this.zeroedAt = at;
    this.driftedAt = at;
  }

  /** A motion ended at `at` (whatever it decided); quiet windows start afresh. */
  motionEnded(at: number): void {
    this.motionEndedAt = at;
    this.lastQuietMean = null;
  }

  forgetQuiet(): void {
    this.lastQuietMean = null;
  }

  /** A judged quiet-candidate window of `size` readings, ending at `at`. */
  offerQuiet(verdict: WindowVerdict, size: number, noise: number, at: number): void {
    const previous = this.lastQuietMean;
    this.lastQuietMean = verdict.settled ? verdict.mean : null;
    if (!verdict.settled) return;
    const offset = verdict.mean - this.level;
    const refine = 4 * noise * Math.sqrt(1 / size + 1 / this.samples);
    if (at - this.zeroedAt <= REFINE_MS && Math.abs(offset) <= refine) {
      this.level = verdict.mean;
      this.samples = size;
      return;
    }
    const agreed = previous !== null && Math.abs(previous - verdict.mean) <= 4 * noise * Math.sqrt(2 / size);
    if (agreed && at - this.motionEndedAt <= AFTER_MOTION_MS && Math.abs(offset) <= ZERO_BAND_UNITS * this.options.unitWeightGrams) {
      this.set(verdict.mean, size, at);
      return;
    }
    const cap = (this.options.maxDriftGramsPerHour * (at - this.driftedAt)) / 3_600_000;
    if (Math.abs(offset) > Math.max(refine, cap) + 6 * noise) return;
    this.level += Math.max(-cap, Math.min(cap, offset));
    this.driftedAt = at;
  }
}
