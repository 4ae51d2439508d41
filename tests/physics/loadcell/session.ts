import { sampleHx711, subSteps } from './hx711.ts';
import { CELLS, cellFor, itemWeight, PRODUCTS, type CellSpec, type ProductSpec } from './products.ts';
import { seededRandom, type Random } from './random.ts';
import { dragShape, ShelfForce } from './shelf.ts';

/**
 * One slot's session from power-up: a stocked shelf, shoppers lifting and putting back,
 * a hand on the shelf, neighbours knocking and leaning, all as forces on the cell, read
 * through the HX711 model. The truth lists what really happened, with the times a scorer
 * needs; it is computed from the physics, never from a detector.
 */
export type TruthKind = 'lift' | 'put' | 'wrong-put' | 'knock' | 'lean' | 'startup-touch';
export type LiftCondition = 'single' | 'multi' | 'staggered' | 'dragged' | 'hand-press';

export interface Truth {
  kind: TruthKind;
  /** Items of this slot's product moved (0 for wrong items and disturbances). */
  count: number;
  condition: LiftCondition | 'none';
  /** Real weight change once everything is still, grams (negative for lifts). */
  deltaGrams: number;
  /** First contact: hand, knock or lean. */
  touchAt: number;
  /** The first item starts to move (after any press that came first). */
  transferAt: number;
  /** The last item stopped moving and nothing presses on the shelf any more. */
  motionEndAt: number;
  /** Ringing has died away. */
  endAt: number;
}

export interface PhysicsSession {
  seed: number;
  samplesPerSecond: 10 | 80;
  product: ProductSpec;
  cell: CellSpec;
  noiseGrams80: number;
  at: Float64Array;
  grams: Float64Array;
  truth: Truth[];
  durationMs: number;
}

export interface SessionOptions {
  seed: number;
  samplesPerSecond: 10 | 80;
  /** Shopper events (lifts, puts, wrong items) in the session. */
  events?: number;
  /** Force a product / cell (tests). */
  product?: ProductSpec;
  cellCapacity?: 5000 | 20000;
  corruptProbability?: number;
}

interface Plan {
  random: Random;
  product: ProductSpec;
  cell: CellSpec;
  /** Slot plate resonance with a typical load, Hz. */
  resonanceHz: number;
  stock: number[];
  held: number[];
  actions: Array<(force: ShelfForce) => void>;
  truth: Truth[];
}

export function generateSession(options: SessionOptions): PhysicsSession {
  const random = seededRandom(options.seed);
  const product = options.product ?? random.choose(PRODUCTS);
  const cell = options.cellCapacity ? CELLS[options.cellCapacity] : cellFor(random, product);
  const tray = random.between(cell.trayGrams[0], cell.trayGrams[1]);
  const room = 0.85 * cell.capacityGrams - tray;
  const fits = Math.max(1, Math.min(random.integer(6, 24), Math.floor(room / (product.nominalGrams * 1.05))));
  const plan: Plan = { random, product, cell, resonanceHz: random.between(10, 25), stock: [], held: [], actions: [], truth: [] };
  for (let i = 0; i < fits; i++) plan.stock.push(itemWeight(random, product));
  const initial = tray + plan.stock.reduce((a, b) => a + b, 0);
  let t = startUp(plan);
  for (let i = 0; i < (options.events ?? 30); i++) {
    t = idle(plan, t);
    t = shopperEvent(plan, t);
  }
  const durationMs = t + 3000;
  const sps = options.samplesPerSecond;
  const force = new ShelfForce(durationMs, 1000 / sps / subSteps(sps), initial);
  for (const act of plan.actions) act(force);
  force.applyCreep(random.between(0.0002, 0.0005), random.between(120_000, 600_000));
  const thermal = random.between(cell.thermalGrams[0], cell.thermalGrams[1]);
  force.applyThermalDrift(thermal, random.between(1_800_000, 5_400_000), random.between(0, 2 * Math.PI), random.between(-thermal, thermal));
  const noiseGrams80 = random.between(cell.noiseGrams[0], cell.noiseGrams[1]);
  const readings = sampleHx711(random, force.values, { samplesPerSecond: sps, noiseGrams80, capacityGrams: cell.capacityGrams, corruptProbability: options.corruptProbability ?? 0.001 });
  return { seed: options.seed, samplesPerSecond: sps, product, cell, noiseGrams80, at: readings.at, grams: readings.grams, truth: plan.truth, durationMs };
}

