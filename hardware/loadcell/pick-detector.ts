import { fitCount, type CountFit } from './count-fit.ts';
import { HealthMonitor, type LoadCellHealthState } from './health.ts';
import { SampleWindow } from './sample-window.ts';
import { DEFAULT_MAX_DRIFT_GRAMS_PER_HOUR, DEFAULT_UNIT_SPREAD, HX711_RATES, REFERENCE_CAPACITY_GRAMS, type AmplifierRate } from './sensor-table.ts';
import { TareVerifier } from './tare.ts';
import { diffNoise, judgeWindow } from './window-stats.ts';
import { ZeroTracker } from './zero-tracker.ts';

export type PickDirection = 'lift' | 'put';
export type UncertainReason = 'no-fit' | 'not-settled' | 'sensor-unhealthy';

/** What one channel's detector reports. `at` is the time of the reading that decided it. */
export type PickEvent =
  | { kind: 'tared'; baselineGrams: number; noiseGrams: number; verified: boolean; at: number }
  | { kind: 'lift-start'; at: number }
  | { kind: 'confirmed'; direction: PickDirection; count: number; deltaGrams: number; at: number }
  | { kind: 'uncertain'; direction: PickDirection; deltaGrams: number; reason: UncertainReason; at: number }
  | { kind: 'wrong-item'; deltaGrams: number; at: number }
  | { kind: 'cancelled'; deltaGrams: number; at: number }
  | { kind: 'health'; state: LoadCellHealthState; stdGrams: number; at: number };

export interface PickDetectorOptions {
  unitWeightGrams: number;
  samplesPerSecond?: 10 | 80;
  /** Rated capacity of the cell (5 kg, 20 kg …): scales the starting noise guess and the drift cap. */
  capacityGrams?: number;
  /** Fractional spread of single items (0.1 = ±10 %). */
  unitSpread?: number;
  /** Averaging time for tare, ms. */
  tareMs?: number;
  /** Drift the zero may follow per hour per 5 kg of capacity. */
  maxDriftGramsPerHour?: number;
  /** A motion that fits no count is reported after it stayed settled this long. */
  giveUpMs?: number;
  /** After this long without settling, report `uncertain` (and keep waiting). */
  maxSettleMs?: number;
  maxCount?: number;
  stuckAfterMs?: number;
  noisyStdGrams?: number;
}

type Phase = 'taring' | 'stable' | 'active';

/**
 * Turns one load-cell channel's readings into lifts and puts. Pure: time comes only from
 * the readings' timestamps. See docs/load-cells.md for the reasoning behind each rule.
 *
 * taring ──(verified quiet window)──▶ stable ──(|Δ| beyond threshold, several readings)──▶ active
 * active: a sustained drop emits `lift-start`; once a window is flat the Δ is fitted to a
 *   count. Lifts confirm on the short window; puts, wrong items and give-ups need the long
 *   one (a hand or a lean sways within it). A Δ that fits nothing keeps waiting (the hand
 *   may still be on the shelf) and is reported only after `giveUpMs` of stillness.
 */
export class PickDetector {
  private readonly rate: AmplifierRate;
  private readonly unit: number;
  private readonly capScale: number;
  private readonly health: HealthMonitor;
  private readonly tarer: TareVerifier;
  private readonly motion: SampleWindow;
  private readonly quiet: SampleWindow;
  private phase: Phase = 'taring';
  private readonly zero: ZeroTracker;
  private noise: number;
  private belowRun = 0;
  private beyondRun = 0;
  private quietCountdown = 0;
  private activeSince = 0;
  private liftStarted = false;
  private reportedUnsettled = false;
  private noFitSince: number | null = null;
  private lastSeenAt = 0;

  constructor(private readonly options: PickDetectorOptions) {
    if (!(options.unitWeightGrams > 0)) throw new RangeError('unitWeightGrams must be positive');
    this.unit = options.unitWeightGrams;
    this.rate = HX711_RATES[options.samplesPerSecond ?? 80];
    this.capScale = (options.capacityGrams ?? REFERENCE_CAPACITY_GRAMS) / REFERENCE_CAPACITY_GRAMS;
    const typical = this.rate.typicalNoiseGrams * this.capScale;
    this.noise = typical;
    const tareSamples = Math.max(4, Math.round((options.tareMs ?? 1000) / this.rate.periodMs));
    const noisy = options.noisyStdGrams ?? 8 * typical;
    this.tarer = new TareVerifier({ samples: tareSamples, skip: 4, segments: this.rate.longSettleSegments, noiseFloor: 0.25 * typical, maxNoise: 2.5 * typical });
    this.motion = new SampleWindow(this.rate.longSettleSamples);
    this.quiet = new SampleWindow(tareSamples);
    this.zero = new ZeroTracker({ unitWeightGrams: this.unit, maxDriftGramsPerHour: (options.maxDriftGramsPerHour ?? DEFAULT_MAX_DRIFT_GRAMS_PER_HOUR) * this.capScale });
    this.health = new HealthMonitor({ blockMs: 1000, stuckAfterMs: options.stuckAfterMs ?? 30_000, stuckStdGrams: 0.02 * typical, noisyStdGrams: noisy, noisyWindowBlocks: 9 });
  }

