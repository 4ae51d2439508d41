import type { CampaignDayRow, ProductDayRow } from './backend.ts';
import type { CatalogueSnapshot } from './catalogue.ts';

/** Shelf to payment for one product or campaign: counts only, no person is ever identified. */
export interface FunnelRow {
  key: string;
  label: string;
  lifts: number;
  /** Total story dwell (ms) and its mean per lift. */
  dwellMs: number;
  dwellMsPerLift: number;
  qrShown: number;
  /** Order lines created / paid (a line is one product in one order). */
  orders: number;
  paid: number;
  orderedQty: number;
  paidQty: number;
  /** Order lines per lift (0 when there were no lifts). */
  liftToOrder: number;
}

export interface FunnelReport {
  range: { from: string; to: string };
  byProduct: FunnelRow[];
  /**
   * Per campaign: lifts, dwell and QR of its featured products on the days it ran (the shelf does
   * not know which campaign a shopper saw); orders and payments of lines priced under it.
   */
  byCampaign: FunnelRow[];
}

function row(key: string, label: string, f: Omit<FunnelRow, 'key' | 'label' | 'dwellMsPerLift' | 'liftToOrder'>): FunnelRow {
  return { key, label, ...f, dwellMsPerLift: f.lifts > 0 ? Math.round(f.dwellMs / f.lifts) : 0, liftToOrder: f.lifts > 0 ? f.orders / f.lifts : 0 };
}

function productFunnel(rows: readonly ProductDayRow[], cat: CatalogueSnapshot): FunnelRow[] {
  const names = new Map(cat.products.map((p) => [p.productId, p.name]));
  const by = new Map<string, Omit<FunnelRow, 'key' | 'label' | 'dwellMsPerLift' | 'liftToOrder'>>();
  for (const r of rows) {
    const f = by.get(r.productId) ?? { lifts: 0, dwellMs: 0, qrShown: 0, orders: 0, paid: 0, orderedQty: 0, paidQty: 0 };
    f.lifts += r.lifts;
    f.dwellMs += r.dwell_ms;
    f.qrShown += r.qr_order;
    f.orders += r.orders;
    f.paid += r.paid_lines;
    f.orderedQty += r.ordered_qty;
    f.paidQty += r.paid_qty;
    by.set(r.productId, f);
  }
  return [...by].map(([id, f]) => row(id, names.get(id) ?? id, f)).sort((a, b) => b.lifts - a.lifts || a.key.localeCompare(b.key));
}

const inWindow = (day: string, startsAt: string | null, endsAt: string | null) =>
  (startsAt === null || day >= startsAt.slice(0, 10)) && (endsAt === null || day <= endsAt.slice(0, 10));

function campaignFunnel(rows: readonly ProductDayRow[], lines: readonly CampaignDayRow[], cat: CatalogueSnapshot): FunnelRow[] {
  const out: FunnelRow[] = [];
  const ids = new Set([...cat.campaigns.map((c) => c.campaignId), ...lines.map((l) => l.campaignId)]);
  for (const id of ids) {
    const c = cat.campaigns.find((x) => x.campaignId === id);
    const featured = new Set(c?.featuredProductIds ?? []);
    const f = { lifts: 0, dwellMs: 0, qrShown: 0, orders: 0, paid: 0, orderedQty: 0, paidQty: 0 };
    for (const r of rows) {
      if (!featured.has(r.productId) || !inWindow(r.day, c?.startsAt ?? null, c?.endsAt ?? null)) continue;
      f.lifts += r.lifts;
      f.dwellMs += r.dwell_ms;
      f.qrShown += r.qr_order;
    }
    for (const l of lines) {
      if (l.campaignId !== id) continue;
      f.orderedQty += l.ordered_qty;
      f.paidQty += l.paid_qty;
    }
    // Campaign lines are counted in items: the campaign table keeps quantities, not lines.
    f.orders = f.orderedQty;
    f.paid = f.paidQty;
    out.push(row(id, c?.title ?? id, f));
  }
  return out.sort((a, b) => b.lifts - a.lifts || a.key.localeCompare(b.key));
}

export function buildFunnel(rows: readonly ProductDayRow[], lines: readonly CampaignDayRow[], cat: CatalogueSnapshot, range: { from: string; to: string }): FunnelReport {
  return { range, byProduct: productFunnel(rows, cat), byCampaign: campaignFunnel(rows, lines, cat) };
}