/** Power-up with the shelf stocked; sometimes somebody's hand is on it while the kiosk starts. */
function startUp(plan: Plan): number {
  const { random } = plan;
  if (!random.chance(0.3)) return random.between(2500, 5000);
  const from = random.between(0, 1500);
  const ms = random.between(500, 3000);
  const grams = random.between(50, 500);
  plan.actions.push((f) => f.press(random, from, ms, grams));
  plan.truth.push({ kind: 'startup-touch', count: 0, condition: 'none', deltaGrams: 0, touchAt: from, transferAt: from, motionEndAt: from + ms, endAt: from + ms + 500 });
  return from + ms + random.between(2500, 5000);
}

/** Quiet time between shoppers; a neighbour may knock or lean on the shelf meanwhile. */
function idle(plan: Plan, t: number): number {
  const { random } = plan;
  const gap = random.chance(0.3) ? random.between(6000, 30_000) : random.between(2500, 6000);
  if (gap < 5000 || !random.chance(0.5)) return t + gap;
  const at = t + random.between(2000, gap - 3000);
  const endAt = random.chance(0.5) ? knock(plan, at) : lean(plan, at);
  return Math.max(t + gap, endAt + 1500);
}

function knock(plan: Plan, at: number): number {
  const { random } = plan;
  const scale = plan.cell.capacityGrams === 20000 ? 2 : 1;
  const bumps = random.integer(1, 3);
  let end = at;
  for (let b = 0; b < bumps; b++) {
    const t = at + b * random.between(80, 400);
    const decay = random.between(200, 500);
    const grams = random.between(10, 250) * scale * (random.chance(0.5) ? 1 : -1);
    plan.actions.push((f) => f.ring(t, grams, plan.resonanceHz * random.between(0.9, 1.1), decay));
    end = t + decay;
  }
  plan.truth.push({ kind: 'knock', count: 0, condition: 'none', deltaGrams: 0, touchAt: at, transferAt: at, motionEndAt: at, endAt: end });
  return end;
}

/** Leaning on the neighbouring slot flexes the shelf: this cell feels a little of it, unsteadily. */
function lean(plan: Plan, at: number): number {
  const { random } = plan;
  const ms = random.between(500, 3000);
  // Pressing the neighbour's plate loads the shared shelf board: this cell mostly feels a
  // little of it, occasionally a small unloading when the board tilts.
  const grams = random.chance(0.75) ? random.between(10, 250) : -random.between(5, 25);
  plan.actions.push((f) => f.press(random, at, ms, grams));
  plan.actions.push((f) => f.ring(at + ms, grams * random.between(0.1, 0.3), plan.resonanceHz, random.between(200, 500)));
  plan.truth.push({ kind: 'lean', count: 0, condition: 'none', deltaGrams: 0, touchAt: at, transferAt: at, motionEndAt: at + ms, endAt: at + ms + 500 });
  return at + ms + 500;
}

function shopperEvent(plan: Plan, t: number): number {
  const { random } = plan;
  if (plan.held.length > 0 && random.chance(0.25)) return putBack(plan, t, plan.held.splice(0, random.integer(1, Math.min(2, plan.held.length))), 'put');
  if (random.chance(0.03)) {
    const other = random.choose(PRODUCTS.filter((p) => p !== plan.product && p.nominalGrams < plan.cell.capacityGrams / 4));
    return putBack(plan, t, [itemWeight(random, other)], 'wrong-put');
  }
  if (plan.stock.length === 0) {
    // Staff restock: a few items at once, placed one by one.
    const items = Array.from({ length: Math.min(3, Math.max(1, Math.floor((0.5 * plan.cell.capacityGrams) / plan.product.nominalGrams))) }, () => itemWeight(random, plan.product));
    return putBack(plan, t, items, 'put');
  }
  return lift(plan, t);
}

