import { PickDetector, type PickEvent } from './pick-detector.ts';
import { generateScenario, type Scenario, type TruthEvent } from './scenario.ts';

/** Figures from running the pick detector over seeded scenarios (simulated ms). */
export interface LoadCellFigures {
  samplesPerSecond: 10 | 80;
  sessions: number;
  lifts: number;
  puts: number;
  wrongItemPuts: number;
  /** Lifts whose confirmed count was wrong, per lift. */
  wrongCountRate: number;
  /** Lifts that ended without a confirmed count, per lift. */
  uncertainRate: number;
  /** Correct-slot puts with a wrong confirmed count, per put. */
  putWrongCountRate: number;
  putUncertainRate: number;
  /** Foreign items put back that were flagged (wrong-item or uncertain) instead of counted. */
  wrongItemFlaggedRate: number;
  /** `lift-start` events during puts or idle time. */
  falseLiftStarts: number;
  liftStartMsP50: number;
  liftStartMsP95: number;
  confirmMsP50: number;
  confirmMsP95: number;
  /** Confirmation after the items stopped moving: the detector's own settling cost. */
  confirmAfterMotionMsP95: number;
}

export interface BenchmarkOptions {
  seed?: number;
  /** Stop once at least this many lifts were simulated. */
  minLifts?: number;
  samplesPerSecond?: 10 | 80;
}

type Outcome = 'correct' | 'wrong' | 'uncertain';

interface Tally {
  lifts: number; liftWrong: number; liftUncertain: number;
  puts: number; putWrong: number; putUncertain: number;
  wrongPuts: number; wrongPutsFlagged: number;
  falseLiftStarts: number;
  liftStart: number[]; confirm: number[]; confirmAfterMotion: number[];
}

/** Runs seeded sessions until `minLifts` lifts were simulated and returns the figures. */
export function runLoadCellBenchmark(options: BenchmarkOptions = {}): LoadCellFigures {
  const sps = options.samplesPerSecond ?? 80;
  const minLifts = options.minLifts ?? 1000;
  const tally: Tally = { lifts: 0, liftWrong: 0, liftUncertain: 0, puts: 0, putWrong: 0, putUncertain: 0, wrongPuts: 0, wrongPutsFlagged: 0, falseLiftStarts: 0, liftStart: [], confirm: [], confirmAfterMotion: [] };
  let sessions = 0;
  const baseSeed = options.seed ?? 20240611;
  while (tally.lifts < minLifts) {
    const scenario = generateScenario({ seed: baseSeed + sessions * 7919, samplesPerSecond: sps });
    scoreScenario(scenario, runDetector(scenario), tally);
    sessions += 1;
  }
  return {
    samplesPerSecond: sps,
    sessions,
    lifts: tally.lifts,
    puts: tally.puts,
    wrongItemPuts: tally.wrongPuts,
    wrongCountRate: tally.liftWrong / tally.lifts,
    uncertainRate: tally.liftUncertain / tally.lifts,
    putWrongCountRate: tally.puts ? tally.putWrong / tally.puts : 0,
    putUncertainRate: tally.puts ? tally.putUncertain / tally.puts : 0,
    wrongItemFlaggedRate: tally.wrongPuts ? tally.wrongPutsFlagged / tally.wrongPuts : 1,
    falseLiftStarts: tally.falseLiftStarts,
    liftStartMsP50: percentile(tally.liftStart, 0.5),
    liftStartMsP95: percentile(tally.liftStart, 0.95),
    confirmMsP50: percentile(tally.confirm, 0.5),
    confirmMsP95: percentile(tally.confirm, 0.95),
    confirmAfterMotionMsP95: percentile(tally.confirmAfterMotion, 0.95),
  };
}

/** Feeds a scenario's readings through a fresh detector; returns every event. */
export function runDetector(scenario: Scenario): PickEvent[] {
  const detector = new PickDetector({ unitWeightGrams: scenario.unitWeightGrams, samplesPerSecond: scenario.samplesPerSecond });
  const events: PickEvent[] = [];
  for (let i = 0; i < scenario.at.length; i++) events.push(...detector.push(scenario.grams[i] ?? NaN, scenario.at[i] ?? NaN));
  return events;
}

function scoreScenario(scenario: Scenario, events: PickEvent[], tally: Tally): void {
  const truth = scenario.truth;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as TruthEvent;
    const until = truth[i + 1]?.touchAt ?? Infinity;
    const mine = events.filter((e) => e.at >= t.touchAt && e.at < until);
    scoreOne(t, mine, tally);
  }
  const beforeFirst = truth[0]?.touchAt ?? Infinity;
  tally.falseLiftStarts += events.filter((e) => e.kind === 'lift-start' && e.at < beforeFirst).length;
}

function scoreOne(t: TruthEvent, mine: PickEvent[], tally: Tally): void {
  const liftStarts = mine.filter((e) => e.kind === 'lift-start');
  if (t.kind !== 'lift') tally.falseLiftStarts += liftStarts.length;
  const outcome = outcomeOf(t, mine);
  if (t.kind === 'lift') {
    tally.lifts += 1;
    if (outcome === 'wrong') tally.liftWrong += 1;
    if (outcome === 'uncertain') tally.liftUncertain += 1;
    const first = liftStarts[0];
    if (first) tally.liftStart.push(first.at - t.transferAt);
  } else if (t.kind === 'put') {
    tally.puts += 1;
    if (outcome === 'wrong') tally.putWrong += 1;
    if (outcome === 'uncertain') tally.putUncertain += 1;
  } else {
    tally.wrongPuts += 1;
    if (!mine.some((e) => e.kind === 'confirmed')) tally.wrongPutsFlagged += 1;
  }
  if (outcome === 'correct' && t.kind === 'lift') {
    const confirmed = mine.filter((e) => e.kind === 'confirmed');
    const last = confirmed[confirmed.length - 1];
    if (last) {
      tally.confirm.push(last.at - t.transferAt);
      tally.confirmAfterMotion.push(last.at - t.motionEndAt);
    }
  }
}

/**
 * Net confirmed count in the event's window against the truth. A wrong net count only
 * counts as "wrong" when nothing in the window was flagged: "2 lifted, then something
 * uncertain" for a 3-item lift tells staff to look, which is what we want.
 */
function outcomeOf(t: TruthEvent, mine: PickEvent[]): Outcome {
  let net = 0;
  let confirmedAny = false;
  let flagged = false;
  for (const e of mine) {
    if (e.kind === 'uncertain' || e.kind === 'wrong-item') flagged = true;
    if (e.kind !== 'confirmed') continue;
    confirmedAny = true;
    net += e.direction === 'lift' ? -e.count : e.count;
  }
  const expected = t.kind === 'lift' ? -t.count : t.count;
  if (confirmedAny && net === expected) return 'correct';
  return confirmedAny && !flagged ? 'wrong' : 'uncertain';
}

function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? NaN;
}
