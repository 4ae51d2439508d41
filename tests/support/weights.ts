import { createRng } from '../../hardware/loadcell/index.ts';

interface WeightWriter {
  weight(channel: number, grams: number): Promise<void>;
}

/**
 * Writes W frames for one load-cell channel at ~80 per second: a target weight, ramped over
 * 150 ms like a hand, plus HX711-like noise (±0.5 g). `set` moves the target.
 */
export function streamWeights(sim: () => WeightWriter, channel: number, seed: number, startGrams = 0) {
  const rng = createRng(seed);
  const noise = (): number => rng.gaussian(0, 1);
  let target = startGrams;
  let from = startGrams;
  let rampFrom = 0;
  const timer = setInterval(() => {
    const k = Math.min(1, (Date.now() - rampFrom) / 150);
    const grams = from + (target - from) * k + 0.5 * noise();
    sim().weight(channel, Math.round(grams * 10) / 10).catch(() => undefined);
  }, 12);
  return {
    set(grams: number): void {
      const k = Math.min(1, (Date.now() - rampFrom) / 150);
      from = from + (target - from) * k;
      target = grams;
      rampFrom = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}
