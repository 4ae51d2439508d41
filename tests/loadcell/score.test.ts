import { describe, expect, it } from 'vitest';
import type { PickEvent } from '../../hardware/loadcell/index.ts';
import { generateSession } from '../physics/loadcell/index.ts';
import { scoreDetector, scoreSession, summarise, type Report } from './score.ts';

// A few hundred physics lifts per rate (the benchmark runs ≥ 5,000): the bars of issue 13.
describe('pick detector on shelf physics (strict scoring)', () => {
  for (const samplesPerSecond of [80, 10] as const) {
    it(`${samplesPerSecond} SPS: wrong ≤ 0.1 %, uncertain ≤ 2 %, false starts ≤ 1/h, confirm p95 ≤ 1 s`, () => {
      const report = scoreDetector({ samplesPerSecond, minLifts: 300, seed: 4242 });
      const all = summarise(report.get('all') ?? expect.fail('no figures'));
      expect(all.lifts).toBeGreaterThanOrEqual(300);
      expect(all.wrongCountRate).toBeLessThanOrEqual(0.001);
      expect(all.uncertainRate).toBeLessThanOrEqual(0.02);
      expect(all.falseStartsPerHour).toBeLessThanOrEqual(1);
      expect(all.confirmMsP95).toBeLessThanOrEqual(1000);
      const big = summarise(report.get('cell:20kg') ?? expect.fail('no 20 kg cell'));
      expect(big.lifts).toBeGreaterThan(50);
      expect(big.wrongCountRate).toBeLessThanOrEqual(0.001);
      expect(big.uncertainRate).toBeLessThanOrEqual(0.02);
      expect(summarise(report.get('condition:hand-press') ?? expect.fail('no hand presses')).wrongCountRate).toBe(0);
    });
  }
});

describe('strict scoring', () => {
  const session = generateSession({ seed: 5, samplesPerSecond: 80, events: 6 });
  const lift = session.truth.find((t) => t.kind === 'lift') ?? expect.fail('no lift');
  const at = lift.motionEndAt + 300;

  function score(events: PickEvent[]): Report {
    const report: Report = new Map();
    scoreSession(session, events, report);
    return report;
  }

  it('counts a wrong count as wrong even when an uncertain flag came with it', () => {
    const events: PickEvent[] = [
      { kind: 'confirmed', direction: 'lift', count: lift.count + 1, deltaGrams: 0, at },
      { kind: 'uncertain', direction: 'lift', deltaGrams: 0, reason: 'no-fit', at: at + 10 },
    ];
    const all = score(events).get('all');
    expect(all?.liftWrong).toBe(1);
    expect(all?.liftUncertain).toBe(session.truth.filter((t) => t.kind === 'lift').length - 1);
  });

  it('counts a lift-start outside a lift as a false start and measures latency from the end of motion', () => {
    const disturbance = session.truth.find((t) => t.kind !== 'lift');
    const events: PickEvent[] = [{ kind: 'confirmed', direction: 'lift', count: lift.count, deltaGrams: 0, at }];
    if (disturbance) events.push({ kind: 'lift-start', at: disturbance.touchAt + 1 });
    const all = score(events).get('all');
    expect(all?.confirmAfterMotionMs).toEqual([300]);
    expect(all?.falseStarts).toBe(disturbance ? 1 : 0);
  });
});
