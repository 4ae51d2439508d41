/**
 * A seeded generator of kiosk event envelopes for the analytics tests and the dashboard
 * bench: shoppers lift demo products (real ids from content/demo/), read their story, show
 * the QR code, order and pay; staff sell at the counter (some to buyer units) and restock.
 * Daily shape: opening hours 9–21 with a lunch and an evening peak; weekends busier; a
 * harvest-season peak in Sep–Nov and a Spring Festival peak; per-product popularity (Zipf)
 * and a few slow sellers (low conversion) for the unsold-produce warning.
 */
import { DEMO_CAMPAIGNS } from '../../content/demo/campaigns.ts';
import { DEMO_PRODUCTS } from '../../content/demo/products.ts';
import type { EventEnvelope } from '../../contract/events.ts';
import { seededRandom } from '../../platform/testing/fault-proxy.ts';

export type Rng = () => number;

/** mulberry32 (the fault proxy's): small, fast, good enough for test data. */
export const seeded: (seed: number) => Rng = seededRandom;

export function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export const PRODUCTS = DEMO_PRODUCTS.map((e, i) => ({ id: e.product.id, priceFen: e.product.priceFen, weight: 1 / (i + 1) ** 0.6 }));
/** Slow sellers: shoppers lift them but rarely order (the unsold warning should list them). */
export const SLOW = new Set(['shanshan-melon-demo', 'dingxi-potato']);
const CAMPAIGN = DEMO_CAMPAIGNS[0]?.campaign;
const FEATURED = new Set(CAMPAIGN?.featuredProductIds ?? []);

/** Demo buyer units (names invented, marked 示例): budget units, a union, an enterprise. */
export const UNITS = [
  { unitId: 'u-yt-edu', name: '盐田区教育局(示例)', kind: 'budget-unit' as const },
  { unitId: 'u-yt-hospital', name: '盐田区人民医院食堂(示例)', kind: 'budget-unit' as const },
  { unitId: 'u-yt-union', name: '盐田区总工会(示例)', kind: 'trade-union' as const },
  { unitId: 'u-port-co', name: '港口企业工会(示例)', kind: 'enterprise' as const },
];
/** A non-assistance item units also buy, so their assistance share is below 100 %. */
export const OTHER_PRODUCT = { id: 'office-supplies-demo', priceFen: 3500 };

export interface KioskSim {
  kioskId: string;
  installId: string;
  streamId: string;
  bootId: string;
  seq: number;
  orders: number;
}

export function newKiosk(rng: Rng, kioskId: string): KioskSim {
  return { kioskId, installId: uuid(rng), streamId: uuid(rng), bootId: uuid(rng), seq: 0, orders: 0 };
}

function pickProduct(rng: Rng): (typeof PRODUCTS)[number] {
  const total = PRODUCTS.reduce((a, p) => a + p.weight, 0);
  let x = rng() * total;
  for (const p of PRODUCTS) {
    x -= p.weight;
    if (x <= 0) return p;
  }
  return PRODUCTS[0] as (typeof PRODUCTS)[number];
}

/** Busyness of a local day: weekends +40 %, harvest season (Sep–Nov) +50 %, Spring Festival weeks +80 %. */
export function dayFactor(day: Date): number {
  const dow = day.getUTCDay();
  const month = day.getUTCMonth() + 1;
  let f = dow === 0 || dow === 6 ? 1.4 : 1;
  if (month >= 9 && month <= 11) f *= 1.5;
  if (month === 1 || month === 2) f *= day.getUTCDate() < 20 ? 1.8 : 1.1;
  return f;
}

/** A shopping minute of the day: lunch and evening peaks inside 9:00–21:00. */
function minuteOfDay(rng: Rng): number {
  const r = rng();
  const centre = r < 0.45 ? 12.5 : r < 0.85 ? 18.5 : 15;
  const h = Math.min(20.9, Math.max(9, centre + (rng() + rng() + rng() - 1.5) * 2));
  return Math.floor(h * 60);
}

type Emit = (k: KioskSim, env: EventEnvelope) => void;

function envelope(k: KioskSim, rng: Rng, type: string, atMs: number, payload: Record<string, unknown>): EventEnvelope {
  k.seq++;
  return { id: uuid(rng), installId: k.installId, streamId: k.streamId, seq: k.seq, type, v: 1, deviceTime: new Date(atMs).toISOString(), bootId: k.bootId, monoMs: k.seq * 10, tzOffset: 480, payload };
}

const slot = (p: { id: string; priceFen: number }, ch: number) => ({ slotId: `A${ch}`, boardId: 'node-1', channel: ch, productId: p.id, priceFen: p.priceFen, contentVersion: 1, planogramVersion: 1 });
const line = (p: { id: string; priceFen: number }, qty: number, campaignId: string | null) => ({ productId: p.id, quantity: qty, listPriceFen: p.priceFen, unitPriceFen: p.priceFen, campaignId, lineTotalFen: p.priceFen * qty, discountFen: 0 });
const cart = (lines: Array<ReturnType<typeof line>>) => {
  const total = lines.reduce((a, l) => a + l.lineTotalFen, 0);
  return { lines, subtotalFen: total, discountFen: 0, totalFen: total, contentVersion: 1 };
};
const ACTOR = { accountId: 'staff-1', name: '店员(示例)', role: 'staff' };

