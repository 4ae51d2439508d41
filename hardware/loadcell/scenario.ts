import { createRng, type Rng } from './random.ts';
import { DEFAULT_UNIT_SPREAD, HX711_RATES } from './sensor-table.ts';

/**
 * Seeded random load-cell sessions: one shelf slot, a stock of produce items whose
 * weights spread ±10 % around the unit weight, shoppers lifting one or several at once,
 * putting some back (sometimes an item from another slot), HX711-like gaussian noise,
 * slow zero drift, and the amplifier's rare single-sample glitch.
 */
export type TruthKind = 'lift' | 'put' | 'wrong-put';

export interface TruthEvent {
  kind: TruthKind;
  /** Items moved (0 for a foreign item). */
  count: number;
  deltaGrams: number;
  /** First hand contact (a press may come before the items move). */
  touchAt: number;
  /** The items start to leave / arrive: latencies are measured from here. */
  transferAt: number;
  /** The last item stopped moving (ramp done; wobble still decaying). */
  motionEndAt: number;
  /** Transient over (wobble decayed). */
  endAt: number;
}

export interface Scenario {
  seed: number;
  samplesPerSecond: 10 | 80;
  unitWeightGrams: number;
  noiseGrams: number;
  driftGramsPerHour: number;
  /** Reading times (ms) and values (grams), same length. */
  at: Float64Array;
  grams: Float64Array;
  truth: TruthEvent[];
}

export interface ScenarioOptions {
  seed: number;
  samplesPerSecond?: 10 | 80;
  /** How many events (lifts, puts, wrong puts) the session holds. */
  events?: number;
  unitSpread?: number;
  /** Per-sample probability of an HX711 glitch reading. */
  glitchProbability?: number;
}

/** Unit weights from the demo catalogue's range: tea sachet box … rice bag. */
const UNIT_WEIGHTS_GRAMS = [45, 120, 250, 400, 500, 1000] as const;

/** One hand motion: a press, then the items moving in one or two parts, then wobble. */
interface Profile {
  touchAt: number;
  transferAt: number;
  motionEndAt: number;
  parts: { at: number; rampMs: number; delta: number }[];
  delta: number;
  press: number;
  wobble: { amplitude: number; tauMs: number; hz: number };
  endAt: number;
}

export function generateScenario(options: ScenarioOptions): Scenario {
  const rng = createRng(options.seed);
  const sps = options.samplesPerSecond ?? 80;
  const rate = HX711_RATES[sps];
  const spread = options.unitSpread ?? DEFAULT_UNIT_SPREAD;
  const unit = rng.pick(UNIT_WEIGHTS_GRAMS);
  const noise = rate.typicalNoiseGrams * rng.uniform(0.7, 1.5);
  const driftPerHour = rng.uniform(-15, 15);
  const stock = Array.from({ length: rng.int(6, 12) }, () => unit * (1 + rng.uniform(-spread, spread)));
  // Tray plus the stock as it stands before the first shopper (events change `stock`).
  const tray = rng.uniform(300, 800) + stock.reduce((a, b) => a + b, 0);
  const held: number[] = [];
  const profiles: Profile[] = [];
  const truth: TruthEvent[] = [];
  let t = 1500 + rng.uniform(0, 500);
  for (let i = 0; i < (options.events ?? 40); i++) {
    const event = chooseEvent(rng, unit, stock, held);
    const profile = makeProfile(rng, t, event.items, unit);
    profiles.push(profile);
    truth.push({ kind: event.kind, count: event.count, deltaGrams: event.delta, touchAt: profile.touchAt, transferAt: profile.transferAt, motionEndAt: profile.motionEndAt, endAt: profile.endAt });
    t = profile.endAt + rng.uniform(1200, 3000);
  }
  const { at, grams } = render({ rng, profiles, endAt: t, periodMs: rate.periodMs, noise, tray, driftPerHour, glitch: options.glitchProbability ?? 1 / 20_000 });
  return { seed: options.seed, samplesPerSecond: sps, unitWeightGrams: unit, noiseGrams: noise, driftGramsPerHour: driftPerHour, at, grams, truth };
}

interface ChosenEvent {
  kind: TruthKind;
  count: number;
  delta: number;
  /** Signed weight of each item moved (one entry for a foreign item). */
  items: number[];
}

