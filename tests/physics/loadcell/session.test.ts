import { describe, expect, it } from 'vitest';
import { subSteps, sampleHx711 } from './hx711.ts';
import { PRODUCTS } from './products.ts';
import { seededRandom } from './random.ts';
import { generateSession } from './session.ts';

describe('shelf physics sessions', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = generateSession({ seed: 11, samplesPerSecond: 80, events: 8 });
    const b = generateSession({ seed: 11, samplesPerSecond: 80, events: 8 });
    const c = generateSession({ seed: 12, samplesPerSecond: 80, events: 8 });
    expect(Array.from(a.grams)).toEqual(Array.from(b.grams));
    expect(a.truth).toEqual(b.truth);
    expect(Array.from(c.grams.slice(0, 100))).not.toEqual(Array.from(a.grams.slice(0, 100)));
  });

  it('reads the real weight change of a lift once the shelf is still', () => {
    const s = generateSession({ seed: 3, samplesPerSecond: 80, events: 10, corruptProbability: 0 });
    const meanAround = (t: number): number => {
      const values: number[] = [];
      for (let i = 0; i < s.at.length; i++) if (Math.abs((s.at[i] ?? 0) - t) < 200) values.push(s.grams[i] ?? 0);
      return values.reduce((x, y) => x + y, 0) / values.length;
    };
    for (const t of s.truth.filter((x) => x.kind === 'lift' || x.kind === 'put')) {
      const before = meanAround(t.touchAt - 300);
      const after = meanAround(t.endAt + 400);
      // Creep and thermal drift move the zero by at most a few grams over one motion.
      expect(after - before).toBeCloseTo(t.deltaGrams, -1);
    }
  });

  it('starts from zero at power-up (the HX711 filter fills over four readings) and carries the stock already on the shelf', () => {
    const s = generateSession({ seed: 4, samplesPerSecond: 10, events: 3, corruptProbability: 0 });
    expect(s.grams[0]).toBeLessThan((s.grams[6] ?? 0) / 2);
    expect(s.grams[6]).toBeGreaterThan(s.product.nominalGrams);
  });

  it('scales noise with the cell and corrupts about one reading in a thousand', () => {
    const random = seededRandom(9);
    const force = new Float64Array(200_001).fill(1000);
    const readings = sampleHx711(random, force, { samplesPerSecond: 80, noiseGrams80: 2, capacityGrams: 5000, corruptProbability: 0.001 });
    expect(readings.grams.length).toBe(Math.floor(200_000 / subSteps(80)));
    expect(readings.corrupted.length).toBeGreaterThan(10);
    expect(readings.corrupted.length).toBeLessThan(45);
    const clean = Array.from(readings.grams).filter((_, i) => i > 4 && !readings.corrupted.includes(i));
    const mean = clean.reduce((a, b) => a + b, 0) / clean.length;
    const sd = Math.sqrt(clean.reduce((a, b) => a + (b - mean) ** 2, 0) / clean.length);
    expect(sd).toBeGreaterThan(1.8);
    expect(sd).toBeLessThan(2.2);
  });

  it('covers spice packets to rice bags, and heavy goods sit on 20 kg cells', () => {
    expect(Math.min(...PRODUCTS.map((p) => p.nominalGrams))).toBe(45);
    expect(Math.max(...PRODUCTS.map((p) => p.nominalGrams))).toBe(2500);
    const rice = PRODUCTS.find((p) => p.nominalGrams === 2500);
    const s = generateSession({ seed: 1, samplesPerSecond: 80, events: 2, ...(rice ? { product: rice } : {}) });
    expect(s.cell.capacityGrams).toBe(20_000);
    const kinds = new Set(Array.from({ length: 20 }, (_, i) => generateSession({ seed: 100 + i, samplesPerSecond: 10, events: 20 }).truth.map((t) => t.kind)).flat());
    expect([...kinds].sort()).toEqual(['knock', 'lean', 'lift', 'put', 'startup-touch', 'wrong-put']);
  });
});
