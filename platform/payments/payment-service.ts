import { randomUUID } from 'node:crypto';
import type { Fulfilment } from '../../contract/orders.ts';
import { advance, mutateOrder, refuse, touched, type Outcome, type Step } from '../orders/order-mutate.ts';
import type { OrderServiceDeps } from '../orders/order-service.ts';
import type { OrderCommit, OrderRecord, PaymentRecord } from '../orders/order-store.ts';
import type { PaymentNotice } from './provider.ts';

const OPEN = new Set(['created', 'awaiting-payment', 'expired', 'cancelled']);

/** The phone opened the order page: the kiosk's screen can say "scanned". */
export async function markScanned(deps: OrderServiceDeps, orderId: string): Promise<void> {
  await mutateOrder(deps.store, deps.hub, orderId, (o) =>
    o.scanned ? { commit: null, value: null } : { commit: { order: { next: touched(o, deps.now(), { scanned: true }), expectVersion: o.version, change: true } }, value: null },
  );
}

/**
 * The phone pressed Pay: creates a payment at the provider, records it pending with the
 * shopper's fulfilment and phone, and answers the provider's page to redirect to.
 */
export async function startPayment(deps: OrderServiceDeps, order: OrderRecord, fulfilment: Fulfilment, phone: string, returnUrl: string): Promise<Outcome<string>> {
  if (order.state !== 'created' && order.state !== 'awaiting-payment') return refuse(409, 'not-payable', `the order is ${order.state}`);
  if (order.expiresAt <= deps.now()) return refuse(409, 'not-payable', 'the order has expired');
  const paymentId = randomUUID();
  const created = await deps.provider.createPayment({ paymentId, orderId: order.orderId, amountFen: order.totalFen, description: `order ${order.orderId.slice(0, 8)}`, returnUrl });
  return mutateOrder(deps.store, deps.hub, order.orderId, (o): Step<string> => {
    if (o.state !== 'created' && o.state !== 'awaiting-payment') return { refuse: { status: 409, code: 'not-payable', message: `the order is ${o.state}` } };
    const at = deps.now();
    const waiting = o.state === 'created' ? advance(o, 'await-payment', 0, at) : { ok: true as const, value: o };
    if (!waiting.ok) return { refuse: waiting.error };
    const next = touched(waiting.value, at, { fulfilment, contactPhone: phone, version: o.version + 1 });
    const insertPayment: PaymentRecord = { paymentId, orderId: o.orderId, provider: deps.provider.name, providerPaymentId: created.providerPaymentId, amountFen: o.totalFen, state: 'pending', surplus: false, createdAt: at, updatedAt: at };
    return { commit: { order: { next, expectVersion: o.version, change: o.state !== next.state }, insertPayment }, value: created.payUrl };
  });
}

/** What applying a notice decided, for the audit row and the log. */
function decide(o: OrderRecord, held: PaymentRecord | null, n: PaymentNotice, provider: string, at: number): { commit: OrderCommit; outcome: string } {
  const base: PaymentRecord = held ?? { paymentId: n.paymentId, orderId: o.orderId, provider, providerPaymentId: n.providerPaymentId, amountFen: n.amountFen, state: 'pending', surplus: false, createdAt: at, updatedAt: at };
  if (base.state !== 'pending') return { commit: {}, outcome: `ignored: payment already ${base.state}` };
  if (n.amountFen !== base.amountFen) return { commit: {}, outcome: `ignored: amount ${n.amountFen} differs from the payment's ${base.amountFen}` };
  const settle = (to: PaymentRecord['state'], surplus: boolean): OrderCommit =>
    held ? { updatePayment: { paymentId: held.paymentId, from: 'pending', to, surplus, at } } : { insertPayment: { ...base, state: to, surplus } };
  if (n.status !== 'paid') return { commit: settle(n.status, false), outcome: n.status };
  const paid = OPEN.has(o.state) ? advance(o, 'pay', n.amountFen, at) : null;
  if (!paid?.ok) {
    // Money received for an order already paid (a second payment) or closed: recorded as a
    // surplus payment to give back, an alarm on the reconciliation page; the order is unchanged.
    return { commit: settle('paid', true), outcome: `surplus: order was ${o.state}` };
  }
  const next = { ...paid.value, paymentId: base.paymentId };
  return { commit: { ...settle('paid', false), order: { next, expectVersion: o.version, change: true } }, outcome: 'paid' };
}

/**
 * Applies a verified provider notice. Idempotent: the payment is found by the provider's id
 * (UNIQUE), only a pending payment moves, and the order moves only through applyOrderAction,
 * so five copies of one notice are one payment, and a late 'failed' after 'paid' changes nothing.
 */
export async function applyNotice(deps: OrderServiceDeps, n: PaymentNotice, rawBody: string): Promise<Outcome<string>> {
  const audit = (orderId: string | null, outcome: string) => ({ provider: deps.provider.name, providerPaymentId: n.providerPaymentId, orderId, status: n.status, outcome, body: rawBody.slice(0, 4000), at: deps.now() });
  const first = await deps.store.paymentByProviderId(n.providerPaymentId);
  const orderId = first?.orderId ?? n.orderId;
  if (first && first.orderId !== n.orderId) {
    await deps.store.commitOrder({ callback: audit(first.orderId, 'ignored: order id differs from the payment') });
    return { ok: true, value: 'ignored' };
  }
  if (!(await deps.store.getOrder(orderId))) {
    await deps.store.commitOrder({ callback: audit(null, 'unknown-order') });
    return { ok: true, value: 'unknown-order' };
  }
  let outcome = '';
  for (let attempt = 0; attempt < 25; attempt++) {
    const [o, held] = await Promise.all([deps.store.getOrder(orderId), deps.store.paymentByProviderId(n.providerPaymentId)]);
    if (!o) break;
    const d = decide(o, held, n, deps.provider.name, deps.now());
    outcome = d.outcome;
    if ((await deps.store.commitOrder({ ...d.commit, callback: audit(orderId, d.outcome) })) === 'ok') {
      if (d.commit.order) deps.hub.notify(o.kioskId);
      return { ok: true, value: outcome };
    }
  }
  return refuse(503, 'busy', `the order kept changing (${outcome}); the provider will retry`);
}
