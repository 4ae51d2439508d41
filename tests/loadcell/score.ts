import { PickDetector, type PickEvent } from '../../hardware/loadcell/index.ts';
import { generateSession, type PhysicsSession, type Truth } from '../physics/loadcell/index.ts';

/**
 * Strict scoring of the pick detector on the physics sessions (tests/physics/loadcell).
 *
 * Each truth event owns the time from its first contact to the next event's. Within it:
 * - a lift or put is **correct** when the detector confirmed something and the net of its
 *   confirmed counts equals the truth; **wrong** when it confirmed something and the net
 *   differs — whatever `uncertain` or `wrong-item` flag came with it, because the confirmed
 *   count is what a service would book; **uncertain** when it confirmed nothing;
 * - a `lift-start` anywhere but in a lift's time is a false start; a confirmation in a
 *   knock's, lean's or start-up touch's time is a false confirmation.
 * Confirm latency is from the end of motion (last item still, no hand on the shelf) to the
 * last confirmation, for correct lifts.
 */
export interface Figures {
  lifts: number;
  liftWrong: number;
  liftUncertain: number;
  puts: number;
  putWrong: number;
  putUncertain: number;
  wrongItems: number;
  wrongItemsCounted: number;
  falseStarts: number;
  falseConfirms: number;
  hours: number;
  confirmAfterMotionMs: number[];
  liftStartMs: number[];
}

export interface Summary {
  lifts: number;
  wrongCountRate: number;
  uncertainRate: number;
  puts: number;
  putWrongCountRate: number;
  putUncertainRate: number;
  wrongItems: number;
  wrongItemCountedRate: number;
  falseStartsPerHour: number;
  falseConfirmsPerHour: number;
  hours: number;
  confirmMsP50: number;
  confirmMsP95: number;
  liftStartMsP95: number;
}

export interface ScoreOptions {
  samplesPerSecond: 10 | 80;
  minLifts: number;
  seed?: number;
  /** Shopper events per session. */
  events?: number;
}

/** Groups: `all`, `condition:<c>`, `cell:<5kg|20kg>`, `product:<nominal g>`. */
export type Report = Map<string, Figures>;

function emptyFigures(): Figures {
  return { lifts: 0, liftWrong: 0, liftUncertain: 0, puts: 0, putWrong: 0, putUncertain: 0, wrongItems: 0, wrongItemsCounted: 0, falseStarts: 0, falseConfirms: 0, hours: 0, confirmAfterMotionMs: [], liftStartMs: [] };
}

/** Runs sessions until `minLifts` lifts were scored; returns the figures per group. */
export function scoreDetector(options: ScoreOptions): Report {
  const report: Report = new Map();
  const seed = options.seed ?? 13_2026;
  for (let s = 0; (report.get('all')?.lifts ?? 0) < options.minLifts; s++) {
    const session = generateSession({ seed: seed + s * 104_729, samplesPerSecond: options.samplesPerSecond, ...(options.events ? { events: options.events } : {}) });
    scoreSession(session, runDetector(session), report);
  }
  return report;
}

/** A fresh detector configured as a store would: the catalogue's nominal weight and the cell fitted. */
export function runDetector(session: PhysicsSession): PickEvent[] {
  const detector = new PickDetector({ unitWeightGrams: session.product.nominalGrams, samplesPerSecond: session.samplesPerSecond, capacityGrams: session.cell.capacityGrams });
  const events: PickEvent[] = [];
  for (let i = 0; i < session.at.length; i++) for (const e of detector.push(session.grams[i] ?? NaN, session.at[i] ?? NaN)) events.push(e);
  return events;
}

function groupsOf(session: PhysicsSession, truth: Truth | null): string[] {
  const cell = `cell:${session.cell.capacityGrams / 1000}kg`;
  const groups = ['all', cell, `product:${session.product.nominalGrams}g`];
  if (truth && truth.condition !== 'none') groups.push(`condition:${truth.condition}`);
  return groups;
}

function figuresFor(report: Report, key: string): Figures {
  let f = report.get(key);
  if (!f) {
    f = emptyFigures();
    report.set(key, f);
  }
  return f;
}

