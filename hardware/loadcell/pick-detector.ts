import { fitCount, type CountFitOptions } from './count-fit.ts';
import { HealthMonitor, type LoadCellHealthState } from './health.ts';
import { SampleWindow } from './sample-window.ts';
import { DEFAULT_MAX_DRIFT_GRAMS_PER_HOUR, DEFAULT_UNIT_SPREAD, HX711_RATES, type AmplifierRate } from './sensor-table.ts';

export type PickDirection = 'lift' | 'put';
export type UncertainReason = 'no-fit' | 'not-settled' | 'sensor-unhealthy';

/** What one channel's detector reports. `at` is the time of the reading that decided it. */
export type PickEvent =
  | { kind: 'tared'; baselineGrams: number; noiseGrams: number; at: number }
  | { kind: 'lift-start'; at: number }
  | { kind: 'confirmed'; direction: PickDirection; count: number; deltaGrams: number; at: number }
  | { kind: 'uncertain'; direction: PickDirection; deltaGrams: number; reason: UncertainReason; at: number }
  | { kind: 'wrong-item'; deltaGrams: number; at: number }
  | { kind: 'cancelled'; deltaGrams: number; at: number }
  | { kind: 'health'; state: LoadCellHealthState; stdGrams: number; at: number };

export interface PickDetectorOptions {
  unitWeightGrams: number;
  samplesPerSecond?: 10 | 80;
  /** Fractional spread of single items (0.1 = ±10 %). */
  unitSpread?: number;
  /** Averaging time for tare, ms. */
  tareMs?: number;
  maxDriftGramsPerHour?: number;
  /** Time constant of the slow baseline follower while stable, ms. */
  driftTimeConstantMs?: number;
  /** After this long without settling, report `uncertain` (and keep waiting). */
  maxSettleMs?: number;
  maxCount?: number;
  stuckAfterMs?: number;
  noisyStdGrams?: number;
}

type Phase = 'taring' | 'stable' | 'active';

/**
 * Turns one load-cell channel's readings into lifts and puts. Pure: time comes only from
 * the readings' timestamps, so tests and the scenario benchmark run it without sleeping.
 *
 * stable ──(Δ beyond threshold for `evidenceSamples`)──▶ active ──(window flat)──▶ classify
 *   a drop emits `lift-start` at once; the settled Δ is fitted to a count (count-fit.ts);
 *   the settled mean becomes the new baseline (tare after every motion).
 */
export class PickDetector {
  private readonly rate: AmplifierRate;
  private readonly fit: CountFitOptions;
  private readonly health: HealthMonitor;
  private readonly tareWindow: SampleWindow;
  private readonly stableWindow: SampleWindow;
  private readonly settleWindow: SampleWindow;
  private phase: Phase = 'taring';
  private tareStartedAt: number | null = null;
  private baseline = 0;
  private noise: number;
  private below = 0;
  private above = 0;
  private activeSince = 0;
  private liftStarted = false;
  private reportedUnsettled = false;
  private lastAt: number | null = null;

  constructor(private readonly options: PickDetectorOptions) {
    if (!(options.unitWeightGrams > 0)) throw new RangeError('unitWeightGrams must be positive');
    this.rate = HX711_RATES[options.samplesPerSecond ?? 80];
    this.noise = this.rate.typicalNoiseGrams;
    const tareSamples = Math.max(4, Math.round((options.tareMs ?? 1000) / this.rate.periodMs));
    this.tareWindow = new SampleWindow(tareSamples);
    this.stableWindow = new SampleWindow(this.rate.settleWindowSamples);
    this.settleWindow = new SampleWindow(this.rate.settleWindowSamples);
    this.fit = {
      unitWeightGrams: options.unitWeightGrams,
      unitSpread: options.unitSpread ?? DEFAULT_UNIT_SPREAD,
      deltaNoiseGrams: 0,
      noiseGrams: 0,
      maxCount: options.maxCount ?? 8,
      maxBandFraction: 0.4,
    };
    this.health = new HealthMonitor({
      blockMs: 1000,
      stuckAfterMs: options.stuckAfterMs ?? 30_000,
      stuckStdGrams: 0.02 * this.rate.typicalNoiseGrams,
      noisyStdGrams: options.noisyStdGrams ?? 6 * this.rate.typicalNoiseGrams,
      noisyWindowBlocks: 9,
    });
  }

  /** Current baseline (grams on the scale at the last tare/settle), noise estimate and phase. */
  snapshot(): { phase: Phase; baselineGrams: number; noiseGrams: number; health: LoadCellHealthState } {
    return { phase: this.phase, baselineGrams: this.baseline, noiseGrams: this.noise, health: this.health.current };
  }

  /** Starts an averaged tare with the next readings (staff command or first start). */
  tare(): void {
    this.phase = 'taring';
    this.tareWindow.clear();
    this.tareStartedAt = null;
  }

  /** Feeds one reading (grams, ms); returns what it decided, usually nothing. */
  push(grams: number, at: number): PickEvent[] {
    if (!Number.isFinite(grams) || !Number.isFinite(at)) return [];
    const events: PickEvent[] = [];
    const change = this.health.push(grams, at);
    if (change) events.push({ kind: 'health', state: change.state, stdGrams: change.stdGrams, at });
    const dt = this.lastAt === null ? 0 : Math.max(0, at - this.lastAt);
    this.lastAt = at;
    switch (this.phase) {
      case 'taring':
        this.onTaring(grams, at, events);
        break;
      case 'stable':
        this.onStable(grams, at, dt, events);
        break;
      case 'active':
        this.onActive(grams, at, events);
        break;
      default: {
        const never: never = this.phase;
        throw new Error(`unknown phase ${String(never)}`);
      }
    }
    return events;
  }

