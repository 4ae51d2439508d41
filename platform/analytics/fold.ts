import { EVENT_TYPES, type EventPayload, type EventType } from '../../contract/events.ts';
import { CAMPAIGN_METRICS, localDay, spread, zeroCounters, type BuyerUnitRef, type CampaignMetric, type Counters, type DocLine, type DocState, type Metric } from './metrics.ts';

/** A stored event as the rollup reads it (ordered by received_at, id). */
export interface RawEvent {
  id: string;
  kioskId: string;
  receivedAt: number;
  envelope: { type?: unknown; deviceTime?: unknown; tzOffset?: unknown; payload?: unknown };
}

export interface UnitDelta { day: string; unitId: string; name: string; kind: string; productId: string; qty: number; fen: number }
export interface StockUpdate { kioskId: string; productId: string; count: number }

/** What one batch of events adds to the rollups; written in the same transaction as the cursor. */
export interface Deltas {
  /** key: day \0 kiosk \0 product */
  kioskDay: Map<string, Counters>;
  /** key: day \0 campaign \0 product */
  campaignDay: Map<string, Record<CampaignMetric, number>>;
  /** key: day \0 unit \0 product */
  unitDay: Map<string, UnitDelta>;
  stock: Map<string, StockUpdate>;
  /** Docs created or changed in this batch (upserted). */
  docs: Map<string, DocState>;
  skipped: number;
}

export const splitKey = (key: string): string[] => key.split('\u0000');
const key = (...parts: string[]) => parts.join('\u0000');

/** The docs (orders, sales) an event refers to, so they can be loaded before folding. */
export function docIdOf(e: RawEvent): string | null {
  const p = e.envelope.payload as Record<string, unknown> | undefined;
  if (!p) return null;
  if ((e.envelope.type === 'order.created' || e.envelope.type === 'order.state') && typeof p.orderId === 'string') return `o:${e.kioskId}:${p.orderId}`;
  if ((e.envelope.type === 'sale.completed' || e.envelope.type === 'sale.refunded') && typeof p.saleId === 'string') return `s:${e.kioskId}:${p.saleId}`;
  return null;
}

function parse<T extends EventType>(type: T, payload: unknown): EventPayload<T> | null {
  const r = EVENT_TYPES[type].payload.safeParse(payload);
  return r.success ? (r.data as EventPayload<T>) : null;
}

/** Folds events, in order, into deltas. `docs` holds the stored state of every doc the events name. */
export class RollupFolder {
  readonly d: Deltas = { kioskDay: new Map(), campaignDay: new Map(), unitDay: new Map(), stock: new Map(), docs: new Map(), skipped: 0 };

  constructor(private readonly stored: Map<string, DocState>) {}

  fold(events: readonly RawEvent[]): Deltas {
    for (const e of events) this.foldOne(e);
    return this.d;
  }

  private add(day: string, kioskId: string, productId: string, m: Metric, n: number): void {
    if (n === 0) return;
    const k = key(day, kioskId, productId);
    const c = this.d.kioskDay.get(k) ?? zeroCounters();
    c[m] += n;
    this.d.kioskDay.set(k, c);
  }

  private addCampaign(day: string, line: DocLine, m: CampaignMetric, n: number): void {
    if (line.campaignId === null || n === 0) return;
    const k = key(day, line.campaignId, line.productId);
    const c = this.d.campaignDay.get(k) ?? (Object.fromEntries(CAMPAIGN_METRICS.map((x) => [x, 0])) as Record<CampaignMetric, number>);
    c[m] += n;
    this.d.campaignDay.set(k, c);
  }

  private addUnit(day: string, unit: BuyerUnitRef | null, line: DocLine): void {
    if (!unit) return;
    const k = key(day, unit.unitId, line.productId);
    const u = this.d.unitDay.get(k) ?? { day, unitId: unit.unitId, name: unit.name, kind: unit.kind, productId: line.productId, qty: 0, fen: 0 };
    u.qty += line.quantity;
    u.fen += line.lineTotalFen;
    this.d.unitDay.set(k, u);
  }

  private doc(docId: string, kioskId: string): DocState {
    const known = this.d.docs.get(docId) ?? this.stored.get(docId);
    const doc = known ?? { docId, kioskId, lines: null, buyer: null, pending: [] };
    this.d.docs.set(docId, doc);
    return doc;
  }

  private foldOne(e: RawEvent): void {
    const type = e.envelope.type;
    if (typeof type !== 'string' || !Object.hasOwn(this.handlers, type)) return;
    const day = typeof e.envelope.deviceTime === 'string' ? localDay(e.envelope.deviceTime, Number(e.envelope.tzOffset ?? 0) || 0) : null;
    if (day === null || !this.foldTyped(type as EventType, e, day)) this.d.skipped++;
  }

  /** False: the payload does not parse (counted as skipped, never guessed at). */
  private foldTyped(type: EventType, e: RawEvent, day: string): boolean {
    const handler = this.handlers[type];
    return handler === undefined ? true : handler(e, day, e.envelope.payload);
  }

