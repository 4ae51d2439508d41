import { EVENT_TYPES } from '../../contract/events.ts';
import type { ReportPeriod, ReportProduct, StoreReport } from '../../contract/sales.ts';
import type { ReportQueries } from '../../db/reports.ts';
import type { Logger } from '../log.ts';
import { periodRange, type PeriodRange } from './report-period.ts';

export interface ReportServiceDeps {
  queries: ReportQueries;
  logger: Logger;
  now?: () => number;
  tzOffsetAt: (at: number) => number;
}

type ProductAcc = Omit<ReportProduct, 'conversion'>;

/** Per-event-type payload parsing: an event that fails its schema is counted and skipped, never guessed at. */
function parsed<T extends 'order.created' | 'order.state'>(type: T, rows: Array<{ deviceTime: string; payload: string }>, onBad: () => void) {
  const out: Array<{ at: number; payload: ReturnType<(typeof EVENT_TYPES)[T]['payload']['parse']> }> = [];
  for (const row of rows) {
    let json: unknown;
    try {
      json = JSON.parse(row.payload);
    } catch {
      onBad();
      continue;
    }
    const p = EVENT_TYPES[type].payload.safeParse(json);
    if (p.success) out.push({ at: Date.parse(row.deviceTime), payload: p.data as ReturnType<(typeof EVENT_TYPES)[T]['payload']['parse']> });
    else onBad();
  }
  return out;
}

/**
 * Store reports for staff: counter sales and refunds (sales tables), shopper orders and paid
 * orders ('order.created' / 'order.state' events), and lift → order conversion per product
 * ('shelf.lift' events against ordered quantity). Integer fen throughout.
 */
export class ReportService {
  private readonly now: () => number;

  constructor(private readonly deps: ReportServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  report(period: ReportPeriod): StoreReport {
    const now = this.now();
    const range = periodRange(period, now, this.deps.tzOffsetAt(now));
    const { queries } = this.deps;
    let bad = 0;
    const onBad = (): void => void bad++;
    const sales = queries.sales(range.from, range.to);
    const refunds = queries.refunds(range.from, range.to);
    const created = parsed('order.created', queries.events('order.created', range.from, range.to), onBad);
    const states = parsed('order.state', queries.events('order.state', range.from, range.to), onBad);
    const lifts = queries.liftsByProduct(range.from, range.to);
    if (bad > 0) this.deps.logger.warn({ bad, period }, 'report skipped events whose payload failed its schema');

    const paid = paidOrders(states);
    const orderRefundsFen = states.filter((s) => s.payload.action === 'refund').reduce((a, s) => a + s.payload.amountFen, 0);
    const products = productFigures(queries.saleLines(range.from, range.to), created, lifts);

    const salesFen = sales.reduce((a, s) => a + s.totalFen, 0);
    const saleRefundsFen = refunds.reduce((a, r) => a + r.amountFen, 0);
    const ordersPaidFen = [...paid.values()].reduce((a, p) => a + p.amountFen, 0);
    return {
      period,
      from: range.from,
      to: range.to,
      fromDay: range.fromDay,
      toDay: range.toDay,
      salesCount: sales.length,
      salesFen,
      saleRefundsCount: refunds.length,
      saleRefundsFen,
      ordersCount: created.length,
      ordersPaidCount: paid.size,
      ordersPaidFen,
      orderRefundsFen,
      netFen: salesFen + ordersPaidFen - saleRefundsFen - orderRefundsFen,
      products: rankProducts(products),
      buckets: bucketise(range, sales, [...paid.values()]),
    };
  }
}

type Parsed<T extends 'order.created' | 'order.state'> = ReturnType<typeof parsed<T>>;

/** The first payment of each order (a repeated notice of the same payment is one paid order). */
function paidOrders(states: Parsed<'order.state'>): Map<string, { at: number; amountFen: number }> {
  const paid = new Map<string, { at: number; amountFen: number }>();
  for (const s of states) if (s.payload.to === 'paid' && !paid.has(s.payload.orderId)) paid.set(s.payload.orderId, { at: s.at, amountFen: s.payload.amountFen });
  return paid;
}

/** Per product: items and money sold at the counter, items ordered by shoppers, shopper lifts. */
function productFigures(saleLines: ReadonlyArray<{ productId: string; quantity: number; lineTotalFen: number }>, created: Parsed<'order.created'>, lifts: ReadonlyArray<{ productId: string; lifts: number }>): ProductAcc[] {
  const products = new Map<string, ProductAcc>();
  const acc = (id: string): ProductAcc => {
    let p = products.get(id);
    if (!p) products.set(id, (p = { productId: id, soldQty: 0, soldFen: 0, orderedQty: 0, lifts: 0 }));
    return p;
  };
  for (const l of saleLines) {
    const p = acc(l.productId);
    p.soldQty += l.quantity;
    p.soldFen += l.lineTotalFen;
  }
  for (const o of created) for (const l of o.payload.lines) acc(l.productId).orderedQty += l.quantity;
  for (const l of lifts) acc(l.productId).lifts += l.lifts;
  return [...products.values()];
}

/** Most money first, then most ordered, then most lifted; conversion = ordered / lifts. */
function rankProducts(products: ProductAcc[]): ReportProduct[] {
  return products
    .map((p) => ({ ...p, conversion: p.lifts === 0 ? null : Math.round((p.orderedQty / p.lifts) * 1000) / 1000 }))
    .sort((a, b) => b.soldFen - a.soldFen || b.orderedQty - a.orderedQty || b.lifts - a.lifts || a.productId.localeCompare(b.productId))
    .slice(0, 50);
}

function bucketise(range: PeriodRange, sales: Array<{ createdAt: number; totalFen: number }>, paid: Array<{ at: number; amountFen: number }>): StoreReport['buckets'] {
  return range.buckets.map((b) => ({
    label: b.label,
    startsAt: b.startsAt,
    salesFen: sales.filter((s) => s.createdAt >= b.startsAt && s.createdAt < b.endsAt).reduce((a, s) => a + s.totalFen, 0),
    ordersPaidFen: paid.filter((p) => p.at >= b.startsAt && p.at < b.endsAt).reduce((a, p) => a + p.amountFen, 0),
  }));
}
