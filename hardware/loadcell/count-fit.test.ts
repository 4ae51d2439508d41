import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandGrams, fitCount, type CountFitOptions } from './count-fit.ts';

const base: CountFitOptions = { unitWeightGrams: 250, unitSpread: 0.1, deltaNoiseGrams: 0.2, noiseGrams: 0.6, maxCount: 8, maxBandFraction: 0.4 };

describe('fitCount', () => {
  it('fits exact multiples and the ±10 % spread of one item', () => {
    expect(fitCount(-250, base)).toMatchObject({ kind: 'fits', count: 1 });
    expect(fitCount(-225, base)).toMatchObject({ kind: 'fits', count: 1 });
    expect(fitCount(551, base)).toMatchObject({ kind: 'fits', count: 2 });
  });

  it('reports no fit halfway between counts instead of rounding', () => {
    expect(fitCount(-375, base)).toMatchObject({ kind: 'no-fit', nearest: 2 });
    expect(fitCount(-130, base).kind).toBe('no-fit');
  });

  it('treats small changes as nothing moved', () => {
    expect(fitCount(4, base)).toEqual({ kind: 'zero' });
  });

  it('refuses counts above maxCount', () => {
    expect(fitCount(-9 * 250, base).kind).toBe('no-fit');
  });

  it('grows the band with the count and never lets two bands overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 5, max: 5000, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (n, unit, noise) => {
        const options = { ...base, unitWeightGrams: unit, noiseGrams: noise, deltaNoiseGrams: noise / 2 };
        const band = bandGrams(n, options);
        expect(band).toBeLessThan(0.5 * unit);
        expect(bandGrams(n + 1, options)).toBeGreaterThanOrEqual(band);
      }),
    );
  });

  it('never fits a Δ to a count other than the nearest one', () => {
    fc.assert(
      fc.property(fc.double({ min: -10_000, max: 10_000, noNaN: true }), (delta) => {
        const fit = fitCount(delta, base);
        if (fit.kind === 'fits') expect(fit.count).toBe(Math.round(Math.abs(delta) / 250));
      }),
    );
  });
});