  /**
   * Current baseline (grams on the scale at the last verified zero), noise estimate, phase,
   * and what the shelf holds now if the readings are still: the baseline when stable, the
   * settled level of an undecided motion, null while something moves or before the tare.
   */
  snapshot(): { phase: Phase; baselineGrams: number; noiseGrams: number; health: LoadCellHealthState; settledGrams: number | null } {
    return { phase: this.phase, baselineGrams: this.zero.level, noiseGrams: this.noise, health: this.health.current, settledGrams: this.settledLevel() };
  }

  private settledLevel(): number | null {
    if (this.phase === 'stable') return this.zero.level;
    if (this.phase === 'taring' || this.motion.size < this.rate.settleSamples) return null;
    const verdict = judgeWindow(this.motion.toArray().slice(-this.rate.settleSamples), { noise: this.noise, slack: this.slack(), segments: this.rate.settleSegments });
    return verdict.settled ? verdict.mean : null;
  }

  /** Starts a verified tare with the next readings (staff command or first start). */
  tare(): void {
    this.phase = 'taring';
    this.tarer.reset();
  }

  /** Feeds one reading (grams, ms); returns what it decided, usually nothing. */
  push(grams: number, at: number): PickEvent[] {
    if (!Number.isFinite(grams) || !Number.isFinite(at)) return [];
    const events: PickEvent[] = [];
    this.lastSeenAt = at;
    const change = this.health.push(grams, at);
    if (change) events.push({ kind: 'health', state: change.state, stdGrams: change.stdGrams, at });
    switch (this.phase) {
      case 'taring':
        this.onTaring(grams, at, events);
        break;
      case 'stable':
        this.onStable(grams, at, events);
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

  private get motionThreshold(): number {
    return Math.max(0.2 * this.unit, 6 * this.noise);
  }

  private get liftThreshold(): number {
    return Math.max(0.65 * this.unit, 8 * this.noise);
  }

  private onTaring(grams: number, at: number, events: PickEvent[]): void {
    const result = this.tarer.push(grams, at);
    if (!result) return;
    this.noise = result.noise;
    this.zero.set(result.baseline, Math.round((this.options.tareMs ?? 1000) / this.rate.periodMs), at);
    this.enterStable();
    events.push({ kind: 'tared', baselineGrams: this.zero.level, noiseGrams: this.noise, verified: result.verified, at });
  }

  private enterStable(): void {
    if (this.phase === 'active') this.zero.motionEnded(this.lastSeenAt);
    else this.zero.forgetQuiet();
    this.phase = 'stable';
    this.belowRun = 0;
    this.beyondRun = 0;
    this.quiet.clear();
    this.quietCountdown = this.quiet.capacity;
  }

  private countRuns(grams: number): void {
    const d = grams - this.zero.level;
    this.belowRun = d < -this.liftThreshold ? this.belowRun + 1 : 0;
    this.beyondRun = Math.abs(d) > this.motionThreshold ? this.beyondRun + 1 : 0;
  }

  private onStable(grams: number, at: number, events: PickEvent[]): void {
    this.countRuns(grams);
    if (this.beyondRun >= this.rate.motionSamples) {
      this.phase = 'active';
      this.activeSince = at;
      this.liftStarted = false;
      this.reportedUnsettled = false;
      this.noFitSince = null;
      this.motion.clear();
      for (const v of this.quiet.toArray().slice(-this.rate.motionSamples)) this.motion.push(v);
      this.motion.push(grams);
      this.checkLiftStart(at, events);
      return;
    }
    this.quiet.push(grams);
    this.quietCountdown -= 1;
    if (this.quietCountdown <= 0 && this.quiet.isFull) {
      this.quietCountdown = Math.ceil(this.quiet.capacity / 2);
      this.track(at);
    }
  }

  /** Noise tracking and re-zeroing from a verified quiet window (zero-tracker.ts). */
  private track(at: number): void {
    const values = this.quiet.toArray();
    const noise = Math.max(0.25 * this.rate.typicalNoiseGrams * this.capScale, diffNoise(values));
    const verdict = judgeWindow(values, { noise: this.noise, slack: 0, segments: this.rate.longSettleSegments });
    if (verdict.settled && noise < 3 * this.noise) this.noise += 0.1 * (noise - this.noise);
    this.zero.offerQuiet(verdict, values.length, this.noise, at);
  }

  private checkLiftStart(at: number, events: PickEvent[]): void {
    if (this.liftStarted || this.belowRun < this.rate.liftStartSamples) return;
    this.liftStarted = true;
    if (this.health.current === 'ok') events.push({ kind: 'lift-start', at });
  }

  private onActive(grams: number, at: number, events: PickEvent[]): void {
    this.countRuns(grams);
    this.motion.push(grams);
    this.checkLiftStart(at, events);
    if (this.motion.size >= this.rate.settleSamples && this.decide(at, events)) return;
    if (!this.reportedUnsettled && at - this.activeSince >= (this.options.maxSettleMs ?? 8000)) {
      this.reportedUnsettled = true;
      const deltaGrams = this.motion.mean() - this.zero.level;
      events.push({ kind: 'uncertain', direction: deltaGrams < 0 ? 'lift' : 'put', deltaGrams, reason: 'not-settled', at });
    }
  }

  private slack(): number {
    return this.rate.settleSlackUnits * this.unit;
  }

  private fit(delta: number, samples: number): CountFit {
    const deltaNoise = this.noise * Math.sqrt(1 / samples + 1 / this.zero.samples);
    return fitCount(delta, { unitWeightGrams: this.unit, unitSpread: this.options.unitSpread ?? DEFAULT_UNIT_SPREAD, deltaNoiseGrams: deltaNoise, noiseGrams: this.noise, maxCount: this.options.maxCount ?? 8, maxBandFraction: 0.4 });
  }

  /** True when the motion ended (an event was decided and the detector is stable again). */
  private decide(at: number, events: PickEvent[]): boolean {
    const all = this.motion.toArray();
    const short = judgeWindow(all.slice(-this.rate.settleSamples), { noise: this.noise, slack: this.slack(), segments: this.rate.settleSegments });
    if (!short.settled) {
      this.noFitSince = null;
      return false;
    }
    const delta = short.mean - this.zero.level;
    const result = this.fit(delta, this.rate.settleSamples);
    if (result.kind === 'zero') {
      if (this.liftStarted) events.push({ kind: 'cancelled', deltaGrams: delta, at });
      if (Math.abs(delta) <= 4 * this.noise * Math.sqrt(1 / this.rate.settleSamples + 1 / this.zero.samples)) this.zero.set(short.mean, this.rate.settleSamples, at);
      this.enterStable();
      return true;
    }
    if (result.kind === 'fits' && delta < 0) return this.finish(events, at, short.mean, this.rate.settleSamples, { kind: 'confirmed', direction: 'lift', count: result.count, deltaGrams: delta, at });
    // Puts and anything that fits no count must stay still for the long window.
    const long = this.motion.isFull ? judgeWindow(all, { noise: this.noise, slack: this.slack(), segments: this.rate.longSettleSegments }) : null;
    if (!long?.settled) return false;
    const longDelta = long.mean - this.zero.level;
    const longFit = this.fit(longDelta, all.length);
    if (longFit.kind === 'fits' && result.kind === 'fits' && longFit.count === result.count) {
      return this.finish(events, at, long.mean, all.length, { kind: 'confirmed', direction: longDelta < 0 ? 'lift' : 'put', count: longFit.count, deltaGrams: longDelta, at });
    }
    this.noFitSince ??= at;
    if (at - this.noFitSince < (this.options.giveUpMs ?? 1500)) return false;
    const flag: PickEvent = longDelta > 0 ? { kind: 'wrong-item', deltaGrams: longDelta, at } : { kind: 'uncertain', direction: 'lift', deltaGrams: longDelta, reason: 'no-fit', at };
    return this.finish(events, at, long.mean, all.length, flag);
  }

  /** Reports the outcome (withheld as `uncertain` while the sensor is unhealthy) and zeroes on the settled level. */
  private finish(events: PickEvent[], at: number, level: number, samples: number, outcome: PickEvent): boolean {
    if (outcome.kind === 'confirmed' && this.health.current !== 'ok') {
      events.push({ kind: 'uncertain', direction: outcome.direction, deltaGrams: outcome.deltaGrams, reason: 'sensor-unhealthy', at });
    } else {
      events.push(outcome);
    }
    this.zero.set(level, samples, at);
    this.enterStable();
    return true;
  }
}