export function scoreSession(session: PhysicsSession, events: readonly PickEvent[], report: Report): void {
  for (const key of groupsOf(session, null)) figuresFor(report, key).hours += session.durationMs / 3_600_000;
  const truth = [...session.truth].sort((a, b) => a.touchAt - b.touchAt);
  const first = truth[0]?.touchAt ?? Infinity;
  const before = events.filter((e) => e.at < first);
  tallyDisturbance(before, groupsOf(session, null).map((k) => figuresFor(report, k)));
  truth.forEach((t, i) => {
    const until = truth[i + 1]?.touchAt ?? Infinity;
    const mine = events.filter((e) => e.at >= t.touchAt && e.at < until);
    const targets = groupsOf(session, t).map((k) => figuresFor(report, k));
    if (t.kind === 'lift' || t.kind === 'put') tallyMotion(t, mine, targets);
    else if (t.kind === 'wrong-put') tallyWrongItem(mine, targets);
    else tallyDisturbance(mine, targets);
  });
}

function netConfirmed(events: readonly PickEvent[]): { net: number; any: boolean; last: number | null } {
  let net = 0;
  let last: number | null = null;
  for (const e of events) {
    if (e.kind !== 'confirmed') continue;
    net += e.direction === 'lift' ? -e.count : e.count;
    last = e.at;
  }
  return { net, any: last !== null, last };
}

function tallyMotion(t: Truth, mine: readonly PickEvent[], targets: Figures[]): void {
  const { net, any, last } = netConfirmed(mine);
  const expected = t.kind === 'lift' ? -t.count : t.count;
  const outcome = !any ? 'uncertain' : net === expected ? 'correct' : 'wrong';
  const firstStart = mine.find((e) => e.kind === 'lift-start');
  const falseStarts = t.kind === 'lift' ? 0 : mine.filter((e) => e.kind === 'lift-start').length;
  for (const f of targets) {
    f.falseStarts += falseStarts;
    if (t.kind === 'lift') {
      f.lifts += 1;
      if (outcome === 'wrong') f.liftWrong += 1;
      if (outcome === 'uncertain') f.liftUncertain += 1;
      if (outcome === 'correct' && last !== null) f.confirmAfterMotionMs.push(last - t.motionEndAt);
      if (firstStart) f.liftStartMs.push(firstStart.at - t.transferAt);
    } else {
      f.puts += 1;
      if (outcome === 'wrong') f.putWrong += 1;
      if (outcome === 'uncertain') f.putUncertain += 1;
    }
  }
}

function tallyWrongItem(mine: readonly PickEvent[], targets: Figures[]): void {
  const counted = netConfirmed(mine).any;
  const falseStarts = mine.filter((e) => e.kind === 'lift-start').length;
  for (const f of targets) {
    f.wrongItems += 1;
    if (counted) f.wrongItemsCounted += 1;
    f.falseStarts += falseStarts;
  }
}

function tallyDisturbance(mine: readonly PickEvent[], targets: Figures[]): void {
  const starts = mine.filter((e) => e.kind === 'lift-start').length;
  const confirms = mine.filter((e) => e.kind === 'confirmed').length;
  for (const f of targets) {
    f.falseStarts += starts;
    f.falseConfirms += confirms;
  }
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export function summarise(f: Figures): Summary {
  const rate = (n: number, d: number): number => (d > 0 ? n / d : 0);
  return {
    lifts: f.lifts,
    wrongCountRate: rate(f.liftWrong, f.lifts),
    uncertainRate: rate(f.liftUncertain, f.lifts),
    puts: f.puts,
    putWrongCountRate: rate(f.putWrong, f.puts),
    putUncertainRate: rate(f.putUncertain, f.puts),
    wrongItems: f.wrongItems,
    wrongItemCountedRate: rate(f.wrongItemsCounted, f.wrongItems),
    falseStartsPerHour: rate(f.falseStarts, f.hours),
    falseConfirmsPerHour: rate(f.falseConfirms, f.hours),
    hours: f.hours,
    confirmMsP50: percentile(f.confirmAfterMotionMs, 0.5),
    confirmMsP95: percentile(f.confirmAfterMotionMs, 0.95),
    liftStartMsP95: percentile(f.liftStartMs, 0.95),
  };
}
