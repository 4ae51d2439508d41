import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventEnvelope } from '../../contract/events.ts';
import type { OrderCreateRequest } from '../../contract/orders.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import type { TestKiosk } from '../sync/helpers.ts';
import { ADMIN_HEADERS as admin, STAFF_ACTOR as staff, openStatusStream, phonePost, sampleOrder, sandboxPress, startOrdersRig, startPhonePayment, type KioskApi, type OrdersRig } from './helpers.ts';

/**
 * A registered order paid at the kiosk's counter (docs/orders-platform.md, "Orders paid at the
 * counter"): the kiosk cancels the platform's payable order and its `order.state` pay event says
 * `counter:<method>`; the platform's order row, admin pages and phone page follow that event.
 */
let rig: OrdersRig;
let p: RunningPlatform;
let kiosk: TestKiosk;
let api: KioskApi;

beforeAll(async () => {
  rig = await startOrdersRig('orders-counter', { orders: { sandboxTestHooks: true } });
  ({ p, kiosk, api } = rig);
});
afterAll(() => rig?.close());

async function push(events: EventEnvelope[]): Promise<string[]> {
  const r = await api.post('/v1/events', { events });
  expect(r.status).toBe(200);
  return (r.json.results as Array<{ status: string }>).map((x) => x.status);
}

const counterPay = (o: OrderCreateRequest, from: string, method = 'cash') =>
  kiosk.events.append('order.state', { orderId: o.orderId, from, to: 'paid', action: 'pay', amountFen: o.totalFen, paidFen: o.totalFen, refundedFen: 0, paymentId: `counter:${method}`, reason: 'paid at the counter', actor: staff });

const counterRefund = (o: OrderCreateRequest, amountFen: number, refundedFen: number) =>
  kiosk.events.append('order.state', { orderId: o.orderId, from: 'paid', to: 'partially-refunded', action: 'refund', amountFen, paidFen: o.totalFen, refundedFen, paymentId: null, reason: 'bruised', actor: staff });

const adminDetail = async (id: string) =>
  (await (await fetch(`${p.url}/v1/admin/orders/${id}`, { headers: admin })).json()) as { order: { state: string; paymentId: string; paidFen: number; refundedFen: number }; paidBy: string; payments: unknown[]; changes: Array<{ status: { state: string } }> };

const reconcile = async () => (await (await fetch(`${p.url}/v1/admin/reconciliation`, { headers: admin })).json()) as { payments: Array<{ kind: string; orderId: string }> };

