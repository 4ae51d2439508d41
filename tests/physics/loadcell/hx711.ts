import type { Random } from './random.ts';

/**
 * The HX711 as the host sees it. The sigma-delta converter's digital filter averages the
 * input over several conversion periods: its step response needs four output periods to
 * settle (datasheet "settling time": 400 ms at 10 SPS, 50 ms at 80 SPS). We model it as a
 * sinc⁴-like FIR (four boxcars of one period each, convolved), which also makes the output
 * ramp from zero over the first four readings after power-up. Noise is white per reading;
 * the datasheet gives 50 nV rms at 10 SPS and 90 nV at 80 SPS, so 10 SPS readings carry
 * about 0.56 × the 80 SPS noise (never below 0.35 g here: the module and supply add some).
 */
export interface Hx711Options {
  samplesPerSecond: 10 | 80;
  /** rms noise at 80 SPS, grams. */
  noiseGrams80: number;
  capacityGrams: number;
  /** Probability of a corrupted reading (bit error, missed clock, rail). */
  corruptProbability: number;
}

export interface Readings {
  at: Float64Array;
  grams: Float64Array;
  /** Indexes of corrupted readings (for tests of the generator). */
  corrupted: number[];
}

/** Fine-grid points per conversion period used by the shelf model. */
export function subSteps(samplesPerSecond: 10 | 80): number {
  return samplesPerSecond === 80 ? 8 : 16;
}

function boxcarKernel(sub: number, boxes: number): Float64Array {
  let kernel = new Float64Array(sub).fill(1 / sub);
  for (let b = 1; b < boxes; b++) {
    const next = new Float64Array(kernel.length + sub - 1);
    for (let i = 0; i < kernel.length; i++) for (let j = 0; j < sub; j++) next[i + j] = (next[i + j] ?? 0) + (kernel[i] ?? 0) / sub;
    kernel = next;
  }
  return kernel;
}

export function noiseAt(options: Pick<Hx711Options, 'samplesPerSecond' | 'noiseGrams80'>): number {
  return options.samplesPerSecond === 80 ? options.noiseGrams80 : Math.max(0.35, options.noiseGrams80 * (50 / 90));
}

/** Samples `force` (fine grid, `sub` points per period) into readings with noise and rare corruption. */
export function sampleHx711(random: Random, force: Float64Array, options: Hx711Options): Readings {
  const sub = subSteps(options.samplesPerSecond);
  const periodMs = 1000 / options.samplesPerSecond;
  const kernel = boxcarKernel(sub, 4);
  const n = Math.floor((force.length - 1) / sub);
  const at = new Float64Array(n);
  const grams = new Float64Array(n);
  const corrupted: number[] = [];
  const sigma = noiseAt(options);
  const gramsPerCount = (2 * options.capacityGrams) / 2 ** 23;
  for (let k = 0; k < n; k++) {
    const end = (k + 1) * sub; // the conversion that ends at reading k's time
    let value = 0;
    for (let j = 0; j < kernel.length; j++) {
      const i = end - j;
      if (i < 0) break; // before power-up: the filter starts empty
      value += (kernel[j] ?? 0) * (force[i] ?? 0);
    }
    value += random.normal(0, sigma);
    if (random.chance(options.corruptProbability)) {
      value = corrupt(random, value, gramsPerCount, options.capacityGrams);
      corrupted.push(k);
    }
    at[k] = (k + 1) * periodMs;
    // The module reports grams with 0.01 g resolution after its calibration.
    grams[k] = Math.round(value * 100) / 100;
  }
  return { at, grams, corrupted };
}

function corrupt(random: Random, value: number, gramsPerCount: number, capacity: number): number {
  const kind = random.weighted([['bit', 0.6], ['shift', 0.25], ['rail', 0.15]] as const);
  if (kind === 'bit') {
    const bit = random.integer(10, 22);
    return value + (random.chance(0.5) ? 1 : -1) * 2 ** bit * gramsPerCount;
  }
  if (kind === 'shift') return random.chance(0.5) ? value * 2 : value / 2;
  return random.chance(0.5) ? 2 * capacity : -2 * capacity;
}
