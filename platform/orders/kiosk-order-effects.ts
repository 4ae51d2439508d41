import { DEFAULT_SCHEDULE_OFFSET_MINUTES } from '../../contract/campaign-schedule.ts';
import { ledgerDay } from '../../contract/orders.ts';
import { advance } from './order-mutate.ts';
import type { MoneyEventRecord, OrderRecord } from './order-store.ts';

/**
 * What a kiosk's own money events change on the platform's order row (docs/orders-platform.md,
 * "Orders paid at the counter"). Pure decisions; both stores call them inside the ingest
 * transaction that projects the event, so the row and the projection cannot disagree after a crash.
 */

/** The payment id a kiosk records when staff took the money at its counter: `counter:<method>`. */
export const COUNTER_PREFIX = 'counter:';

export const isCounterPayment = (paymentId: string | null): boolean => paymentId?.startsWith(COUNTER_PREFIX) === true;

/** `cash`, `qr`, `card` of a counter payment id; null for a platform payment. */
export const counterMethodOf = (paymentId: string | null): string | null => (paymentId !== null && isCounterPayment(paymentId) ? paymentId.slice(COUNTER_PREFIX.length) : null);

/**
 * The hall's UTC offset (+08:00, contract/campaign-schedule.ts): the day of an order until its
 * kiosk's `order.created` event says which local day it is, and the day "now" falls on for the
 * fleet view's last-7-days window. Money events always carry their kiosk's own offset.
 */
export const HALL_UTC_OFFSET_MIN = DEFAULT_SCHEDULE_OFFSET_MINUTES;

export const hallDay = (epochMs: number): string => ledgerDay(epochMs, HALL_UTC_OFFSET_MIN);

const refundedFenOf = (m: MoneyEventRecord): number | null => {
  const p = JSON.parse(m.payload) as { refundedFen?: unknown };
  return typeof p.refundedFen === 'number' && Number.isInteger(p.refundedFen) ? p.refundedFen : null;
};

/**
 * The order after one freshly projected `order.state` event of its kiosk, or null when the
 * event changes nothing here. Only money the platform did not take itself is applied:
 *
 * - a `pay` with a `counter:<method>` payment: the order becomes paid by that payment id, through
 *   `applyOrderAction` (so from `cancelled` — the kiosk cancelled the platform's payable order
 *   — or `expired` too). Already paid by the same counter payment: nothing (a duplicate). Paid
 *   by a platform payment: nothing — the shopper paid twice, an alarm of the payment
 *   reconciliation (`paid-twice`), never an overwrite of the platform's own payment;
 * - a `refund` of an order paid at the counter: refunded up to the kiosk's cumulative
 *   `refundedFen` (the difference, so a repeated event changes nothing).
 *
 * Everything else the platform learns from its own payments and the kiosk's requests.
 */
export function orderAfterKioskEvent(o: OrderRecord, m: MoneyEventRecord, at: number): OrderRecord | null {
  if (m.type !== 'order.state' || o.kioskId !== m.kioskId || o.orderId !== m.refId) return null;
  if (m.action === 'pay') {
    if (!isCounterPayment(m.paymentId) || o.paidFen > 0) return null;
    const next = advance(o, 'pay', m.amountFen, at);
    return next.ok ? { ...next.value, paymentId: m.paymentId } : null;
  }
  if (m.action === 'refund' && isCounterPayment(o.paymentId)) {
    const target = refundedFenOf(m);
    if (target === null || target <= o.refundedFen) return null;
    const next = advance(o, 'refund', target - o.refundedFen, at);
    return next.ok ? next.value : null;
  }
  return null;
}