function lift(plan: Plan, t: number): number {
  const { random, product } = plan;
  const wanted = random.weighted([[1, 0.65], [2, 0.2], [3, 0.1], [4, 0.03], [5, 0.02]] as const);
  const k = Math.min(wanted, product.maxGrab, plan.stock.length);
  const items = plan.stock.splice(0, k);
  plan.held.push(...items);
  if (plan.held.length > 5) plan.held.splice(0, plan.held.length - 5); // walked away with the rest
  const pressing = random.chance(0.3);
  const style = k === 1 ? (random.chance(0.15) ? 'dragged' : 'single') : random.weighted([['multi', 0.4], ['staggered', 0.35], ['dragged', 0.25]] as const);
  let start = t + random.between(0, 100);
  let pressEnd = t;
  if (pressing) {
    const ms = random.between(300, 2000);
    const grams = random.between(50, 500);
    plan.actions.push((f) => f.press(random, t, ms, grams));
    start = t + random.between(0.05, 0.8) * ms;
    pressEnd = t + ms;
  }
  const transferAt = start;
  let itemsEnd = start;
  if (style === 'multi' || style === 'single') {
    itemsEnd = release(plan, start, -items.reduce((a, b) => a + b, 0), random.between(100, 400), 'lift');
  } else {
    for (const [i, w] of items.entries()) {
      const dragged = style === 'dragged' && i === 0;
      const end = dragged ? drag(plan, start, w) : release(plan, start, -w, random.between(100, 350), 'lift');
      itemsEnd = Math.max(itemsEnd, end);
      start = end + random.between(50, 500);
    }
  }
  const motionEndAt = Math.max(itemsEnd, pressEnd);
  plan.truth.push({ kind: 'lift', count: k, condition: pressing ? 'hand-press' : style, deltaGrams: -items.reduce((a, b) => a + b, 0), touchAt: t, transferAt, motionEndAt, endAt: motionEndAt + 500 });
  return motionEndAt + 500;
}

/** Weight leaving (or arriving) with a hand's motion; the plate rings when it lets go. */
function release(plan: Plan, at: number, grams: number, ms: number, how: 'lift' | 'put'): number {
  const { random } = plan;
  const hz = plan.resonanceHz * random.between(0.9, 1.1);
  const ringing = Math.abs(grams) * (how === 'lift' ? random.between(0.05, 0.3) : random.between(0.1, 0.5));
  const decay = random.between(200, 500);
  plan.actions.push((f) => {
    f.move(at, ms, grams);
    f.ring(at + ms, how === 'lift' ? ringing : -ringing, hz, decay);
  });
  return at + ms;
}

/** An item slid to the edge and tipped off: uneven, with the hand pressing it down a little. */
function drag(plan: Plan, at: number, weight: number): number {
  const { random } = plan;
  const ms = random.between(300, 1200);
  const shape = dragShape(random);
  const hand = weight * random.between(0.05, 0.2);
  plan.actions.push((f) => {
    f.press(random, at, ms, hand);
    f.move(at, ms, -weight, shape);
    f.ring(at + ms, weight * random.between(0.05, 0.2), plan.resonanceHz, random.between(200, 500));
  });
  return at + ms;
}

function putBack(plan: Plan, t: number, items: number[], kind: 'put' | 'wrong-put'): number {
  const { random } = plan;
  if (kind === 'put') plan.stock.push(...items);
  const pressing = random.chance(0.15);
  let pressEnd = t;
  if (pressing) {
    const ms = random.between(300, 1500);
    const grams = random.between(50, 300);
    plan.actions.push((f) => f.press(random, t, ms, grams));
    pressEnd = t + ms;
  }
  let start = t + random.between(0, 150);
  const transferAt = start;
  let end = start;
  for (const w of items) {
    end = release(plan, start, w, random.between(80, 300), 'put');
    start = end + random.between(200, 800);
  }
  const motionEndAt = Math.max(end, pressEnd);
  const total = items.reduce((a, b) => a + b, 0);
  plan.truth.push({ kind, count: kind === 'put' ? items.length : 0, condition: kind === 'put' ? (pressing ? 'hand-press' : 'single') : 'none', deltaGrams: total, touchAt: t, transferAt, motionEndAt, endAt: motionEndAt + 500 });
  return motionEndAt + 500;
}
