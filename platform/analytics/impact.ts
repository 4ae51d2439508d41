import type { ProductDayRow, UnitDayRow } from './backend.ts';
import type { CatalogueSnapshot, ProductDim } from './catalogue.ts';
import { periodOf, type Period } from './periods.ts';

/** Reservation target: budget units buy at least 30 % of their purchases as assistance products (seed article 002). */
export const UNIT_RESERVATION_TARGET = 0.3;

export interface SalesFigures {
  orders: number;
  orderedQty: number;
  orderedFen: number;
  paidQty: number;
  paidFen: number;
  counterQty: number;
  counterFen: number;
  /** Paid orders + counter sales, before refunds. */
  salesFen: number;
  refundFen: number;
  netFen: number;
}

export interface ImpactRow extends SalesFigures { key: string; label: string }
export interface PairingRow extends ImpactRow { households: number | null; products: number }
export interface UnitRow { unitId: string; name: string; kind: string; totalFen: number; assistanceFen: number; share: number; meetsTarget: boolean }

export interface ImpactReport {
  range: { from: string; to: string };
  period: Period;
  contentVersion: number;
  totals: SalesFigures;
  byCounty: ImpactRow[];
  byProducer: ImpactRow[];
  byProduct: ImpactRow[];
  byPairing: PairingRow[];
  byPeriod: ImpactRow[];
  units: UnitRow[];
  unitTarget: number;
}

export const UNKNOWN = '未知(内容中没有)';

/** Buyer unit kinds as the pages and exports name them. */
export const UNIT_KIND_TEXT: Record<string, string> = { 'budget-unit': '预算单位', 'trade-union': '工会', enterprise: '企业', other: '其他' };

function figures(rows: readonly ProductDayRow[]): SalesFigures {
  const f = { orders: 0, orderedQty: 0, orderedFen: 0, paidQty: 0, paidFen: 0, counterQty: 0, counterFen: 0, salesFen: 0, refundFen: 0, netFen: 0 };
  for (const r of rows) {
    f.orders += r.orders;
    f.orderedQty += r.ordered_qty;
    f.orderedFen += r.ordered_fen;
    f.paidQty += r.paid_qty;
    f.paidFen += r.paid_fen;
    f.counterQty += r.counter_qty;
    f.counterFen += r.counter_fen;
    f.refundFen += r.refund_fen;
  }
  f.salesFen = f.paidFen + f.counterFen;
  f.netFen = f.salesFen - f.refundFen;
  return f;
}

/** Groups rows by a key; sorted by sales, largest first (periods: in time order). */
export function groupRows<T extends { productId: string }>(rows: readonly T[], keyOf: (r: T) => [string, string]): Map<string, { label: string; rows: T[] }> {
  const out = new Map<string, { label: string; rows: T[] }>();
  for (const r of rows) {
    const [key, label] = keyOf(r);
    const g = out.get(key) ?? { label, rows: [] };
    g.rows.push(r);
    out.set(key, g);
  }
  return out;
}

function toRows(groups: Map<string, { label: string; rows: ProductDayRow[] }>, byKey = false): ImpactRow[] {
  const out = [...groups].map(([key, g]) => ({ key, label: g.label, ...figures(g.rows) }));
  return out.sort((a, b) => (byKey ? a.key.localeCompare(b.key) : b.salesFen - a.salesFen || a.key.localeCompare(b.key)));
}

function unitRows(units: readonly UnitDayRow[], dims: Map<string, ProductDim>): UnitRow[] {
  const by = new Map<string, UnitRow>();
  for (const u of units) {
    const row = by.get(u.unitId) ?? { unitId: u.unitId, name: u.name, kind: u.kind, totalFen: 0, assistanceFen: 0, share: 0, meetsTarget: false };
    row.totalFen += u.fen;
    if (dims.get(u.productId)?.pairing) row.assistanceFen += u.fen;
    by.set(u.unitId, row);
  }
  for (const r of by.values()) {
    r.share = r.totalFen > 0 ? r.assistanceFen / r.totalFen : 0;
    r.meetsTarget = r.share >= UNIT_RESERVATION_TARGET;
  }
  return [...by.values()].sort((a, b) => b.totalFen - a.totalFen || a.unitId.localeCompare(b.unitId));
}

/** Sales and orders by county, co-op, product, pairing and period; group purchases by unit. */
export function buildImpact(rows: readonly ProductDayRow[], units: readonly UnitDayRow[], cat: CatalogueSnapshot, range: { from: string; to: string }, period: Period): ImpactReport {
  const dims = new Map(cat.products.map((p) => [p.productId, p]));
  const dim = (id: string) => dims.get(id);
  const byPairingGroups = groupRows(rows, (r) => {
    const p = dim(r.productId)?.pairing ?? null;
    return p === null ? ['', '非帮扶产品 / 未知'] : [p, p];
  });
  const byPairing = toRows(byPairingGroups).map((row) => {
    const members = [...dims.values()].filter((d) => (d.pairing ?? '') === row.key);
    const reported = members.map((d) => d.households).filter((h): h is number => h !== null);
    // The content's own figure: several products of one pairing usually repeat the same total, so the largest is shown, never a sum.
    return { ...row, households: reported.length > 0 ? Math.max(...reported) : null, products: members.length };
  });
  return {
    range,
    period,
    contentVersion: cat.contentVersion,
    totals: figures(rows),
    byCounty: toRows(groupRows(rows, (r) => [dim(r.productId)?.county ?? UNKNOWN, dim(r.productId)?.county ?? UNKNOWN])),
    byProducer: toRows(groupRows(rows, (r) => {
      const p = dim(r.productId)?.producer ?? '(内容未写生产者)';
      return [p, p];
    })),
    byProduct: toRows(groupRows(rows, (r) => [r.productId, dim(r.productId)?.name ?? r.productId])),
    byPairing,
    byPeriod: toRows(groupRows(rows.map((r) => ({ ...r, period: periodOf(r.day, period) })), (r) => [r.period, r.period]), true),
    units: unitRows(units, dims),
    unitTarget: UNIT_RESERVATION_TARGET,
  };
}