  /** One handler per folded event type; each parses its payload with the contract's schema. */
  private readonly handlers: Partial<Record<EventType, (e: RawEvent, day: string, raw: unknown) => boolean>> = {
    'shelf.lift': (e, day, raw) => {
      const p = parse('shelf.lift', raw);
      if (p?.productId) this.add(day, e.kioskId, p.productId, 'lifts', 1);
      return p !== null;
    },
    'shelf.put': (e, day, raw) => {
      const p = parse('shelf.put', raw);
      if (p?.productId) this.add(day, e.kioskId, p.productId, 'dwell_ms', Math.round(p.dwellMs));
      return p !== null;
    },
    'shopper.qr-shown': (e, day, raw) => {
      const p = parse('shopper.qr-shown', raw);
      if (p) this.add(day, e.kioskId, p.productId, p.kind === 'order' ? 'qr_order' : 'qr_trace', 1);
      return p !== null;
    },
    'stock.restocked': (e, day, raw) => {
      const p = parse('stock.restocked', raw);
      if (p?.productId) {
        this.add(day, e.kioskId, p.productId, 'restocked_qty', p.added);
        this.d.stock.set(key(e.kioskId, p.productId), { kioskId: e.kioskId, productId: p.productId, count: p.countAfter });
      }
      return p !== null;
    },
    'sale.recorded': (e, day, raw) => {
      const p = parse('sale.recorded', raw);
      if (p) this.foldCounterLines(day, e.kioskId, [{ productId: p.productId, quantity: p.quantity, lineTotalFen: p.totalFen, campaignId: null }], null);
      return p !== null;
    },
    'order.created': (e, day, raw) => {
      const p = parse('order.created', raw);
      if (p) this.orderCreated(this.doc(docIdOf(e) ?? '', e.kioskId), day, p.lines, p.buyer ?? null);
      return p !== null;
    },
    'order.state': (e, day, raw) => {
      const p = parse('order.state', raw);
      if (p && (p.action === 'pay' || p.action === 'refund')) this.apply(this.doc(docIdOf(e) ?? '', e.kioskId), { day, kind: p.action, amountFen: p.amountFen });
      return p !== null;
    },
    'sale.completed': (e, day, raw) => {
      const p = parse('sale.completed', raw);
      if (p) {
        const doc = this.doc(docIdOf(e) ?? '', e.kioskId);
        doc.lines = p.lines.map(toDocLine);
        doc.buyer = p.buyer ?? null;
        this.foldCounterLines(day, e.kioskId, doc.lines, doc.buyer);
        this.flushPending(doc);
      }
      return p !== null;
    },
    'sale.refunded': (e, day, raw) => {
      const p = parse('sale.refunded', raw);
      if (p) this.apply(this.doc(docIdOf(e) ?? '', e.kioskId), { day, kind: 'refund', amountFen: p.amountFen });
      return p !== null;
    },
  };

  private foldCounterLines(day: string, kioskId: string, lines: DocLine[], buyer: BuyerUnitRef | null): void {
    for (const l of lines) {
      this.add(day, kioskId, l.productId, 'counter_qty', l.quantity);
      this.add(day, kioskId, l.productId, 'counter_fen', l.lineTotalFen);
      this.addCampaign(day, l, 'counter_qty', l.quantity);
      this.addCampaign(day, l, 'counter_fen', l.lineTotalFen);
      this.addUnit(day, buyer, l);
    }
  }

  private orderCreated(doc: DocState, day: string, lines: Array<{ productId: string; quantity: number; lineTotalFen: number; campaignId: string | null }>, buyer: BuyerUnitRef | null): void {
    if (doc.lines !== null) return; // the same order created twice (a replayed event id is de-duplicated earlier; this is belt and braces)
    doc.lines = lines.map(toDocLine);
    doc.buyer = buyer;
    for (const l of doc.lines) {
      this.add(day, doc.kioskId, l.productId, 'orders', 1);
      this.add(day, doc.kioskId, l.productId, 'ordered_qty', l.quantity);
      this.add(day, doc.kioskId, l.productId, 'ordered_fen', l.lineTotalFen);
      this.addCampaign(day, l, 'ordered_qty', l.quantity);
      this.addCampaign(day, l, 'ordered_fen', l.lineTotalFen);
    }
    this.flushPending(doc);
  }

  private flushPending(doc: DocState): void {
    const pending = doc.pending;
    doc.pending = [];
    for (const p of pending) this.apply(doc, p);
  }

  /** A payment or refund: spread over the doc's lines, or kept until the doc's lines arrive. */
  private apply(doc: DocState, change: DocState['pending'][number]): void {
    if (doc.lines === null) {
      doc.pending.push(change);
      return;
    }
    const lines = doc.lines;
    if (change.kind === 'pay') {
      // A payment always equals the order total (contract/orders.ts applyOrderAction), so each line is paid in full.
      for (const l of lines) {
        this.add(change.day, doc.kioskId, l.productId, 'paid_lines', 1);
        this.add(change.day, doc.kioskId, l.productId, 'paid_qty', l.quantity);
        this.add(change.day, doc.kioskId, l.productId, 'paid_fen', l.lineTotalFen);
        this.addCampaign(change.day, l, 'paid_qty', l.quantity);
        this.addCampaign(change.day, l, 'paid_fen', l.lineTotalFen);
        this.addUnit(change.day, doc.buyer, l);
      }
      return;
    }
    const parts = spread(change.amountFen, lines.map((l) => l.lineTotalFen));
    lines.forEach((l, i) => {
      const fen = parts[i] ?? 0;
      this.add(change.day, doc.kioskId, l.productId, 'refund_fen', fen);
      if (fen > 0) this.add(change.day, doc.kioskId, l.productId, 'refunds', 1);
    });
  }
}

function toDocLine(l: { productId: string; quantity: number; lineTotalFen: number; campaignId: string | null }): DocLine {
  return { productId: l.productId, quantity: l.quantity, lineTotalFen: l.lineTotalFen, campaignId: l.campaignId };
}