function chooseEvent(rng: Rng, unit: number, stock: number[], held: number[]): ChosenEvent {
  const r = rng.next();
  if (r < 0.02) {
    const foreign = unit * rng.uniform(0.3, 3.5);
    return { kind: 'wrong-put', count: 0, delta: foreign, items: [foreign] };
  }
  if ((held.length > 0 && r < 0.3) || stock.length === 0) {
    if (held.length === 0) held.push(unit * (1 + rng.uniform(-0.1, 0.1))); // staff restock
    const n = rng.int(1, Math.min(3, held.length));
    const back = held.splice(0, n);
    stock.push(...back);
    return { kind: 'put', count: n, delta: sum(back), items: back };
  }
  const wanted = rng.pick([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5]);
  const k = Math.min(wanted, stock.length);
  const taken = stock.splice(0, k);
  held.push(...taken);
  if (held.length > 6) held.splice(0, held.length - 6); // the shopper walks away with the rest
  return { kind: 'lift', count: k, delta: -sum(taken), items: taken.map((w) => -w) };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function makeProfile(rng: Rng, touchAt: number, items: readonly number[], unit: number): Profile {
  const delta = sum(items);
  const pressMs = rng.uniform(30, 300);
  const transferAt = touchAt + pressMs;
  const rampMs = rng.uniform(80, 600);
  // One motion in eight with several items moves them in two goes (one picked up late).
  const split = items.length > 1 && rng.next() < 0.125;
  const first = split ? sum(items.slice(0, Math.ceil(items.length / 2))) : delta;
  const parts = split
    ? [
        { at: transferAt, rampMs, delta: first },
        { at: transferAt + rampMs + rng.uniform(100, 500), rampMs: rng.uniform(80, 300), delta: delta - first },
      ]
    : [{ at: transferAt, rampMs, delta }];
  const last = parts[parts.length - 1] ?? { at: transferAt, rampMs };
  const tauMs = rng.uniform(40, 120);
  const amplitude = rng.uniform(0.02, 0.15) * Math.abs(delta) + rng.uniform(0, 5);
  return {
    touchAt,
    transferAt,
    motionEndAt: last.at + last.rampMs,
    parts,
    delta,
    press: rng.uniform(0, 0.1 * unit + 10),
    wobble: { amplitude, tauMs, hz: rng.uniform(4, 10) },
    endAt: last.at + last.rampMs + 8 * tauMs,
  };
}

function smoothstep(x: number): number {
  const c = Math.max(0, Math.min(1, x));
  return c * c * (3 - 2 * c);
}

/** Weight moved so far by one event at time t (press, ramp, damped wobble). */
function contribution(p: Profile, t: number): number {
  if (t < p.touchAt) return 0;
  const pressIn = smoothstep((t - p.touchAt) / Math.max(1, p.transferAt - p.touchAt));
  let moved = 0;
  let lastEnd = p.transferAt;
  for (const part of p.parts) {
    moved += part.delta * smoothstep((t - part.at) / part.rampMs);
    lastEnd = part.at + part.rampMs;
  }
  const progress = p.delta === 0 ? 1 : moved / p.delta;
  let w = p.press * pressIn * (1 - Math.min(1, progress)) + moved;
  const since = t - lastEnd;
  if (since > 0) w += p.wobble.amplitude * Math.exp(-since / p.wobble.tauMs) * Math.sin(2 * Math.PI * p.wobble.hz * (since / 1000));
  return w;
}

interface RenderInput {
  rng: Rng;
  profiles: Profile[];
  endAt: number;
  periodMs: number;
  noise: number;
  tray: number;
  driftPerHour: number;
  glitch: number;
}

function render(input: RenderInput): { at: Float64Array; grams: Float64Array } {
  const n = Math.ceil(input.endAt / input.periodMs);
  const at = new Float64Array(n);
  const grams = new Float64Array(n);
  let settled = input.tray;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const t = i * input.periodMs;
    while (next < input.profiles.length && (input.profiles[next]?.endAt ?? Infinity) <= t) {
      settled += input.profiles[next]?.delta ?? 0;
      next += 1;
    }
    const current = input.profiles[next];
    let w = settled + (current ? contribution(current, t) : 0);
    w += (input.driftPerHour * t) / 3_600_000 + input.rng.gaussian(0, input.noise);
    // HX711 glitch: a mistimed clock pulse shifts the 24-bit word, giving one wild value.
    if (input.rng.next() < input.glitch) w += input.rng.uniform(-5000, 5000);
    at[i] = t;
    grams[i] = Math.round(w * 100) / 100;
  }
  return { at, grams };
}
