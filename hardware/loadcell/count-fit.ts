/**
 * Pure count fitting: does a settled weight change Δ fit an integer number of units?
 *
 * Band for n items: the worst case of n items each within ±spread of the unit weight
 * (spread·u·n) plus four standard deviations of the measurement (Δ is the difference of
 * two window means, so its noise is σ·√(2/W)) plus 2σ for what the settling test lets
 * through (a last bit of wobble). The band is capped below half a unit
 * (`maxBandFraction`), so two counts' bands never overlap: a Δ can fit at most one count,
 * and a Δ between bands is reported as not fitting rather than rounded — a wrong count is
 * worse than none.
 */
export interface CountFitOptions {
  unitWeightGrams: number;
  /** Fractional spread of single items, e.g. 0.1 for ±10 %. */
  unitSpread: number;
  /** Standard deviation of the measured Δ in grams. */
  deltaNoiseGrams: number;
  /** Reading noise σ in grams: the settling test lets a residual wobble of ~2σ through. */
  noiseGrams: number;
  /** Largest count we are willing to confirm in one motion. */
  maxCount: number;
  /** Cap of the band as a fraction of the unit weight (< 0.5). */
  maxBandFraction: number;
}

export type CountFit =
  | { kind: 'zero' }
  | { kind: 'fits'; count: number; residualGrams: number; bandGrams: number }
  | { kind: 'no-fit'; nearest: number; residualGrams: number; bandGrams: number };

/** Half-width in grams of the acceptance band around `count` units. */
export function bandGrams(count: number, options: CountFitOptions): number {
  const u = options.unitWeightGrams;
  const spread = options.unitSpread * u * count;
  const band = spread + 4 * options.deltaNoiseGrams + 2 * options.noiseGrams;
  return Math.min(band, options.maxBandFraction * u);
}

/** Fits |Δ| to a count of units; `zero` when Δ is within the zero band (nothing moved). */
export function fitCount(deltaGrams: number, options: CountFitOptions): CountFit {
  const u = options.unitWeightGrams;
  const magnitude = Math.abs(deltaGrams);
  const nearest = Math.round(magnitude / u);
  const residualGrams = magnitude - nearest * u;
  if (nearest === 0) {
    // Nothing moved (or less than the zero band): a touch, a lean, a spike.
    const zeroBand = Math.min(options.maxBandFraction * u, Math.max(0.25 * u, 6 * options.deltaNoiseGrams));
    return magnitude <= zeroBand
      ? { kind: 'zero' }
      : { kind: 'no-fit', nearest, residualGrams, bandGrams: zeroBand };
  }
  const band = bandGrams(nearest, options);
  if (nearest > options.maxCount || Math.abs(residualGrams) > band) {
    return { kind: 'no-fit', nearest, residualGrams, bandGrams: band };
  }
  return { kind: 'fits', count: nearest, residualGrams, bandGrams: band };
}