it('shows a cancelled-then-counter-paid order as paid at the counter, idempotently, and never takes money on the phone for it', async () => {
  const order = sampleOrder();
  const created = await api.post('/v1/orders', order);
  expect(created.status).toBe(200);
  const payUrl = new URL(String(created.json.payUrl));
  const stream = openStatusStream(p.url, api.creds);
  // The kiosk's payAtCounter: its own pay event, then cancel the platform's payable order.
  const pay = counterPay(order, 'awaiting-payment');
  expect((await api.post(`/v1/orders/${order.orderId}/cancel`, {})).json.state).toBe('cancelled');
  expect(await push([pay])).toEqual(['ok']);

  const status = (await api.get(`/v1/orders/${order.orderId}`)).json;
  expect(status).toMatchObject({ state: 'paid', paidFen: 12600, paymentId: 'counter:cash' });
  await expect.poll(() => stream.events.filter((e) => e.data.orderId === order.orderId).map((e) => e.data.state)).toContain('paid');
  await stream.close();

  // Administrators: paid, by cash at the counter, no platform payment.
  const d = await adminDetail(order.orderId);
  expect(d).toMatchObject({ order: { state: 'paid', paymentId: 'counter:cash', paidFen: 12600 }, paidBy: 'at the counter (cash)', payments: [] });
  const html = await (await fetch(`${p.url}/admin/orders/${order.orderId}`, { headers: admin })).text();
  expect(html).toContain('<dt>payment</dt><dd>at the counter (cash)</dd>');
  const list = await (await fetch(`${p.url}/admin/orders?state=paid`, { headers: admin })).text();
  expect(list).toContain(`/admin/orders/${order.orderId}`);
  expect(list).toContain('<span data-paid-by>at the counter (cash)</span>');

  // The phone: "paid at the counter", no Pay form; a forged pay post is refused and creates nothing.
  const phone = await (await fetch(`${p.url}${payUrl.pathname}${payUrl.search}&lang=en`)).text();
  expect(phone).toContain('data-state="paid-at-counter"');
  expect(phone).toContain('Paid at the counter');
  expect(phone).not.toContain('data-testid="pay"');
  expect(phone).not.toContain('data-state="cancelled"');
  const zh = await (await fetch(`${p.url}${payUrl.pathname}${payUrl.search}&lang=zh-CN`)).text();
  expect(zh).toContain('已在柜台付款');
  const forged = await phonePost(p.url, `${payUrl.pathname}/pay`, { k: payUrl.searchParams.get('k') ?? '', lang: 'en', fulfilment: 'pickup', phone: '13800138000' });
  expect(forged.status).toBe(409);
  expect((await adminDetail(order.orderId)).payments).toEqual([]);

  // Duplicates: the same event again, and the same payment in a second event, change nothing.
  const changes = (await adminDetail(order.orderId)).changes.length;
  expect(await push([pay])).toEqual(['duplicate']);
  expect(await push([counterPay(order, 'awaiting-payment')])).toEqual(['ok']);
  expect((await api.post(`/v1/orders/${order.orderId}/cancel`, {})).json).toMatchObject({ state: 'paid', paymentId: 'counter:cash' });
  expect((await adminDetail(order.orderId)).changes).toHaveLength(changes);
  expect((await reconcile()).payments.filter((a) => a.orderId === order.orderId)).toEqual([]);

  // A refund at the counter follows too, by the kiosk's cumulative refunded total (repeat: no change).
  expect(await push([counterRefund(order, 3500, 3500)])).toEqual(['ok']);
  expect((await adminDetail(order.orderId)).order).toMatchObject({ state: 'partially-refunded', refundedFen: 3500 });
  expect(await push([counterRefund(order, 3500, 3500)])).toEqual(['ok']);
  expect((await adminDetail(order.orderId)).order).toMatchObject({ state: 'partially-refunded', refundedFen: 3500 });
  // The platform holds no payment to refund it with: the kiosk refunds counter money itself.
  const refund = await api.post(`/v1/orders/${order.orderId}/refund`, { refundId: crypto.randomUUID(), amountFen: 100, reason: 'test' });
  expect(refund).toMatchObject({ status: 409, json: { error: { code: 'not-paid-here' } } });
});

it('applies a counter payment that arrives before the kiosk cancel, and answers the late cancel with the paid status', async () => {
  const order = sampleOrder();
  expect((await api.post('/v1/orders', order)).status).toBe(200);
  expect(await push([counterPay(order, 'awaiting-payment', 'qr')])).toEqual(['ok']);
  expect((await api.post(`/v1/orders/${order.orderId}/cancel`, {})).json).toMatchObject({ state: 'paid', paymentId: 'counter:qr' });
  expect((await adminDetail(order.orderId)).paidBy).toBe('at the counter (qr)');
});

it('leaves an order the phone already paid as it is, and raises paid-twice when the counter took money for it too', async () => {
  const order = sampleOrder();
  const { json } = await api.post('/v1/orders', order);
  await sandboxPress(p.url, await startPhonePayment(p.url, String(json.payUrl)), 'pay');
  await expect.poll(async () => (await api.get(`/v1/orders/${order.orderId}`)).json.state).toBe('paid');
  const phonePaymentId = String((await api.get(`/v1/orders/${order.orderId}`)).json.paymentId);
  expect(await push([counterPay(order, 'awaiting-payment')])).toEqual(['ok']);
  expect((await adminDetail(order.orderId))).toMatchObject({ order: { state: 'paid', paymentId: phonePaymentId }, paidBy: 'on the phone' });
  expect((await reconcile()).payments.filter((a) => a.orderId === order.orderId).map((a) => a.kind)).toEqual(['paid-twice']);
});

it('ignores a counter pay event of another kiosk for this order', async () => {
  const order = sampleOrder();
  expect((await api.post('/v1/orders', order)).status).toBe(200);
  const { kiosk: other, api: otherApi } = await rig.addKiosk('other');
  const forged = other.events.append('order.state', { orderId: order.orderId, from: 'awaiting-payment', to: 'paid', action: 'pay', amountFen: order.totalFen, paidFen: order.totalFen, refundedFen: 0, paymentId: 'counter:cash', reason: null, actor: staff });
  expect((await otherApi.post('/v1/events', { events: [forged] })).status).toBe(200);
  expect((await api.get(`/v1/orders/${order.orderId}`)).json.state).toBe('created');
});