/** One shopper at the shelf: lift, dwell, maybe QR, maybe an order that is paid (and rarely refunded). */
function shopper(k: KioskSim, rng: Rng, at: number, emit: Emit): void {
  const p = pickProduct(rng);
  const ch = PRODUCTS.indexOf(p) % 12;
  const session = uuid(rng);
  emit(k, envelope(k, rng, 'shelf.lift', at, { ...slot(p, ch), sessionId: session }));
  const dwell = Math.round(3000 + rng() * rng() * 60_000);
  emit(k, envelope(k, rng, 'shelf.put', at + dwell, { ...slot(p, ch), sessionId: session, dwellMs: dwell }));
  const interest = SLOW.has(p.id) ? 0.05 : 0.4;
  if (rng() < 0.08) emit(k, envelope(k, rng, 'shopper.qr-shown', at + 1000, { productId: p.id, kind: 'trace', contentVersion: 1 }));
  if (rng() > interest) return;
  emit(k, envelope(k, rng, 'shopper.qr-shown', at + 2000, { productId: p.id, kind: 'order', contentVersion: 1 }));
  if (rng() > (SLOW.has(p.id) ? 0.2 : 0.35)) return;
  const orderId = `o-${k.kioskId}-${++k.orders}`;
  const c = cart([line(p, 1 + Math.floor(rng() * rng() * 4), FEATURED.has(p.id) ? (CAMPAIGN?.id ?? null) : null)]);
  emit(k, envelope(k, rng, 'order.created', at + 5000, { orderId, source: 'shelf', ...c, expiresAt: new Date(at + 905_000).toISOString() }));
  if (rng() > 0.8) return;
  emit(k, envelope(k, rng, 'order.state', at + 60_000, { orderId, from: 'awaiting-payment', to: 'paid', action: 'pay', amountFen: c.totalFen, paidFen: c.totalFen, refundedFen: 0, paymentId: `pay-${orderId}`, reason: null, actor: null }));
  if (rng() < 0.03) {
    const amount = Math.max(1, Math.floor(c.totalFen / 2));
    emit(k, envelope(k, rng, 'order.state', at + 120_000, { orderId, from: 'paid', to: 'partially-refunded', action: 'refund', amountFen: amount, paidFen: c.totalFen, refundedFen: amount, paymentId: null, reason: '示例退款', actor: ACTOR }));
  }
}

/** A counter sale; one in five goes to a buyer unit (a group purchase with some non-assistance items). */
function counterSale(k: KioskSim, rng: Rng, at: number, emit: Emit): void {
  const unit = rng() < 0.2 ? UNITS[Math.floor(rng() * UNITS.length)] : undefined;
  const lines = [line(pickProduct(rng), 1 + Math.floor(rng() * 3), null)];
  if (unit) {
    lines.push(line(PRODUCTS[5 + Math.floor(rng() * 10)] ?? OTHER_PRODUCT, 5 + Math.floor(rng() * 10), null));
    if (rng() < 0.7) lines.push(line(OTHER_PRODUCT, 5 + Math.floor(rng() * 20), null));
  }
  const merged = [...new Map(lines.map((l) => [l.productId, l])).values()];
  const c = cart(merged);
  const saleId = `s-${k.kioskId}-${++k.orders}`;
  emit(k, envelope(k, rng, 'sale.completed', at, { saleId, ...c, method: 'qr', tenderedFen: c.totalFen, changeFen: 0, actor: ACTOR, ...(unit ? { buyer: unit } : {}) }));
  if (rng() < 0.02) emit(k, envelope(k, rng, 'sale.refunded', at + 600_000, { saleId, refundId: `r-${saleId}`, amountFen: Math.max(1, Math.floor(c.totalFen / 3)), void: false, reason: '示例退款', actor: ACTOR }));
}

/** Events of one kiosk on one local day (UTC+8), in time order; `mean` events a day on an ordinary weekday. */
export function kioskDay(k: KioskSim, rng: Rng, localDay: string, mean: number, emit: Emit): void {
  const midnightUtc = Date.parse(`${localDay}T00:00:00Z`) - 480 * 60_000;
  const sessions = Math.round((mean / 2.9) * dayFactor(new Date(`${localDay}T00:00:00Z`)) * (0.7 + rng() * 0.6));
  const starts = Array.from({ length: sessions }, () => minuteOfDay(rng) * 60_000 + Math.floor(rng() * 59_000)).sort((a, b) => a - b);
  if (rng() < 0.3) {
    const p = pickProduct(rng);
    emit(k, envelope(k, rng, 'stock.restocked', midnightUtc + 8.5 * 3_600_000, { ...slot(p, PRODUCTS.indexOf(p) % 12), actor: ACTOR, added: 6, countBefore: 2, countAfter: 8 + Math.floor(rng() * 30), confirmedBy: 'staff' }));
  }
  for (const s of starts) {
    if (rng() < 0.06) counterSale(k, rng, midnightUtc + s, emit);
    else shopper(k, rng, midnightUtc + s, emit);
  }
}