  private threshold(): number {
    return Math.max(8 * this.noise, 0.15 * this.options.unitWeightGrams);
  }

  private onTaring(grams: number, at: number, events: PickEvent[]): void {
    this.tareStartedAt ??= at;
    this.tareWindow.push(grams);
    if (!this.tareWindow.isFull) return;
    const std = this.tareWindow.std();
    // Someone touching the shelf during tare: keep sliding, but accept after 10 s anyway.
    const quiet = std <= 3 * this.rate.typicalNoiseGrams;
    if (!quiet && at - this.tareStartedAt < 10_000) return;
    this.baseline = this.tareWindow.mean();
    this.noise = Math.max(0.5 * this.rate.typicalNoiseGrams, std);
    this.enterStable();
    events.push({ kind: 'tared', baselineGrams: this.baseline, noiseGrams: this.noise, at });
  }

  private enterStable(): void {
    this.phase = 'stable';
    this.below = 0;
    this.above = 0;
    this.stableWindow.clear();
  }

  private onStable(grams: number, at: number, dt: number, events: PickEvent[]): void {
    const d = grams - this.baseline;
    const t = this.threshold();
    this.below = d < -t ? this.below + 1 : 0;
    this.above = d > t ? this.above + 1 : 0;
    if (this.below >= this.rate.evidenceSamples || this.above >= this.rate.evidenceSamples) {
      const isDrop = this.below > 0;
      this.phase = 'active';
      this.activeSince = at;
      this.liftStarted = false;
      this.reportedUnsettled = false;
      this.settleWindow.clear();
      this.settleWindow.push(grams);
      if (isDrop) this.emitLiftStart(at, events);
      return;
    }
    if (this.below === 0 && this.above === 0) this.track(grams, dt);
  }

  private emitLiftStart(at: number, events: PickEvent[]): void {
    this.liftStarted = true;
    if (this.health.current === 'ok') events.push({ kind: 'lift-start', at });
  }

  /** Slow baseline and noise tracking; only while the window is flat and near the baseline. */
  private track(grams: number, dt: number): void {
    this.stableWindow.push(grams);
    if (!this.stableWindow.isFull) return;
    const std = this.stableWindow.std();
    if (std > 3 * this.noise) return;
    this.noise += 0.02 * (Math.max(0.5 * this.rate.typicalNoiseGrams, std) - this.noise);
    const maxDriftPerHour = this.options.maxDriftGramsPerHour ?? DEFAULT_MAX_DRIFT_GRAMS_PER_HOUR;
    const cap = (maxDriftPerHour * dt) / 3_600_000;
    const tau = this.options.driftTimeConstantMs ?? 20_000;
    const step = ((this.stableWindow.mean() - this.baseline) * dt) / tau;
    this.baseline += Math.max(-cap, Math.min(cap, step));
  }

  private onActive(grams: number, at: number, events: PickEvent[]): void {
    this.settleWindow.push(grams);
    if (!this.liftStarted) {
      // A press (weight up) came first; a drop afterwards is still the start of a lift.
      this.below = grams - this.baseline < -this.threshold() ? this.below + 1 : 0;
      if (this.below >= this.rate.evidenceSamples) this.emitLiftStart(at, events);
    }
    if (this.settleWindow.isFull && this.isSettled()) {
      this.finish(at, events);
      return;
    }
    if (!this.reportedUnsettled && at - this.activeSince >= (this.options.maxSettleMs ?? 3000)) {
      this.reportedUnsettled = true;
      const deltaGrams = this.settleWindow.mean() - this.baseline;
      events.push({ kind: 'uncertain', direction: deltaGrams < 0 ? 'lift' : 'put', deltaGrams, reason: 'not-settled', at });
    }
  }

  private isSettled(): boolean {
    return this.settleWindow.std() <= 2 * this.noise && this.settleWindow.halvesDifference() <= 2 * this.noise;
  }

  private finish(at: number, events: PickEvent[]): void {
    const settledMean = this.settleWindow.mean();
    const deltaGrams = settledMean - this.baseline;
    const direction: PickDirection = deltaGrams < 0 ? 'lift' : 'put';
    const result = fitCount(deltaGrams, {
      ...this.fit,
      noiseGrams: this.noise,
      deltaNoiseGrams: this.noise * Math.sqrt(2 / this.settleWindow.capacity),
    });
    if (result.kind === 'zero') {
      if (this.liftStarted) events.push({ kind: 'cancelled', deltaGrams, at });
    } else if (this.health.current !== 'ok') {
      events.push({ kind: 'uncertain', direction, deltaGrams, reason: 'sensor-unhealthy', at });
    } else if (result.kind === 'fits') {
      events.push({ kind: 'confirmed', direction, count: result.count, deltaGrams, at });
    } else if (direction === 'put') {
      events.push({ kind: 'wrong-item', deltaGrams, at });
    } else {
      events.push({ kind: 'uncertain', direction, deltaGrams, reason: 'no-fit', at });
    }
    // The settled mean is the new zero: an averaged re-tare after every motion.
    this.baseline = settledMean;
    const settled = this.settleWindow.toArray();
    this.enterStable();
    for (const v of settled) this.stableWindow.push(v);
  }
}
