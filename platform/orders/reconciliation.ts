import { hallDay, isCounterPayment } from './kiosk-order-effects.ts';
import type { MoneyEventRecord, OrderStore, PaymentRecord } from './order-store.ts';

/** A kiosk's totals of one local day, as in its 'ledger.day' event (contract/events.ts). */
export interface DayTotals {
  salesCount: number;
  salesFen: number;
  saleRefundsFen: number;
  ordersPaidCount: number;
  ordersPaidFen: number;
  orderRefundsFen: number;
}

export interface DayReconciliation {
  kioskId: string;
  day: string;
  /** ok: the ledger equals the events; pending: events below the ledger's seq are still missing; no-ledger: nothing to compare. */
  status: 'ok' | 'mismatch' | 'pending' | 'no-ledger';
  ledger: DayTotals | null;
  events: DayTotals;
  ledgerEventId: string | null;
  missingBelow: number;
  differences: string[];
}

export interface PaymentAlarm {
  kind: 'unacknowledged-payment' | 'surplus-payment' | 'kiosk-paid-unknown-payment' | 'paid-twice';
  kioskId: string;
  orderId: string;
  paymentId: string | null;
  amountFen: number;
  detail: string;
}

/** A payment the platform received that the kiosk has not acknowledged for this long is an alarm. */
export const UNACKNOWLEDGED_AFTER_MS = 10 * 60_000;

const ZERO: DayTotals = { salesCount: 0, salesFen: 0, saleRefundsFen: 0, ordersPaidCount: 0, ordersPaidFen: 0, orderRefundsFen: 0 };

/**
 * Sums money events the way a kiosk's ledger.day counts them: sales (sale.completed) by count
 * and total, sale refunds and voids (sale.refunded), paid orders (order.state with action
 * `pay`) by count and amount, order refunds (order.state with action `refund`).
 */
export function sumDay(events: readonly MoneyEventRecord[]): DayTotals {
  const t = { ...ZERO };
  for (const e of events) {
    if (e.type === 'sale.completed') {
      t.salesCount++;
      t.salesFen += e.amountFen;
    } else if (e.type === 'sale.refunded') t.saleRefundsFen += e.amountFen;
    else if (e.type === 'order.state' && e.action === 'pay') {
      t.ordersPaidCount++;
      t.ordersPaidFen += e.amountFen;
    } else if (e.type === 'order.state' && e.action === 'refund') t.orderRefundsFen += e.amountFen;
  }
  return t;
}

function latestLedger(events: readonly MoneyEventRecord[]): MoneyEventRecord | null {
  let best: MoneyEventRecord | null = null;
  for (const e of events) {
    if (e.type !== 'ledger.day') continue;
    if (!best || (e.streamId === best.streamId ? e.seq > best.seq : e.receivedAt > best.receivedAt)) best = e;
  }
  return best;
}

async function reconcileDay(store: OrderStore, kioskId: string, day: string, events: MoneyEventRecord[]): Promise<DayReconciliation> {
  const ledgerEvent = latestLedger(events);
  if (!ledgerEvent) return { kioskId, day, status: 'no-ledger', ledger: null, events: sumDay(events), ledgerEventId: null, missingBelow: 0, differences: [] };
  const ledger = { ...ZERO, ...(JSON.parse(ledgerEvent.payload) as Partial<DayTotals>) };
  const counted = sumDay(events.filter((e) => e.streamId === ledgerEvent.streamId && e.seq < ledgerEvent.seq));
  const missingBelow = ledgerEvent.seq - 1 - (await store.seqsBelow(ledgerEvent.streamId, ledgerEvent.seq));
  const differences = (Object.keys(ZERO) as Array<keyof DayTotals>).filter((k) => ledger[k] !== counted[k]).map((k) => `${k}: kiosk ${ledger[k]}, events ${counted[k]}`);
  const status = missingBelow > 0 ? 'pending' : differences.length > 0 ? 'mismatch' : 'ok';
  return { kioskId, day, status, ledger: pickTotals(ledger), events: counted, ledgerEventId: ledgerEvent.eventId, missingBelow, differences };
}

const pickTotals = (t: DayTotals): DayTotals => ({ salesCount: t.salesCount, salesFen: t.salesFen, saleRefundsFen: t.saleRefundsFen, ordersPaidCount: t.ordersPaidCount, ordersPaidFen: t.ordersPaidFen, orderRefundsFen: t.orderRefundsFen });

