import type { Random } from './random.ts';

/**
 * Products on the demo shelves and how much single items really vary. Packaged goods are
 * filled to a declared net weight (a tight spread, mostly the packaging); loose produce
 * varies by the piece. `sd` is the standard deviation of one item as a fraction of the
 * nominal weight, `clip` the largest deviation a grader lets through.
 */
export interface ProductSpec {
  name: string;
  nominalGrams: number;
  sd: number;
  clip: number;
  /** Packaged goods can be grabbed several at once; loose produce one to three. */
  maxGrab: number;
}

export const PRODUCTS: readonly ProductSpec[] = [
  { name: '陇南大红袍花椒 spice packet', nominalGrams: 45, sd: 0.025, clip: 0.06, maxGrab: 5 },
  { name: '永顺莓茶 tea box', nominalGrams: 120, sd: 0.015, clip: 0.04, maxGrab: 4 },
  { name: '腐竹 bag', nominalGrams: 250, sd: 0.03, clip: 0.07, maxGrab: 3 },
  { name: '静宁苹果 apple (loose)', nominalGrams: 230, sd: 0.045, clip: 0.1, maxGrab: 3 },
  { name: '定西马铃薯 potato (loose)', nominalGrams: 180, sd: 0.05, clip: 0.1, maxGrab: 2 },
  { name: '兰州百合 lily bulbs box', nominalGrams: 500, sd: 0.02, clip: 0.05, maxGrab: 3 },
  { name: '东源茶油 tea-seed oil bottle', nominalGrams: 1000, sd: 0.01, clip: 0.03, maxGrab: 2 },
  { name: '东源大米 rice bag', nominalGrams: 2500, sd: 0.012, clip: 0.03, maxGrab: 2 },
];

/** One item's real weight. */
export function itemWeight(random: Random, product: ProductSpec): number {
  const dev = Math.max(-product.clip, Math.min(product.clip, random.normal(0, product.sd)));
  return product.nominalGrams * (1 + dev);
}

/**
 * A single-point load cell under one slot with its HX711 module. Noise is given at 80 SPS
 * for the whole chain (cell, cheap module, USB-powered supply) and grows with capacity:
 * the same microvolts are worth four times the grams on a 20 kg cell.
 */
export interface CellSpec {
  capacityGrams: 5000 | 20000;
  /** Range of the rms reading noise at 80 SPS, grams. */
  noiseGrams: readonly [number, number];
  /** Tray / slot plate on the cell, grams. */
  trayGrams: readonly [number, number];
  /** Amplitude range of the slow temperature-driven zero drift, grams. */
  thermalGrams: readonly [number, number];
}

export const CELLS: Readonly<Record<5000 | 20000, CellSpec>> = {
  5000: { capacityGrams: 5000, noiseGrams: [0.5, 2], trayGrams: [250, 600], thermalGrams: [0.5, 2] },
  20000: { capacityGrams: 20000, noiseGrams: [1, 4], trayGrams: [600, 1500], thermalGrams: [2, 6] },
};

/** Which cell a product sits on: heavy goods always on 20 kg; a share of the rest on big shared trays. */
export function cellFor(random: Random, product: ProductSpec): CellSpec {
  if (product.nominalGrams >= 1000) return CELLS[20000];
  return random.chance(0.25) ? CELLS[20000] : CELLS[5000];
}
