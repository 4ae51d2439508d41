import type { ProductDayRow, StockRow } from './backend.ts';
import type { CatalogueSnapshot } from './catalogue.ts';
import { addDays, daysBetween } from './periods.ts';

/** Thresholds of the unsold-produce early warning (滞销监测预警); every one can be set per request. */
export interface UnsoldThresholds {
  /** Days in the window the figures cover, ending at `to` (default 28). */
  windowDays: number;
  /** Sold ÷ (sold + stock on hand) below this warns (default 0.3). */
  minSellThrough: number;
  /** Order lines ÷ lifts below this warns, once a product had `minLifts` lifts (default 0.05, 30). */
  minConversion: number;
  minLifts: number;
  /** Sell-through is judged only with at least this many items available (default 10). */
  minStock: number;
  /** Stock on hand lasting more weeks than this at the window's sales rate warns (default 8). */
  maxCoverWeeks: number;
  /** Months after the harvest month in which unsold produce is urgent (default 3). */
  seasonMonths: number;
}

export const DEFAULT_THRESHOLDS: UnsoldThresholds = { windowDays: 28, minSellThrough: 0.3, minConversion: 0.05, minLifts: 30, minStock: 10, maxCoverWeeks: 8, seasonMonths: 3 };

export type UnsoldReason = 'low-sell-through' | 'low-conversion' | 'long-stock-cover';

export interface UnsoldRow {
  productId: string;
  name: string;
  county: string;
  sold: number;
  soldPrevious: number;
  /** sold vs the window before, -1 … +∞; null when the previous window sold nothing. */
  trend: number | null;
  /** Items sold per week over the last 8 weeks, oldest first. */
  weekly: number[];
  stockOnHand: number | null;
  restocked: number;
  sellThrough: number | null;
  lifts: number;
  orders: number;
  conversion: number | null;
  coverWeeks: number | null;
  inHarvestWindow: boolean;
  reasons: UnsoldReason[];
  severity: 'high' | 'watch';
}

export interface UnsoldReport {
  to: string;
  thresholds: UnsoldThresholds;
  contentVersion: number;
  rows: UnsoldRow[];
}

interface Acc { sold: number; soldPrevious: number; restocked: number; lifts: number; orders: number; weekly: number[] }

function accumulate(rows: readonly ProductDayRow[], to: string, windowDays: number): Map<string, Acc> {
  const from = addDays(to, -(windowDays - 1));
  const by = new Map<string, Acc>();
  for (const r of rows) {
    const a = by.get(r.productId) ?? { sold: 0, soldPrevious: 0, restocked: 0, lifts: 0, orders: 0, weekly: Array.from({ length: 8 }, () => 0) };
    const sold = r.paid_qty + r.counter_qty;
    const week = Math.floor(daysBetween(r.day, to) / 7);
    if (week >= 0 && week < 8) a.weekly[7 - week] = (a.weekly[7 - week] ?? 0) + sold;
    if (r.day >= from) {
      a.sold += sold;
      a.restocked += r.restocked_qty;
      a.lifts += r.lifts;
      a.orders += r.orders;
    } else if (r.day >= addDays(from, -windowDays)) a.soldPrevious += sold;
    by.set(r.productId, a);
  }
  return by;
}

function inSeason(harvestMonth: number | null, to: string, seasonMonths: number): boolean {
  if (harvestMonth === null) return false;
  const month = Number(to.slice(5, 7));
  return (month - harvestMonth + 12) % 12 < seasonMonths;
}

function judge(a: Acc, stock: number | null, t: UnsoldThresholds): Pick<UnsoldRow, 'sellThrough' | 'conversion' | 'coverWeeks' | 'reasons'> {
  const available = a.sold + (stock ?? a.restocked);
  const sellThrough = available > 0 ? a.sold / available : null;
  const conversion = a.lifts > 0 ? a.orders / a.lifts : null;
  const perWeek = a.sold / (t.windowDays / 7);
  const coverWeeks = stock === null ? null : perWeek > 0 ? stock / perWeek : stock > 0 ? Number.POSITIVE_INFINITY : 0;
  const reasons: UnsoldReason[] = [];
  if (sellThrough !== null && available >= t.minStock && sellThrough < t.minSellThrough) reasons.push('low-sell-through');
  if (conversion !== null && a.lifts >= t.minLifts && conversion < t.minConversion) reasons.push('low-conversion');
  if (coverWeeks !== null && stock !== null && stock >= t.minStock && coverWeeks > t.maxCoverWeeks) reasons.push('long-stock-cover');
  return { sellThrough, conversion, coverWeeks, reasons };
}

/**
 * Products whose sell-through or lift → order conversion falls below the thresholds, or whose
 * stock would last too long, judged against stock on hand and the harvest window; most urgent first.
 * `rows` must cover the 8 weeks before `to` and the two windows.
 */
export function buildUnsold(rows: readonly ProductDayRow[], stock: readonly StockRow[], cat: CatalogueSnapshot, to: string, t: UnsoldThresholds): UnsoldReport {
  const acc = accumulate(rows, to, t.windowDays);
  const stockBy = new Map(stock.map((s) => [s.productId, s.count]));
  const dims = new Map(cat.products.map((p) => [p.productId, p]));
  const ids = new Set([...dims.keys(), ...acc.keys(), ...stockBy.keys()]);
  const out: UnsoldRow[] = [];
  for (const id of ids) {
    const a = acc.get(id) ?? { sold: 0, soldPrevious: 0, restocked: 0, lifts: 0, orders: 0, weekly: Array.from({ length: 8 }, () => 0) };
    const stockOnHand = stockBy.get(id) ?? null;
    const j = judge(a, stockOnHand, t);
    if (j.reasons.length === 0) continue;
    const dim = dims.get(id);
    const inHarvestWindow = inSeason(dim?.harvestMonth ?? null, to, t.seasonMonths);
    out.push({
      productId: id, name: dim?.name ?? id, county: dim?.county ?? '', sold: a.sold, soldPrevious: a.soldPrevious,
      trend: a.soldPrevious > 0 ? (a.sold - a.soldPrevious) / a.soldPrevious : null, weekly: a.weekly, stockOnHand, restocked: a.restocked,
      lifts: a.lifts, orders: a.orders, inHarvestWindow, ...j, severity: j.reasons.length >= 2 || inHarvestWindow ? 'high' : 'watch',
    });
  }
  const rank = (r: UnsoldRow) => (r.severity === 'high' ? 0 : 1);
  return { to, thresholds: t, contentVersion: cat.contentVersion, rows: out.sort((a, b) => rank(a) - rank(b) || (a.sellThrough ?? 1) - (b.sellThrough ?? 1) || a.productId.localeCompare(b.productId)) };
}
