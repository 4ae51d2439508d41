import { describe, expect, it } from 'vitest';
import { runLoadCellBenchmark } from './evaluate.ts';

// ≥ 1,000 seeded lifts per rate: several at once, puts back, foreign items, drift, glitches.
describe('load-cell scenarios', () => {
  for (const samplesPerSecond of [80, 10] as const) {
    it(`${samplesPerSecond} SPS: wrong counts ≤ 1/1000 and uncertain ≤ 2 %`, () => {
      const figures = runLoadCellBenchmark({ minLifts: 1000, samplesPerSecond, seed: 424242 });
      expect(figures.lifts).toBeGreaterThanOrEqual(1000);
      expect(figures.wrongCountRate).toBeLessThanOrEqual(0.001);
      expect(figures.uncertainRate).toBeLessThanOrEqual(0.02);
      expect(figures.putWrongCountRate).toBeLessThanOrEqual(0.001);
      expect(figures.putUncertainRate).toBeLessThanOrEqual(0.02);
      expect(figures.wrongItemPuts).toBeGreaterThan(0);
      expect(Number.isFinite(figures.liftStartMsP95)).toBe(true);
      expect(Number.isFinite(figures.confirmMsP95)).toBe(true);
    });
  }

  it('is reproducible for a seed', () => {
    const a = runLoadCellBenchmark({ minLifts: 100, seed: 7 });
    const b = runLoadCellBenchmark({ minLifts: 100, seed: 7 });
    expect(a).toEqual(b);
  });
});
