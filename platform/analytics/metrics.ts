/**
 * The counters of the daily rollups (one fixed list: the SQL of both stores is written from
 * it, never from the keys of an incoming object). Money is integer fen.
 */
export const METRICS = [
  'lifts', // shopper lifts (shelf.lift)
  'dwell_ms', // total story dwell, summed from shelf.put dwellMs
  'qr_order', // order QR shown (shopper.qr-shown kind order)
  'qr_trace', // trace QR shown (kind trace)
  'orders', // order lines created (order.created)
  'ordered_qty',
  'ordered_fen',
  'paid_lines', // order lines paid (order.state action pay)
  'paid_qty',
  'paid_fen',
  'counter_qty', // counter sales (sale.completed, legacy sale.recorded)
  'counter_fen',
  'refund_fen', // order and counter refunds, spread over the lines by their share of the total
  'refunds',
  'restocked_qty', // items added by staff (stock.restocked)
] as const;
export type Metric = (typeof METRICS)[number];
export type Counters = Record<Metric, number>;

export function zeroCounters(): Counters {
  return Object.fromEntries(METRICS.map((m) => [m, 0])) as Counters;
}

/** Group purchases: what one buyer unit bought of one product on one day. */
export const UNIT_METRICS = ['qty', 'fen'] as const;

/** Campaign lines (order and counter lines priced under a campaign). */
export const CAMPAIGN_METRICS = ['ordered_qty', 'ordered_fen', 'paid_qty', 'paid_fen', 'counter_qty', 'counter_fen'] as const;
export type CampaignMetric = (typeof CAMPAIGN_METRICS)[number];

/** One priced line as the rollup remembers it (for payments and refunds that arrive later). */
export interface DocLine {
  productId: string;
  quantity: number;
  lineTotalFen: number;
  campaignId: string | null;
}

export interface BuyerUnitRef {
  unitId: string;
  name: string;
  kind: string;
}

/**
 * An order or counter sale the rollup has seen: its lines (null until order.created arrives),
 * its buyer unit, and payments/refunds that arrived before it (applied when it does).
 */
export interface DocState {
  docId: string;
  kioskId: string;
  lines: DocLine[] | null;
  buyer: BuyerUnitRef | null;
  pending: Array<{ day: string; kind: 'pay' | 'refund'; amountFen: number }>;
}

/** Local calendar day (YYYY-MM-DD) of an envelope: device time shifted by its tzOffset (minutes east). */
export function localDay(deviceTime: string, tzOffset: number): string | null {
  const t = Date.parse(deviceTime);
  if (!Number.isFinite(t)) return null;
  return new Date(t + tzOffset * 60_000).toISOString().slice(0, 10);
}

/**
 * Splits `amount` over parts in proportion to their weights, in whole fen (largest
 * remainder, so the parts always add up to the amount exactly).
 */
export function spread(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const raw = weights.map((w) => (amount * w) / total);
  const out = raw.map(Math.floor);
  let left = amount - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}
