import type { Random } from './random.ts';

/**
 * The force on one slot's load cell over time, on a fine grid (several points per HX711
 * conversion), in grams-force. Events add to it: weight arriving or leaving with a hand's
 * motion, the slot plate ringing after a release or an impact, a hand or a body leaning
 * on the shelf. Creep and temperature drift are applied last, over the whole timeline.
 */
export class ShelfForce {
  readonly values: Float64Array;

  constructor(
    readonly durationMs: number,
    readonly stepMs: number,
    initialGrams: number,
  ) {
    this.values = new Float64Array(Math.ceil(durationMs / stepMs) + 1).fill(initialGrams);
  }

  private index(t: number): number {
    return Math.max(0, Math.min(this.values.length, Math.ceil(t / this.stepMs)));
  }

  /**
   * Weight `grams` (negative: leaving) moving over [t0, t0 + ms] along `shape` (0 → 1,
   * monotone), then staying.
   */
  move(t0: number, ms: number, grams: number, shape: (x: number) => number = smooth): void {
    for (let i = this.index(t0); i < this.values.length; i++) {
      const x = (i * this.stepMs - t0) / ms;
      this.values[i] = (this.values[i] ?? 0) + grams * (x >= 1 ? 1 : shape(Math.max(0, x)));
    }
  }

  /** The plate ringing: a damped sine starting at t0, gone (≈ 5 %) after `decayMs`. */
  ring(t0: number, grams: number, hz: number, decayMs: number): void {
    const tau = decayMs / 3;
    const end = this.index(t0 + 2 * decayMs);
    for (let i = this.index(t0); i < end; i++) {
      const dt = i * this.stepMs - t0;
      this.values[i] = (this.values[i] ?? 0) + grams * Math.exp(-dt / tau) * Math.sin((2 * Math.PI * hz * dt) / 1000);
    }
  }

  /**
   * A hand (or a body leaning on the shelf) resting for [t0, t0 + ms]: it comes and goes
   * over 60–200 ms, sways at 0.7–2.5 Hz by 10–30 %, wobbles at 3–6 Hz and trembles at
   * 8–12 Hz (physiological tremor). Nobody holds a force steady to a gram.
   */
  press(random: Random, t0: number, ms: number, grams: number): void {
    const rise = random.between(60, 200);
    const fall = random.between(60, 200);
    const parts = [
      { a: random.between(0.1, 0.3), hz: random.between(0.7, 2.5), phase: random.between(0, 2 * Math.PI) },
      { a: random.between(0.04, 0.1), hz: random.between(3, 6), phase: random.between(0, 2 * Math.PI) },
      { a: random.between(0.02, 0.04), hz: random.between(8, 12), phase: random.between(0, 2 * Math.PI) },
    ];
    const end = this.index(t0 + ms);
    for (let i = this.index(t0); i < end; i++) {
      const dt = i * this.stepMs - t0;
      const envelope = smooth(Math.min(1, dt / rise)) * smooth(Math.min(1, (ms - dt) / fall));
      let sway = 1;
      for (const p of parts) sway += p.a * Math.sin((2 * Math.PI * p.hz * dt) / 1000 + p.phase);
      this.values[i] = (this.values[i] ?? 0) + grams * envelope * sway;
    }
  }

  /**
   * Creep: under a load the cell's reading grows by `fraction` of the load with time
   * constant `tauMs` (and recovers the same way when the load goes). Items that stood on
   * the shelf before power-up have crept fully.
   */
  applyCreep(fraction: number, tauMs: number): void {
    const k = this.stepMs / tauMs;
    let creep = fraction * (this.values[0] ?? 0);
    for (let i = 0; i < this.values.length; i++) {
      const load = this.values[i] ?? 0;
      creep += (fraction * load - creep) * k;
      this.values[i] = load + creep;
    }
  }

  /** Slow zero drift from temperature: a sine of `periodMs` plus a ramp, in grams. */
  applyThermalDrift(amplitude: number, periodMs: number, phase: number, gramsPerHour: number): void {
    for (let i = 0; i < this.values.length; i++) {
      const t = i * this.stepMs;
      const drift = amplitude * Math.sin((2 * Math.PI * t) / periodMs + phase) - amplitude * Math.sin(phase) + (gramsPerHour * t) / 3_600_000;
      this.values[i] = (this.values[i] ?? 0) + drift;
    }
  }
}

/** Smoothstep: a hand's motion starts and ends gently. */
export function smooth(x: number): number {
  const c = Math.max(0, Math.min(1, x));
  return c * c * (3 - 2 * c);
}

/**
 * Stick-slip of an item dragged to the tray's edge before it leaves: its weight goes in
 * 3–6 uneven jerks. Returns a monotone 0 → 1 shape.
 */
export function dragShape(random: Random): (x: number) => number {
  const knots = random.integer(3, 6);
  const xs = [0];
  const ys = [0];
  for (let k = 1; k < knots; k++) {
    xs.push(k / knots + random.between(-0.3, 0.3) / knots);
    ys.push(Math.min(0.95, (ys[k - 1] ?? 0) + random.between(0.02, 0.35)));
  }
  xs.push(1);
  ys.push(1);
  return (x) => {
    let k = 1;
    while (k < xs.length - 1 && x > (xs[k] ?? 1)) k++;
    const x0 = xs[k - 1] ?? 0;
    const x1 = xs[k] ?? 1;
    const y0 = ys[k - 1] ?? 0;
    const y1 = ys[k] ?? 1;
    // Each jerk is quick: most of a segment's change happens in its last fifth.
    const local = smooth((x - x0) / Math.max(1e-6, x1 - x0) * 5 - 4);
    return y0 + (y1 - y0) * local;
  };
}
