import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { isConsistent, OrderCreateRequestSchema, type OrderCreateResponse, type OrderStatus, RefundRequestSchema } from '../../contract/orders.ts';
import { canonicalJson } from '../../contract/sync.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { hallDay, isCounterPayment } from './kiosk-order-effects.ts';
import type { OrderHub } from './order-hub.ts';
import { OrderKeys } from './order-keys.ts';
import { advance, mutateOrder, refuse, type Outcome } from './order-mutate.ts';
import { statusOf } from './order-rows.ts';
import type { PriceChecker } from './price-check.ts';
import type { OrderRecord, OrderStore } from './order-store.ts';

/** The longest an order may stay open (a pre-order for order agriculture is a later feature). */
export const MAX_ORDER_TTL_MS = 24 * 3_600_000;

export interface OrderServiceDeps {
  store: OrderStore;
  provider: PaymentProvider;
  keys: OrderKeys;
  hub: OrderHub;
  /** Reprices a new order against the content version it names (price-check.ts). */
  prices: PriceChecker;
  now: () => number;
  /** The platform's public base URL (what a phone can reach), no trailing slash. */
  publicUrl: () => string;
}

function describe(error: z.ZodError): string {
  return error.issues.slice(0, 4).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ').slice(0, 400);
}

/** The phone page of an order, with its key. */
export function payUrlOf(deps: OrderServiceDeps, orderId: string): string {
  return `${deps.publicUrl()}/m/o/${orderId}?k=${deps.keys.keyOf(orderId)}`;
}

function checkCreate(o: z.infer<typeof OrderCreateRequestSchema>, now: number): Outcome<null> {
  const ids = new Set(o.lines.map((l) => l.productId));
  if (ids.size !== o.lines.length) return refuse(400, 'duplicate-line', 'a product appears on two lines; send one line with its quantity');
  if (!isConsistent(o)) return refuse(400, 'inconsistent-totals', 'line totals, discounts and order totals do not add up (unit price × quantity, list − unit price)');
  if (o.totalFen === 0) return refuse(400, 'zero-total', 'an order must cost something to be paid on the phone');
  const expires = Date.parse(o.expiresAt);
  if (expires <= now) return refuse(400, 'already-expired', 'expiresAt is in the past');
  if (expires - Math.min(now, Date.parse(o.createdAt)) > MAX_ORDER_TTL_MS) return refuse(400, 'expiry-too-far', 'an order may stay open at most 24 hours');
  return { ok: true, value: null };
}

/** POST /v1/orders: idempotent by orderId (the same body answers the same URL). */
export async function createOrder(deps: OrderServiceDeps, kioskId: string, raw: unknown): Promise<Outcome<OrderCreateResponse>> {
  const now = deps.now();
  const body = OrderCreateRequestSchema.safeParse(raw);
  if (!body.success) return refuse(400, 'bad-order', describe(body.error));
  const o = body.data;
  const requestHash = createHash('sha256').update(canonicalJson(o)).digest('hex');
  const answer: OrderCreateResponse = { orderId: o.orderId, payUrl: payUrlOf(deps, o.orderId), expiresAt: new Date(Date.parse(o.expiresAt)).toISOString() };
  // A retry of an order already held gets its answer even once the order has expired.
  const before = await deps.store.getOrder(o.orderId);
  if (before?.kioskId === kioskId && before.requestHash === requestHash) return { ok: true, value: answer };
  const checked = checkCreate(o, now);
  if (!checked.ok) return checked;
  const priceCheck = await deps.prices.check(o);
  if (!priceCheck.ok) return priceCheck;
  const record: OrderRecord = {
    orderId: o.orderId, kioskId, requestHash, lines: o.lines, subtotalFen: o.subtotalFen, discountFen: o.discountFen, totalFen: o.totalFen,
    contentVersion: o.contentVersion, locale: o.locale, state: 'created', paidFen: 0, refundedFen: 0, scanned: false, fulfilment: null,
    contactPhone: null, payKeyHash: OrderKeys.hash(deps.keys.keyOf(o.orderId)), paymentId: null, createdAt: now,
    expiresAt: Date.parse(o.expiresAt), updatedAt: now, version: 1,
    // The kiosk's own day replaces this once its order.created event is held (the store does it).
    localDay: hallDay(Date.parse(o.createdAt)), priceCheck: priceCheck.value,
  };
  if ((await deps.store.insertOrder(record)) === 'created') {
    deps.hub.notify(kioskId);
    return { ok: true, value: answer };
  }
  const held = await deps.store.getOrder(o.orderId);
  if (held?.kioskId === kioskId && held.requestHash === requestHash) return { ok: true, value: answer };
  return refuse(409, 'order-id-taken', 'this orderId is already held with a different order; make a new orderId');
}