/** Each (kiosk, local day) in the range: the kiosk's latest ledger.day against its money events. */
export async function reconcileDays(store: OrderStore, f: { kioskId?: string; fromDay?: string; toDay?: string }): Promise<DayReconciliation[]> {
  const groups = new Map<string, MoneyEventRecord[]>();
  for (const e of await store.moneyEvents(f)) {
    const key = `${e.kioskId}\u0000${e.day}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const out: DayReconciliation[] = [];
  for (const [key, events] of groups) {
    const [kioskId = '', day = ''] = key.split('\u0000');
    out.push(await reconcileDay(store, kioskId, day, events));
  }
  return out;
}

/**
 * Payments the platform received against the kiosks' own 'order.state' pay events: a payment
 * not acknowledged by its kiosk for 10 minutes, a surplus payment (an order paid twice: give it
 * back), a kiosk's paid order naming a payment the platform does not hold as paid, and an
 * order paid at the kiosk's counter that the phone had already paid (`paid-twice`).
 */
export async function reconcilePayments(store: OrderStore, now: number, limit = 2000): Promise<PaymentAlarm[]> {
  const [payments, kioskPays] = await Promise.all([store.paidPayments(limit), store.moneyEvents({ types: ['order.state'] })]);
  const acked = new Map<string, MoneyEventRecord>();
  for (const e of kioskPays) if (e.action === 'pay') acked.set(e.refId, e);
  const alarms: PaymentAlarm[] = [];
  const byId = new Map<string, PaymentRecord>(payments.map((p) => [p.paymentId, p]));
  for (const p of payments) {
    const order = await store.getOrder(p.orderId);
    const kioskId = order?.kioskId ?? '';
    if (p.surplus) alarms.push({ kind: 'surplus-payment', kioskId, orderId: p.orderId, paymentId: p.paymentId, amountFen: p.amountFen, detail: 'paid after the order was already paid or closed: refund it' });
    else if (!acked.has(p.orderId) && now - p.updatedAt > UNACKNOWLEDGED_AFTER_MS) {
      alarms.push({ kind: 'unacknowledged-payment', kioskId, orderId: p.orderId, paymentId: p.paymentId, amountFen: p.amountFen, detail: `paid ${Math.round((now - p.updatedAt) / 60_000)} min ago; the kiosk has not recorded it` });
    }
  }
  for (const e of acked.values()) {
    // `counter:<method>`: staff took the money at the kiosk's counter (no provider payment); the
    // day ledger covers the money. Only an order the phone had paid already is an alarm here.
    if (isCounterPayment(e.paymentId)) {
      const order = await store.getOrder(e.refId);
      if (order?.kioskId === e.kioskId && order.paidFen > 0 && !isCounterPayment(order.paymentId)) {
        alarms.push({ kind: 'paid-twice', kioskId: e.kioskId, orderId: e.refId, paymentId: e.paymentId, amountFen: e.amountFen, detail: `paid at the counter after the phone paid (${order.paymentId ?? ''}): refund one of them` });
      }
      continue;
    }
    if (e.paymentId === null || byId.has(e.paymentId)) continue;
    if ((await store.paymentsOf(e.refId)).some((p) => p.paymentId === e.paymentId && p.state === 'paid')) continue;
    alarms.push({ kind: 'kiosk-paid-unknown-payment', kioskId: e.kioskId, orderId: e.refId, paymentId: e.paymentId, amountFen: e.amountFen, detail: 'the kiosk recorded a payment the platform does not hold as paid' });
  }
  return alarms;
}

/** The kiosks with a money alarm over the last `days` days (fleet view): kiosk id → alarm count. */
export async function moneyAlarmsByKiosk(store: OrderStore, now: number, days = 7): Promise<Map<string, number>> {
  const fromDay = hallDay(now - days * 86_400_000);
  const [dayRows, payments] = await Promise.all([reconcileDays(store, { fromDay }), reconcilePayments(store, now)]);
  const out = new Map<string, number>();
  for (const k of [...dayRows.filter((d) => d.status === 'mismatch').map((d) => d.kioskId), ...payments.map((p) => p.kioskId)]) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}
