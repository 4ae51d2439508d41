import { describe, expect, it } from 'vitest';
import { PickDetector, type PickEvent } from './pick-detector.ts';
import { createRng } from './random.ts';

const PERIOD = 12.5; // 80 SPS

/** Feeds `weight(t)` plus gaussian noise from `from` to `to` (ms) at 80 SPS. */
function feed(detector: PickDetector, weight: (t: number) => number, from: number, to: number, noise = 0.5, seed = 1): PickEvent[] {
  const rng = createRng(seed + from);
  const events: PickEvent[] = [];
  for (let t = from; t < to; t += PERIOD) events.push(...detector.push(weight(t) + rng.gaussian(0, noise), t));
  return events;
}

/** A step of `delta` grams starting at `at`, ramping over 150 ms. */
function step(base: number, delta: number, at: number): (t: number) => number {
  return (t) => base + delta * Math.max(0, Math.min(1, (t - at) / 150));
}

function kinds(events: PickEvent[]): string[] {
  return events.map((e) => e.kind);
}

describe('PickDetector', () => {
  it('tares on an averaged window, then reports lift-start and a confirmed single lift', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    const tare = feed(d, () => 2000, 0, 1500);
    expect(tare).toEqual([expect.objectContaining({ kind: 'tared' })]);
    expect(d.snapshot().baselineGrams).toBeCloseTo(2000, 0);
    const events = feed(d, step(2000, -262, 2000), 1500, 4000);
    expect(kinds(events)).toEqual(['lift-start', 'confirmed']);
    expect(events[1]).toMatchObject({ direction: 'lift', count: 1 });
    // lift-start comes on the first evidence, well before the items finished moving.
    expect(events[0]?.at).toBeLessThan(2150);
  });

  it('counts several items lifted at once and puts back', () => {
    const d = new PickDetector({ unitWeightGrams: 120 });
    feed(d, () => 1000, 0, 1500);
    const lift = feed(d, step(1000, -3 * 118, 2000), 1500, 4000);
    expect(lift.find((e) => e.kind === 'confirmed')).toMatchObject({ direction: 'lift', count: 3 });
    const put = feed(d, step(1000 - 354, 2 * 121, 4500), 4000, 7000);
    expect(kinds(put)).toEqual(['confirmed']);
    expect(put[0]).toMatchObject({ direction: 'put', count: 2 });
  });

  it('says uncertain when a lift fits no count rather than rounding', () => {
    const d = new PickDetector({ unitWeightGrams: 200 });
    feed(d, () => 1500, 0, 1500);
    const events = feed(d, step(1500, -300, 2000), 1500, 4000);
    expect(events.find((e) => e.kind === 'uncertain')).toMatchObject({ reason: 'no-fit', direction: 'lift' });
    expect(events.some((e) => e.kind === 'confirmed')).toBe(false);
  });

  it('flags a put that fits no count as a wrong item', () => {
    const d = new PickDetector({ unitWeightGrams: 200 });
    feed(d, () => 1500, 0, 1500);
    const events = feed(d, step(1500, 130, 2000), 1500, 4000);
    expect(kinds(events)).toEqual(['wrong-item']);
  });

  it('cancels a lift-start when the shopper puts the item straight back', () => {
    const d = new PickDetector({ unitWeightGrams: 300 });
    feed(d, () => 900, 0, 1500);
    const bump = (t: number) => 900 - (t > 2000 && t < 2100 ? 200 : 0);
    const events = feed(d, bump, 1500, 3500);
    expect(kinds(events)).toEqual(['lift-start', 'cancelled']);
  });

  it('ignores a single HX711 glitch sample at 80 SPS', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    feed(d, () => 2000, 0, 1500);
    const events = feed(d, (t) => (t === 2000 ? -3000 : 2000), 1500, 3500);
    expect(events.filter((e) => e.kind === 'lift-start' || e.kind === 'confirmed')).toEqual([]);
  });

  it('follows slow drift, but by no more than the hourly cap', () => {
    const d = new PickDetector({ unitWeightGrams: 500, maxDriftGramsPerHour: 10 });
    feed(d, () => 3000, 0, 1500);
    // 40 g/h of drift for 6 minutes: 4 g of real drift, cap allows 1 g.
    const events = feed(d, (t) => 3000 + (40 * t) / 3_600_000, 1500, 360_000, 0.5);
    expect(events.filter((e) => e.kind !== 'health')).toEqual([]);
    const moved = d.snapshot().baselineGrams - 3000;
    expect(moved).toBeGreaterThan(0.5);
    expect(moved).toBeLessThanOrEqual(1.05);
  });

  it('reports a stuck sensor and recovers when it moves again', () => {
    const d = new PickDetector({ unitWeightGrams: 250, stuckAfterMs: 5000 });
    feed(d, () => 2000, 0, 1500);
    const stuck = feed(d, () => 2000, 1500, 9000, 0);
    expect(stuck.filter((e) => e.kind === 'health')).toEqual([expect.objectContaining({ state: 'stuck' })]);
    const alive = feed(d, () => 2000, 9000, 12_000, 0.5);
    expect(alive.filter((e) => e.kind === 'health')).toEqual([expect.objectContaining({ state: 'ok' })]);
  });

  it('reports a noisy sensor and withholds counts while it is noisy', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    feed(d, () => 2000, 0, 1500);
    const noisy = feed(d, () => 2000, 1500, 8000, 8);
    expect(noisy.filter((e) => e.kind === 'health')).toEqual([expect.objectContaining({ state: 'noisy' })]);
    const lift = feed(d, step(2000, -250, 8500), 8000, 11_000, 8);
    expect(lift.some((e) => e.kind === 'confirmed' || e.kind === 'lift-start')).toBe(false);
  });

  it('reports uncertain when the scale never settles, and still confirms once it does', () => {
    const d = new PickDetector({ unitWeightGrams: 250, maxSettleMs: 1000 });
    feed(d, () => 2000, 0, 1500);
    const shaking = (t: number) => 1750 + (t < 3200 ? 30 * Math.sin(t / 20) : 0);
    const events = feed(d, shaking, 1500, 5000);
    expect(kinds(events.filter((e) => e.kind !== 'lift-start'))).toEqual(['uncertain', 'confirmed']);
  });

  it('re-tares on command with an averaged window', () => {
    const d = new PickDetector({ unitWeightGrams: 250 });
    feed(d, () => 2000, 0, 1500);
    d.tare();
    const events = feed(d, () => 2500, 1500, 3000);
    expect(events).toEqual([expect.objectContaining({ kind: 'tared' })]);
    expect(d.snapshot().baselineGrams).toBeCloseTo(2500, 0);
  });
});
