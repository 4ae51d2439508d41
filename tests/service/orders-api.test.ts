import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderViewSchema } from '../../contract/api.ts';
import { login, request, startTestKiosk } from '../support/kiosk-in-process.ts';
import { loginAs } from '../support/staff-login.ts';

let k: Awaited<ReturnType<typeof startTestKiosk>>;
let cookie: string;

beforeAll(async () => {
  k = await startTestKiosk();
  cookie = await login(k.kiosk);
});
afterAll(() => k.stop());

function post(path: string, body: unknown) {
  return request(k.kiosk.port, { method: 'POST', path, headers: { cookie, origin: `http://127.0.0.1:${k.kiosk.port}` }, body });
}

function counts(): { orders: number; events: number } {
  return {
    orders: k.kiosk.db.prepare('SELECT COUNT(*) FROM orders').pluck().get() as number,
    events: k.kiosk.db.prepare("SELECT COUNT(*) FROM events WHERE type LIKE 'order.%'").pluck().get() as number,
  };
}

function product() {
  const p = k.kiosk.catalogue.active()?.manifest.products[0];
  if (!p) throw new Error('demo catalogue missing');
  return { id: p.id, priceFen: p.priceFen, version: k.kiosk.catalogue.active()?.manifest.version ?? 0 };
}

describe('orders on the local API (no platform configured)', () => {
  it('creates an order from a cart: pay-at-counter code, no pay URL offline', async () => {
    const p = product();
    const res = await post('/api/orders', { contentVersion: p.version, locale: 'zh-CN', lines: [{ productId: p.id, quantity: 2, unitPriceFen: p.priceFen }] });
    expect(res.status).toBe(201);
    const order = OrderViewSchema.parse(JSON.parse(res.body));
    expect(order).toMatchObject({ state: 'created', totalFen: 2 * p.priceFen, payUrl: null });
    const got = await request(k.kiosk.port, { path: `/api/orders/${order.orderId}`, headers: { cookie } });
    expect(JSON.parse(got.body)).toMatchObject({ orderId: order.orderId, state: 'created' });
    const cancel = await post(`/api/orders/${order.orderId}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect((await post(`/api/orders/${order.orderId}/cancel`, {})).status).toBe(409);
  });

  it.each([
    ['zero quantity', (p: ReturnType<typeof product>) => [{ productId: p.id, quantity: 0, unitPriceFen: p.priceFen }], 400, 'bad-request'],
    ['negative quantity', (p: ReturnType<typeof product>) => [{ productId: p.id, quantity: -1, unitPriceFen: p.priceFen }], 400, 'bad-request'],
    ['huge quantity', (p: ReturnType<typeof product>) => [{ productId: p.id, quantity: 1e12, unitPriceFen: p.priceFen }], 400, 'bad-request'],
    ['unknown product', () => [{ productId: 'no-such-product', quantity: 1, unitPriceFen: 100 }], 400, 'unknown-product'],
    ['a price changed since the cart was built', (p: ReturnType<typeof product>) => [{ productId: p.id, quantity: 1, unitPriceFen: p.priceFen + 1 }], 409, 'price-changed'],
    ['the same product twice', (p: ReturnType<typeof product>) => [{ productId: p.id, quantity: 1, unitPriceFen: p.priceFen }, { productId: p.id, quantity: 1, unitPriceFen: p.priceFen }], 400, 'duplicate-line'],
    ['an empty cart', () => [], 400, 'bad-request'],
  ] as const)('refuses %s with a clear message and writes nothing', async (_name, lines, status, error) => {
    const before = counts();
    const p = product();
    const res = await post('/api/orders', { contentVersion: p.version, locale: 'en', lines: lines(p) });
    expect(res.status).toBe(status);
    const body = JSON.parse(res.body) as { error: string; message: string; currentPriceFen?: number };
    expect(body.error).toBe(error);
    expect(body.message.length).toBeGreaterThan(5);
    if (error === 'price-changed') expect(body.currentPriceFen).toBe(p.priceFen);
    expect(counts()).toEqual(before);
  });

  it('refuses tampered order ids', async () => {
    for (const id of ['not-a-uuid', '../../etc/passwd', '019a0000-0000-7000-8000-00000000000g']) {
      expect((await request(k.kiosk.port, { path: `/api/orders/${encodeURIComponent(id)}`, headers: { cookie } })).status).toBe(400);
    }
    expect((await request(k.kiosk.port, { path: '/api/orders/019a0000-0000-7000-8000-000000000000', headers: { cookie } })).status).toBe(404);
    expect((await post('/api/orders/019a0000-0000-7000-8000-000000000000/cancel', {})).status).toBe(404);
  });

  it('needs the screen session, and staff for the list', async () => {
    expect((await request(k.kiosk.port, { method: 'POST', path: '/api/orders', headers: { origin: `http://127.0.0.1:${k.kiosk.port}` }, body: {} })).status).toBe(401);
    expect((await request(k.kiosk.port, { path: '/api/orders', headers: { cookie } })).status).toBe(403);
  });

  it('staff find an offline order by its counter code and take cash for it, once', async () => {
    const p = product();
    const created = OrderViewSchema.parse(JSON.parse((await post('/api/orders', { contentVersion: p.version, locale: 'zh-CN', lines: [{ productId: p.id, quantity: 3, unitPriceFen: p.priceFen }] })).body));
    const staff = await loginAs(k.kiosk, 'staff');
    const asStaff = (method: string, path: string, body?: unknown) => request(k.kiosk.port, { method, path, headers: { cookie: staff, origin: `http://127.0.0.1:${k.kiosk.port}` }, body });
    const found = JSON.parse((await asStaff('GET', `/api/orders/by-code/${created.counterCode.toLowerCase()}`)).body) as { orders: Array<{ orderId: string }> };
    expect(found.orders.map((o) => o.orderId)).toEqual([created.orderId]);
    expect((await asStaff('GET', '/api/orders/by-code/zz')).status).toBe(400);
    const short = await asStaff('POST', `/api/orders/${created.orderId}/pay-at-counter`, { method: 'cash', tenderedFen: 3 * p.priceFen - 1 });
    expect([short.status, (JSON.parse(short.body) as { error: string }).error]).toEqual([400, 'short-tender']);
    const paid = await asStaff('POST', `/api/orders/${created.orderId}/pay-at-counter`, { method: 'cash', tenderedFen: 3 * p.priceFen + 50 });
    expect(paid.status).toBe(200);
    expect(JSON.parse(paid.body)).toMatchObject({ changeFen: 50, order: { state: 'paid' } });
    expect((await asStaff('POST', `/api/orders/${created.orderId}/pay-at-counter`, { method: 'qr' })).status).toBe(409);
    const pays = k.kiosk.db.prepare("SELECT payload FROM events WHERE type = 'order.state' AND json_extract(payload, '$.orderId') = ? AND json_extract(payload, '$.action') = 'pay'").pluck().all(created.orderId) as string[];
    expect(pays.map((x) => JSON.parse(x) as Record<string, unknown>)).toEqual([expect.objectContaining({ amountFen: 3 * p.priceFen, paymentId: 'counter:cash', actor: expect.objectContaining({ role: 'staff' }) as unknown })]);
    // The screen session alone may not take money.
    expect((await post(`/api/orders/${created.orderId}/pay-at-counter`, { method: 'cash', tenderedFen: 1 })).status).toBe(403);
  });
});
