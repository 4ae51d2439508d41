/**
 * Robust statistics over a window of readings: one corrupted reading (an HX711 bit error
 * or missed clock, about one in a thousand) must not make a window look unsettled or move
 * its mean, and ringing must not be mistaken for a level change.
 */
export interface WindowVerdict {
  settled: boolean;
  /** Mean without the rejected outlier. */
  mean: number;
  std: number;
}

export interface SettleLimits {
  /** Reading noise σ (grams). */
  noise: number;
  /** Slack that does not matter for counting (a fraction of the unit weight), grams. */
  slack: number;
  segments: number;
}

function meanStd(values: ArrayLike<number>, skip: number): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (i === skip) continue;
    sum += values[i] ?? 0;
    n += 1;
  }
  const mean = n > 0 ? sum / n : 0;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    if (i === skip) continue;
    const d = (values[i] ?? 0) - mean;
    sq += d * d;
  }
  return { mean, std: n > 1 ? Math.sqrt(sq / (n - 1)) : 0 };
}

/**
 * Is the window flat? (1) its spread is what the noise allows (chi-square bound, plus
 * `slack`²), after dropping at most one outlier; (2) the means of its `segments` parts
 * agree within what their noise allows plus `slack` — a ramp, a hand's sway or a lean
 * shows up as segment means walking away from each other.
 */
export function judgeWindow(values: ArrayLike<number>, limits: SettleLimits): WindowVerdict {
  const w = values.length;
  let skip = -1;
  let { mean, std } = meanStd(values, -1);
  const spreadLimit = Math.sqrt(limits.noise ** 2 * (1 + 4 * Math.sqrt(2 / Math.max(1, w - 1))) + limits.slack ** 2);
  const outlierLimit = Math.max(8 * limits.noise, 4 * limits.slack);
  let worst = -1;
  let worstDev = 0;
  for (let i = 0; i < w; i++) {
    const dev = Math.abs((values[i] ?? 0) - mean);
    if (dev > worstDev) {
      worstDev = dev;
      worst = i;
    }
  }
  if (worstDev > outlierLimit || (w >= 6 && std > spreadLimit)) {
    skip = worst;
    ({ mean, std } = meanStd(values, skip));
  }
  if (w >= 6 && std > spreadLimit) return { settled: false, mean, std };
  const segLimit = 5 * limits.noise * Math.sqrt(limits.segments / w) + limits.slack;
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < limits.segments; s++) {
    const from = Math.floor((s * w) / limits.segments);
    const to = Math.floor(((s + 1) * w) / limits.segments);
    let sum = 0;
    let n = 0;
    for (let i = from; i < to; i++) {
      if (i === skip) continue;
      sum += values[i] ?? 0;
      n += 1;
    }
    if (n === 0) continue;
    const m = sum / n;
    lo = Math.min(lo, m);
    hi = Math.max(hi, m);
  }
  // A single-reading segment with the outlier skipped has no mean; the others still decide.
  return { settled: hi - lo <= segLimit, mean, std };
}

/**
 * Noise σ from successive differences: median |x[i] − x[i−1]| / (0.6745·√2). Level
 * changes, a lift's few big steps and an outlier barely move the median.
 */
export function diffNoise(values: ArrayLike<number>): number {
  const diffs: number[] = [];
  for (let i = 1; i < values.length; i++) diffs.push(Math.abs((values[i] ?? 0) - (values[i - 1] ?? 0)));
  if (diffs.length === 0) return 0;
  diffs.sort((a, b) => a - b);
  const mid = Math.floor(diffs.length / 2);
  const median = diffs.length % 2 === 1 ? (diffs[mid] ?? 0) : ((diffs[mid - 1] ?? 0) + (diffs[mid] ?? 0)) / 2;
  return median / (0.6745 * Math.SQRT2);
}
