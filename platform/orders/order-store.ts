import type { Fulfilment, OrderState, OrderStatus, PricedLine } from '../../contract/orders.ts';

/**
 * Storage of orders, payments and the money projection (docs/orders-platform.md). Both platform
 * stores implement it (sqlite-orders.ts, pg-orders.ts). Domain decisions are made in
 * order-service.ts with pure functions; a store only reads and commits them atomically.
 */

export interface OrderRecord {
  orderId: string;
  kioskId: string;
  /** sha256 of the canonical create request: the same orderId with another body is refused. */
  requestHash: string;
  lines: PricedLine[];
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
  contentVersion: number;
  locale: 'zh-CN' | 'zh-TW' | 'en';
  state: OrderState;
  paidFen: number;
  refundedFen: number;
  scanned: boolean;
  fulfilment: Fulfilment | null;
  contactPhone: string | null;
  /** sha256 of the phone page's key; the key itself is derived, never stored (order-keys.ts). */
  payKeyHash: string;
  /** Our id of the payment that paid the order. */
  paymentId: string | null;
  createdAt: number;
  expiresAt: number;
  updatedAt: number;
  /** Bumped by every commit: optimistic concurrency between requests and processes. */
  version: number;
  /**
   * The kiosk's local day of the order (YYYY-MM-DD): the day of its `order.created` event once
   * that arrived, before that the day of `createdAt` in hall time (+08:00). Day filters use it.
   */
  localDay: string;
  /** `verified`: every line was repriced against the package version the kiosk named; see price-check.ts. */
  priceCheck: PriceCheck;
}

export const PRICE_CHECKS = ['verified', 'unverified-prices'] as const;
export type PriceCheck = (typeof PRICE_CHECKS)[number];

export const PAYMENT_STATES = ['pending', 'paid', 'failed', 'expired'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export interface PaymentRecord {
  paymentId: string;
  orderId: string;
  provider: string;
  /** The provider's id of the payment: UNIQUE, so one provider payment is one payment here. */
  providerPaymentId: string;
  amountFen: number;
  state: PaymentState;
  /** Paid after the order was already paid by another payment: money to give back (an alarm). */
  surplus: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface RefundRecord {
  refundId: string;
  orderId: string;
  paymentId: string;
  amountFen: number;
  reason: string;
  providerRefundId: string;
  at: number;
}

/** A provider callback as received (after its signature was checked), for audit. */
export interface CallbackRecord {
  provider: string;
  providerPaymentId: string;
  orderId: string | null;
  status: string;
  /** What applying it did: `paid`, `failed`, `ignored: …`, `unknown-order`. */
  outcome: string;
  body: string;
  at: number;
}

export interface OrderChange {
  /** Monotone per kiosk in commit order: the status stream's Last-Event-ID. */
  cursor: number;
  orderId: string;
  status: OrderStatus;
  at: number;
}

/** Everything one step of an order writes, committed atomically or not at all. */
export interface OrderCommit {
  /** The order's new state; written only if its stored version still equals `expectVersion`. */
  order?: { next: OrderRecord; expectVersion: number; change: boolean };
  insertPayment?: PaymentRecord;
  /** Moves a payment from `from` to `to` (refused as stale when it is no longer `from`). */
  updatePayment?: { paymentId: string; from: PaymentState; to: PaymentState; surplus: boolean; at: number };
  insertRefund?: RefundRecord;
  callback?: CallbackRecord;
}

export interface OrderFilter {
  kioskId?: string;
  state?: OrderState;
  /** The order's local day (`localDay`) ≥ fromDay and ≤ toDay, both YYYY-MM-DD. */
  fromDay?: string;
  toDay?: string;
  limit: number;
}

/** One money event of a kiosk, projected at ingest (money-projection.ts). */
export interface MoneyEventRecord {
  eventId: string;
  kioskId: string;
  streamId: string;
  seq: number;
  type: string;
  /** The kiosk's local day of the event (ledgerDay of its device time and tzOffset). */
  day: string;
  deviceTime: string;
  receivedAt: number;
  /** saleId or orderId. */
  refId: string;
  /** order.state: its action (pay, refund, …); sale.completed: the method; others: ''. */
  action: string;
  /** sale total, refund amount, order payment/refund amount, order total for order.created. */
  amountFen: number;
  /** order.state: the payment id the kiosk saw; null otherwise. */
  paymentId: string | null;
  payload: string;
}

export interface OrderStore {
  /** Inserts a new order (and its first change); `exists` when the id is already held. */
  insertOrder(o: OrderRecord): Promise<'created' | 'exists'>;
  getOrder(orderId: string): Promise<OrderRecord | null>;
  /** `stale`: the order's version or the payment's state moved on, or a unique key was taken. */
  commitOrder(c: OrderCommit): Promise<'ok' | 'stale'>;
  paymentByProviderId(providerPaymentId: string): Promise<PaymentRecord | null>;
  paymentsOf(orderId: string): Promise<PaymentRecord[]>;
  refund(refundId: string): Promise<RefundRecord | null>;
  refundsOf(orderId: string): Promise<RefundRecord[]>;
  callbacksOf(orderId: string): Promise<CallbackRecord[]>;
  changesOf(orderId: string): Promise<OrderChange[]>;
  /** A kiosk's changes after `cursor` (and at ≥ since), oldest first. */
  changesAfter(kioskId: string, cursor: number, since: number, limit: number): Promise<OrderChange[]>;
  /** Orders still open (created / awaiting payment) whose expiry has passed. */
  overdueOrders(now: number, limit: number): Promise<OrderRecord[]>;
  listOrders(f: OrderFilter): Promise<OrderRecord[]>;
  /** Payments paid on the platform (for reconciliation), newest first. */
  paidPayments(limit: number): Promise<PaymentRecord[]>;

  moneyEvents(f: { kioskId?: string; fromDay?: string; toDay?: string; types?: string[] }): Promise<MoneyEventRecord[]>;
  /** How many distinct seqs below `seq` the platform holds on a stream (gap check). */
  seqsBelow(streamId: string, seq: number): Promise<number>;
}
