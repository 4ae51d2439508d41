import { describe, expect, it } from 'vitest';
import { PickDetector, type PickEvent } from './pick-detector.ts';
import { createRng } from './random.ts';

const PERIOD = 12.5; // 80 SPS

/** Feeds `weight(t)` plus gaussian noise from `from` to `to` (ms) at 80 SPS. */
function feed(detector: PickDetector, weight: (t: number) => number, from: number, to: number, noise = 0.5, seed = 1, period = PERIOD): PickEvent[] {
  const rng = createRng(seed + from);
  const events: PickEvent[] = [];
  for (let t = from; t < to; t += period) events.push(...detector.push(weight(t) + rng.gaussian(0, noise), t));
  return events;
}

/** A step of `delta` grams starting at `at`, ramping over 150 ms. */
function step(base: number, delta: number, at: number): (t: number) => number {
  return (t) => base + delta * Math.max(0, Math.min(1, (t - at) / 150));
}

function kinds(events: PickEvent[]): string[] {
  return events.filter((e) => e.kind !== 'health').map((e) => e.kind);
}

const TARED = 2000;

describe('PickDetector', () => {
  it('tares on a verified quiet window, then reports lift-start and a confirmed single lift', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    const tare = feed(d, () => 2000, 0, TARED);
    expect(tare).toEqual([expect.objectContaining({ kind: 'tared', verified: true })]);
    expect(d.snapshot().baselineGrams).toBeCloseTo(2000, 0);
    const events = feed(d, step(2000, -262, 2500), TARED, 4500);
    expect(kinds(events)).toEqual(['lift-start', 'confirmed']);
    expect(events[1]).toMatchObject({ direction: 'lift', count: 1 });
    // lift-start comes on the first sustained evidence, before the count settles.
    expect(events[0]?.at).toBeLessThan(2700);
    expect(events[1]?.at).toBeLessThan(2650 + 600);
  });

  it('counts several items lifted at once and puts back', () => {
    const d = new PickDetector({ unitWeightGrams: 120 });
    feed(d, () => 1000, 0, TARED);
    const lift = feed(d, step(1000, -3 * 118, 2500), TARED, 4500);
    expect(lift.find((e) => e.kind === 'confirmed')).toMatchObject({ direction: 'lift', count: 3 });
    const put = feed(d, step(1000 - 354, 2 * 121, 5000), 4500, 8000);
    expect(kinds(put)).toEqual(['confirmed']);
    expect(put[0]).toMatchObject({ direction: 'put', count: 2 });
  });

  it('says uncertain when a lift fits no count rather than rounding, after waiting for the hand to go', () => {
    const d = new PickDetector({ unitWeightGrams: 200 });
    feed(d, () => 1500, 0, TARED);
    const events = feed(d, step(1500, -300, 2500), TARED, 6000);
    expect(events.find((e) => e.kind === 'uncertain')).toMatchObject({ reason: 'no-fit', direction: 'lift' });
    expect(events.some((e) => e.kind === 'confirmed')).toBe(false);
  });

  it('flags a put that fits no count as a wrong item', () => {
    const d = new PickDetector({ unitWeightGrams: 200 });
    feed(d, () => 1500, 0, TARED);
    const events = feed(d, step(1500, 130, 2500), TARED, 6000);
    expect(kinds(events)).toEqual(['wrong-item']);
  });

  it('cancels a lift-start when the shopper puts the item straight back', () => {
    const d = new PickDetector({ unitWeightGrams: 300 });
    feed(d, () => 900, 0, TARED);
    const bump = (t: number) => 900 - (t > 2500 && t < 2700 ? 250 : 0);
    const events = feed(d, bump, TARED, 4500);
    expect(kinds(events)).toEqual(['lift-start', 'cancelled']);
  });

  it('ignores single corrupted readings (bit errors, rails) at 80 and 10 SPS', () => {
    for (const sps of [80, 10] as const) {
      const period = 1000 / sps;
      const d = new PickDetector({ unitWeightGrams: 250, samplesPerSecond: sps });
      feed(d, () => 2000, 0, 3000, 0.5, 1, period);
      const glitchy = (t: number) => (Math.abs(t - 4000) < 1 ? -10_000 : Math.abs(t - 6000) < 1 ? 2500 : 2000);
      const events = feed(d, glitchy, 3000, 8000, 0.5, 1, period);
      expect(kinds(events)).toEqual([]);
    }
  });

  it('does not tare while a hand rests on the shelf at start-up', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    // A swaying 200 g hand for the first 3 s, then the shelf alone.
    const hand = (t: number) => 2000 + (t < 3000 ? 200 + 40 * Math.sin((2 * Math.PI * t) / 900) : 0);
    const events = feed(d, hand, 0, 6000);
    const tared = events.find((e) => e.kind === 'tared');
    expect(tared).toMatchObject({ verified: true });
    expect(tared?.at).toBeGreaterThan(3000);
    expect(d.snapshot().baselineGrams).toBeCloseTo(2000, 0);
  });

  it('holds the count while a swaying hand still presses on the shelf', () => {
    const d = new PickDetector({ unitWeightGrams: 100 });
    feed(d, () => 1500, 0, TARED);
    // One item (100 g) leaves at 2500 while a hand presses ~100 g until 3800, swaying.
    const weight = (t: number) => 1500 - 100 * Math.min(1, Math.max(0, (t - 2500) / 150)) + (t > 2300 && t < 3800 ? 100 + 20 * Math.sin((2 * Math.PI * t) / 700) : 0);
    const events = feed(d, weight, TARED, 6000);
    const confirmed = events.filter((e) => e.kind === 'confirmed');
    expect(confirmed).toEqual([expect.objectContaining({ direction: 'lift', count: 1 })]);
    expect(confirmed[0]?.at).toBeGreaterThan(3800);
  });

  it('ignores a knock: ringing never starts a lift', () => {
    const d = new PickDetector({ unitWeightGrams: 120 });
    feed(d, () => 1500, 0, TARED);
    const knock = (t: number) => 1500 + (t > 2500 ? 300 * Math.exp(-(t - 2500) / 120) * Math.sin((2 * Math.PI * 12 * (t - 2500)) / 1000) : 0);
    expect(kinds(feed(d, knock, TARED, 5000))).toEqual([]);
  });

  it('scales its noise expectations with the cell: a 20 kg cell at 4 g rms is healthy', () => {
    const d = new PickDetector({ unitWeightGrams: 2500, capacityGrams: 20_000 });
    feed(d, () => 8000, 0, TARED, 4);
    const events = feed(d, step(8000, -2490, 2500), TARED, 12_000, 4);
    expect(kinds(events)).toEqual(['lift-start', 'confirmed']);
    expect(d.snapshot().health).toBe('ok');
  });

  it('follows slow drift, but by no more than the hourly cap', () => {
    const d = new PickDetector({ unitWeightGrams: 500, maxDriftGramsPerHour: 10 });
    feed(d, () => 3000, 0, TARED);
    // 40 g/h of drift for 6 minutes: 4 g of real drift, cap allows 1 g.
    const events = feed(d, (t) => 3000 + (40 * t) / 3_600_000, TARED, 360_000, 0.5);
    expect(events.filter((e) => e.kind !== 'health')).toEqual([]);
    const moved = d.snapshot().baselineGrams - 3000;
    expect(moved).toBeGreaterThan(0.5);
    expect(moved).toBeLessThanOrEqual(1.1);
  });

  it('reports a stuck sensor and recovers when it moves again', () => {
    const d = new PickDetector({ unitWeightGrams: 250, stuckAfterMs: 5000 });
    feed(d, () => 2000, 0, TARED);
    const stuck = feed(d, () => 2000, TARED, 9000, 0);
    expect(stuck.filter((e) => e.kind === 'health')).toEqual([expect.objectContaining({ state: 'stuck' })]);
    const alive = feed(d, () => 2000, 9000, 12_000, 0.5);
    expect(alive.filter((e) => e.kind === 'health')).toEqual([expect.objectContaining({ state: 'ok' })]);
  });

  it('reports a noisy sensor and withholds counts while it is noisy', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    feed(d, () => 2000, 0, TARED);
    const noisy = feed(d, () => 2000, TARED, 8000, 12);
    expect(noisy.filter((e) => e.kind === 'health')).toEqual([expect.objectContaining({ state: 'noisy' })]);
    const lift = feed(d, step(2000, -250, 8500), 8000, 12_000, 12);
    expect(lift.some((e) => e.kind === 'confirmed' || e.kind === 'lift-start')).toBe(false);
  });

  it('reports uncertain when the scale never settles, and still confirms once it does', () => {
    const d = new PickDetector({ unitWeightGrams: 250, maxSettleMs: 1000 });
    feed(d, () => 2000, 0, TARED);
    const shaking = (t: number) => 1750 + (t < 3700 ? 30 * Math.sin(t / 20) : 0);
    const events = feed(d, shaking, TARED, 5500);
    expect(kinds(events.filter((e) => e.kind !== 'lift-start'))).toEqual(['uncertain', 'confirmed']);
  });

  it('re-tares on command with a verified window', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    feed(d, () => 2000, 0, TARED);
    d.tare();
    const events = feed(d, () => 2500, TARED, 4000);
    expect(events).toEqual([expect.objectContaining({ kind: 'tared', verified: true })]);
    expect(d.snapshot().baselineGrams).toBeCloseTo(2500, 0);
  });
});
