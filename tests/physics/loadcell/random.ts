/**
 * Seeded random numbers for the physics scenarios: sfc32 seeded through splitmix32, and
 * normal deviates by the Marsaglia polar method. Deliberately not the detector package's
 * generator: the scenarios share no code with what they test.
 */
export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  between(min: number, max: number): number;
  /** Integer in [min, max]. */
  integer(min: number, max: number): number;
  normal(mean?: number, sd?: number): number;
  chance(p: number): boolean;
  choose<T>(items: readonly T[]): T;
  /** Picks by weight: [[item, weight], …]. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seededRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const float = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) float();
  let cached: number | null = null;
  const standard = (): number => {
    if (cached !== null) {
      const v = cached;
      cached = null;
      return v;
    }
    for (;;) {
      const u = 2 * float() - 1;
      const v = 2 * float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        cached = v * m;
        return u * m;
      }
    }
  };
  const random: Random = {
    float,
    between: (min, max) => min + (max - min) * float(),
    integer: (min, max) => min + Math.floor(float() * (max - min + 1)),
    normal: (mean = 0, sd = 1) => mean + sd * standard(),
    chance: (p) => float() < p,
    choose: (items) => {
      if (items.length === 0) throw new RangeError('choose from nothing');
      return items[Math.floor(float() * items.length)] as (typeof items)[number];
    },
    weighted: (entries) => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = float() * total;
      for (const [item, w] of entries) {
        r -= w;
        if (r < 0) return item;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new RangeError('weighted choice from nothing');
      return last[0];
    },
  };
  return random;
}