/** An order of this kiosk; another kiosk's order is 404, exactly like an unknown one. */
async function ownOrder(deps: OrderServiceDeps, kioskId: string, orderId: string): Promise<OrderRecord | null> {
  const o = await deps.store.getOrder(orderId);
  return o?.kioskId === kioskId ? o : null;
}

export async function orderStatus(deps: OrderServiceDeps, kioskId: string, orderId: string): Promise<Outcome<OrderStatus>> {
  const o = await ownOrder(deps, kioskId, orderId);
  return o ? { ok: true, value: statusOf(o) } : refuse(404, 'not-found', 'no such order');
}

export async function cancelOrder(deps: OrderServiceDeps, kioskId: string, orderId: string): Promise<Outcome<OrderStatus>> {
  if (!(await ownOrder(deps, kioskId, orderId))) return refuse(404, 'not-found', 'no such order');
  return mutateOrder<OrderStatus>(deps.store, deps.hub, orderId, (o) => {
    // Paid at the kiosk's counter: the kiosk cancels to stop the phone page taking money, which
    // the payment already did; its order.state event may simply have arrived first.
    if (o.state === 'cancelled' || (o.state === 'paid' && isCounterPayment(o.paymentId))) return { commit: null, value: statusOf(o) };
    const next = advance(o, 'cancel', 0, deps.now());
    if (!next.ok) return { refuse: next.error };
    return { commit: { order: { next: next.value, expectVersion: o.version, change: true } }, value: statusOf(next.value) };
  });
}

/**
 * POST /v1/orders/:id/refund: refunds through the provider first (idempotent by refundId at
 * the provider), then records it; a crash in between is healed by the kiosk's retry with the
 * same refundId.
 */
export async function refundOrder(deps: OrderServiceDeps, kioskId: string, orderId: string, raw: unknown): Promise<Outcome<OrderStatus>> {
  const body = RefundRequestSchema.safeParse(raw);
  if (!body.success) return refuse(400, 'bad-refund', describe(body.error));
  const r = body.data;
  const o = await ownOrder(deps, kioskId, orderId);
  if (!o) return refuse(404, 'not-found', 'no such order');
  const held = await deps.store.refund(r.refundId);
  if (held) return held.orderId === orderId && held.amountFen === r.amountFen ? { ok: true, value: statusOf(o) } : refuse(409, 'refund-id-reused', 'this refundId was used for another refund');
  const check = advance(o, 'refund', r.amountFen, deps.now());
  if (!check.ok) return check;
  const payment = (await deps.store.paymentsOf(orderId)).find((p) => p.paymentId === o.paymentId && p.state === 'paid');
  if (!payment) return refuse(409, 'not-paid-here', 'this order was not paid through the platform; refund it at the counter');
  const done = await deps.provider.refund({ refundId: r.refundId, providerPaymentId: payment.providerPaymentId, amountFen: r.amountFen, reason: r.reason });
  if (!done.ok) return refuse(502, done.error.code, `the payment provider refused the refund: ${done.error.message}`);
  return mutateOrder<OrderStatus>(deps.store, deps.hub, orderId, (cur) => {
    const next = advance(cur, 'refund', r.amountFen, deps.now());
    if (!next.ok) return { refuse: next.error };
    const insertRefund = { refundId: r.refundId, orderId, paymentId: payment.paymentId, amountFen: r.amountFen, reason: r.reason, providerRefundId: done.value.providerRefundId, at: deps.now() };
    return { commit: { order: { next: next.value, expectVersion: cur.version, change: true }, insertRefund }, value: statusOf(next.value) };
  });
}

/** Expires open orders past their expiry; returns how many it expired. */
export async function expireOverdue(deps: OrderServiceDeps): Promise<number> {
  let n = 0;
  for (const due of await deps.store.overdueOrders(deps.now(), 200)) {
    const r = await mutateOrder(deps.store, deps.hub, due.orderId, (o) => {
      if ((o.state !== 'created' && o.state !== 'awaiting-payment') || o.expiresAt > deps.now()) return { commit: null, value: false };
      const next = advance(o, 'expire', 0, deps.now());
      return next.ok ? { commit: { order: { next: next.value, expectVersion: o.version, change: true } }, value: true } : { refuse: next.error };
    });
    if (r.ok && r.value) n++;
  }
  return n;
}
