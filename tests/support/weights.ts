
interface WeightWriter {
  weight(channel: number, grams: number): Promise<void>;
}

/**
 * Writes W frames for one load-cell channel at ~80 per second: a target weight, ramped over
 * 150 ms like a hand, plus HX711-like noise (±0.5 g). `set` moves the target.
 */
export function streamWeights(sim: () => WeightWriter, channel: number, seed: number, startGrams = 0) {
  const noise = gaussian(seed);
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

/** Seeded standard normal samples (mulberry32 + Box–Muller): the same noise on every run. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}
