import type { OrderStatus } from '../../contract/orders.ts';
import type { CallbackRecord, MoneyEventRecord, OrderChange, OrderRecord, PaymentRecord, RefundRecord } from './order-store.ts';

/**
 * Column lists and row mappers shared by the SQLite and PostgreSQL order stores: the same
 * aliases in both, so a row needs only its JSON and boolean columns fixed.
 */
export const ORDER_COLUMNS = `order_id AS "orderId", kiosk_id AS "kioskId", request_hash AS "requestHash", lines,
  subtotal_fen AS "subtotalFen", discount_fen AS "discountFen", total_fen AS "totalFen", content_version AS "contentVersion",
  locale, state, paid_fen AS "paidFen", refunded_fen AS "refundedFen", scanned, fulfilment, contact_phone AS "contactPhone",
  pay_key_hash AS "payKeyHash", payment_id AS "paymentId", created_at AS "createdAt", expires_at AS "expiresAt",
  updated_at AS "updatedAt", version, local_day AS "localDay", price_check AS "priceCheck"`;

export const PAYMENT_COLUMNS = `payment_id AS "paymentId", order_id AS "orderId", provider, provider_payment_id AS "providerPaymentId",
  amount_fen AS "amountFen", state, surplus, created_at AS "createdAt", updated_at AS "updatedAt"`;

export const REFUND_COLUMNS = `refund_id AS "refundId", order_id AS "orderId", payment_id AS "paymentId", amount_fen AS "amountFen",
  reason, provider_refund_id AS "providerRefundId", at`;

export const CALLBACK_COLUMNS = `provider, provider_payment_id AS "providerPaymentId", order_id AS "orderId", status, outcome, body, at`;

export const MONEY_COLUMNS = `event_id AS "eventId", kiosk_id AS "kioskId", stream_id AS "streamId", seq, type, day,
  device_time AS "deviceTime", received_at AS "receivedAt", ref_id AS "refId", action, amount_fen AS "amountFen",
  payment_id AS "paymentId", payload`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export function toOrder(r: Record<string, unknown>): OrderRecord {
  return {
    ...(r as unknown as OrderRecord),
    lines: json(r.lines),
    fulfilment: r.fulfilment === null ? null : json(r.fulfilment),
    scanned: r.scanned === true || r.scanned === 1,
  };
}

export function toPayment(r: Record<string, unknown>): PaymentRecord {
  return { ...(r as unknown as PaymentRecord), surplus: r.surplus === true || r.surplus === 1 };
}

export const toRefund = (r: Record<string, unknown>): RefundRecord => r as unknown as RefundRecord;
export const toCallback = (r: Record<string, unknown>): CallbackRecord => r as unknown as CallbackRecord;
export const toMoney = (r: Record<string, unknown>): MoneyEventRecord => ({ ...(r as unknown as MoneyEventRecord), payload: typeof r.payload === 'string' ? r.payload : JSON.stringify(r.payload) });

export function toChange(r: Record<string, unknown>): OrderChange {
  return { cursor: Number(r.cursor), orderId: String(r.orderId), status: json<OrderStatus>(r.status), at: Number(r.at) };
}

/** The status a kiosk sees of an order. */
export function statusOf(o: OrderRecord): OrderStatus {
  return {
    orderId: o.orderId,
    state: o.state,
    scanned: o.scanned,
    paidFen: o.paidFen,
    refundedFen: o.refundedFen,
    paymentId: o.paymentId,
    updatedAt: new Date(o.updatedAt).toISOString(),
  };
}

/**
 * The order's columns an update writes, in table order after order_id. `local_day` and
 * `price_check` follow them: set at insert (`insertValues`), local_day later only by the
 * projection of the kiosk's `order.created` event, so a commit from a stale read cannot undo it.
 */
export function orderValues(o: OrderRecord): unknown[] {
  return [
    o.kioskId, o.requestHash, JSON.stringify(o.lines), o.subtotalFen, o.discountFen, o.totalFen, o.contentVersion, o.locale,
    o.state, o.paidFen, o.refundedFen, o.scanned, o.fulfilment === null ? null : JSON.stringify(o.fulfilment), o.contactPhone,
    o.payKeyHash, o.paymentId, o.createdAt, o.expiresAt, o.updatedAt, o.version,
  ];
}

/** Every column of a new order, in table order. */
export const insertValues = (o: OrderRecord): unknown[] => [o.orderId, ...orderValues(o), o.localDay, o.priceCheck];
