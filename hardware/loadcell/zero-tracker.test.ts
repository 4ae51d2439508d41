import { describe, expect, it } from 'vitest';
import { ZeroTracker } from './zero-tracker.ts';

const quiet = (mean: number) => ({ settled: true, mean, std: 1 });
const moving = (mean: number) => ({ settled: false, mean, std: 20 });

describe('ZeroTracker', () => {
  it('refines a fresh zero with a quiet window that agrees within noise', () => {
    const z = new ZeroTracker({ unitWeightGrams: 250, maxDriftGramsPerHour: 60 });
    z.set(1000, 4, 0);
    z.offerQuiet(quiet(1000.6), 80, 1, 1000);
    expect(z.level).toBe(1000.6);
    expect(z.samples).toBe(80);
  });

  it('after a motion, re-zeroes on a level less than a quarter unit away that two quiet windows agree on', () => {
    const z = new ZeroTracker({ unitWeightGrams: 250, maxDriftGramsPerHour: 60 });
    // A lift confirmed while a hand still pressed 40 g; the hand has gone since.
    z.set(1040, 32, 10_000);
    z.motionEnded(10_000);
    z.offerQuiet(quiet(1000), 80, 1, 14_000);
    expect(z.level).toBe(1040); // one window is not enough
    z.offerQuiet(quiet(1000.2), 80, 1, 14_500);
    expect(z.level).toBeCloseTo(1000.2, 5);
  });

  it('never takes a swaying lean or a level a count away, and follows drift only at the cap', () => {
    const z = new ZeroTracker({ unitWeightGrams: 250, maxDriftGramsPerHour: 36 });
    z.set(1000, 80, 0);
    z.motionEnded(0);
    z.offerQuiet(moving(1100), 80, 1, 1000);
    z.offerQuiet(moving(1100), 80, 1, 1500);
    expect(z.level).toBe(1000);
    z.offerQuiet(quiet(1070), 80, 1, 2000);
    z.offerQuiet(quiet(1070), 80, 1, 2500);
    expect(z.level).toBe(1000); // more than a quarter unit: only a counted motion moves it that far
    // Long after: 5 g of drift in 102.5 s since the zero was set; the cap (36 g/h) allows 1.025 g.
    z.offerQuiet(quiet(1005), 80, 1, 102_500);
    expect(z.level).toBeCloseTo(1001.025, 5);
    // A jump well beyond noise while idle is not drift: not followed at all.
    z.offerQuiet(quiet(1030), 80, 1, 202_500);
    expect(z.level).toBeCloseTo(1001.025, 5);
  });
});
