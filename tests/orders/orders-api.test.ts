import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../platform/server.ts';
import { withLoadSlack } from '../support/budgets.ts';
import { startTestPlatform, tempDir } from '../sync/helpers.ts';
import { enrolKioskApi, openStatusStream, phonePost, sampleOrder, sandboxPress, startPhonePayment, callbacksDelivered, type KioskApi } from './helpers.ts';

/** The kiosk's order API, the phone page and the sandbox provider over real HTTP (SQLite and PostgreSQL). */
const t = tempDir('orders-api');
let p: RunningPlatform;
let kiosk: KioskApi;
let other: KioskApi;

beforeAll(async () => {
  p = await startTestPlatform(join(t.dir, 'platform'), { orders: { sandboxTestHooks: true, expirySweepMs: 200 } });
  kiosk = await enrolKioskApi(p);
  other = await enrolKioskApi(p);
});
afterAll(async () => {
  await p.close();
  t.cleanup();
});

describe('creating orders', () => {
  it('answers a pay URL on the platform with a 128-bit key, the same again for the same body', async () => {
    const order = sampleOrder();
    const a = await kiosk.post('/v1/orders', order);
    expect(a.status).toBe(200);
    expect(a.json.payUrl).toMatch(new RegExp(`^${p.url}/m/o/${order.orderId}\\?k=[A-Za-z0-9_-]{22}$`));
    const again = await kiosk.post('/v1/orders', order);
    expect(again.json).toEqual(a.json);
    const changed = await kiosk.post('/v1/orders', { ...order, locale: 'en' });
    expect(changed.status).toBe(409);
    expect(changed.json.error?.code).toBe('order-id-taken');
    expect((await kiosk.get(`/v1/orders/${order.orderId}`)).json).toMatchObject({ orderId: order.orderId, state: 'created', scanned: false, paidFen: 0 });
  });

  it('refuses bad orders with clear messages and stores nothing', async () => {
    const base = sampleOrder();
    const [l1, l2] = base.lines as [(typeof base.lines)[0], (typeof base.lines)[0]];
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['tampered total', { ...base, totalFen: 100 }, 'inconsistent-totals', /do not add up/],
      ['tampered line', { ...base, lines: [{ ...l1, lineTotalFen: 1 }, l2] }, 'inconsistent-totals', /unit price × quantity/],
      ['zero quantity', { ...base, lines: [{ ...l1, quantity: 0 }, l2] }, 'bad-order', /quantity: at least 1/],
      ['negative quantity', { ...base, lines: [{ ...l1, quantity: -2 }, l2] }, 'bad-order', /quantity/],
      ['huge quantity', { ...base, lines: [{ ...l1, quantity: 100 }, l2] }, 'bad-order', /at most 99/],
      ['fractional fen', { ...base, lines: [{ ...l1, unitPriceFen: 3500.5 }, l2] }, 'bad-order', /whole fen/],
      ['huge total', { ...base, totalFen: 20_000_000 }, 'bad-order', /totalFen/],
      ['zero total', { ...base, lines: [{ ...l1, unitPriceFen: 0, lineTotalFen: 0, discountFen: 7600 }], subtotalFen: 7600, discountFen: 7600, totalFen: 0 }, 'zero-total', /must cost something/],
      ['no lines', { ...base, lines: [] }, 'bad-order', /lines: Too small/],
      ['duplicate product', { ...base, lines: [l1, l1], subtotalFen: 15200, discountFen: 1200, totalFen: 14000 }, 'duplicate-line', /two lines/],
      ['bad order id', { ...base, orderId: '../../etc' }, 'bad-order', /orderId/],
      ['already expired', { ...base, expiresAt: new Date(Date.now() - 1000).toISOString() }, 'already-expired', /past/],
      ['open for days', { ...base, expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }, 'expiry-too-far', /24 hours/],
      ['not json object', 'hello', 'bad-order', /body/],
    ];
    for (const [what, body, code, message] of cases) {
      const r = await kiosk.post('/v1/orders', body);
      expect.soft(r.status, what).toBe(400);
      expect.soft(r.json.error?.code, what).toBe(code);
      expect.soft(r.json.error?.message, what).toMatch(message);
    }
    expect((await kiosk.get(`/v1/orders/${base.orderId}`)).status).toBe(404);
  });

  it("hides another kiosk's orders (404, like an unknown id) and needs kiosk auth", async () => {
    const order = sampleOrder();
    await kiosk.post('/v1/orders', order);
    for (const r of [await other.get(`/v1/orders/${order.orderId}`), await other.post(`/v1/orders/${order.orderId}/cancel`, {}), await other.post(`/v1/orders/${order.orderId}/refund`, { refundId: randomUUID(), amountFen: 1, reason: 'test' })]) {
      expect(r.status).toBe(404);
      expect(r.json.error?.code).toBe('not-found');
    }
    expect((await other.get(`/v1/orders/${randomUUID()}`)).json).toEqual((await other.get(`/v1/orders/${order.orderId}`)).json);
    expect((await fetch(`${p.url}/v1/orders/${order.orderId}`)).status).toBe(401);
    expect((await kiosk.get(`/v1/orders/${order.orderId}`)).json.state).toBe('created');
  });

  it('cancels an open order and refuses to cancel twice into another state', async () => {
    const order = sampleOrder();
    await kiosk.post('/v1/orders', order);
    expect((await kiosk.post(`/v1/orders/${order.orderId}/cancel`, {})).json.state).toBe('cancelled');
    expect((await kiosk.post(`/v1/orders/${order.orderId}/cancel`, {})).json.state).toBe('cancelled');
    const refund = await kiosk.post(`/v1/orders/${order.orderId}/refund`, { refundId: randomUUID(), amountFen: 100, reason: 'test' });
    expect(refund.status).toBe(409);
    expect(refund.json.error?.message).toMatch(/cancelled cannot refund/);
  });
});

describe('the phone page', () => {
  it('answers 404 for a wrong, missing or foreign key, the same page as for an unknown order', async () => {
    const order = sampleOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    const unknown = await (await fetch(`${p.url}/m/o/${randomUUID()}?k=AAAAAAAAAAAAAAAAAAAAAA`)).text();
    for (const path of [`/m/o/${order.orderId}`, `/m/o/${order.orderId}?k=AAAAAAAAAAAAAAAAAAAAAA`, `/m/o/${order.orderId}?k=${String(json.payUrl).split('k=')[1]}x`, '/m/o/not-a-uuid?k=x']) {
      const res = await fetch(`${p.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(unknown);
    }
    expect((await kiosk.get(`/v1/orders/${order.orderId}`)).json.scanned).toBe(false);
  });

  it('is strict: CSP without inline script, no caching, localized by Accept-Language and ?lang', async () => {
    const { json } = await kiosk.post('/v1/orders', sampleOrder());
    const res = await fetch(String(json.payUrl), { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-[^']+'; .*form-action 'self'/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Pay your order');
    expect(await (await fetch(`${String(json.payUrl)}&lang=zh-TW`)).text()).toContain('訂單支付');
    expect(await (await fetch(String(json.payUrl), { headers: { 'accept-language': 'zh-CN' } })).text()).toContain('到店自提');
  });

  it('refuses a bad form (phone, address) or a cross-site post and changes nothing', async () => {
    const order = sampleOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    const k = new URL(String(json.payUrl)).searchParams.get('k') ?? '';
    const bad = await phonePost(p.url, `/m/o/${order.orderId}/pay`, { k, lang: 'en', fulfilment: 'delivery', name: '', address: 'x', phone: '12345' });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('Enter a valid phone number');
    expect(page).toContain('Enter the full address');
    const cross = await phonePost(p.url, `/m/o/${order.orderId}/pay`, { k, fulfilment: 'pickup', phone: '13800138000' }, 'https://evil.example');
    expect(cross.status).toBe(403);
    expect(await p.deps.store.paymentsOf(order.orderId)).toEqual([]);
    expect((await kiosk.get(`/v1/orders/${order.orderId}`)).json.state).toBe('created');
  });
});

describe('paying in the sandbox', () => {
  it('streams scanned and paid to the kiosk, within the 2 s budget after the callback', async () => {
    const stream = openStatusStream(p.url, kiosk.creds);
    const order = sampleOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    const sandboxPath = await startPhonePayment(p.url, String(json.payUrl), { fulfilment: 'delivery', name: '李四', address: '深圳市盐田区海山街道 1 号' });
    await expect.poll(() => stream.events.some((e) => e.data.orderId === order.orderId && e.data.scanned)).toBe(true);
    const pressed = Date.now();
    const back = await sandboxPress(p.url, sandboxPath, 'pay');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toMatch(new RegExp(`/m/o/${order.orderId}\\?k=.*&r=1$`));
    await expect.poll(() => stream.events.find((e) => e.data.orderId === order.orderId && e.data.state === 'paid'), { timeout: withLoadSlack(2000) }).toBeTruthy();
    console.log(`sandbox pay → status stream: ${Date.now() - pressed} ms`);
    const paid = stream.events.find((e) => e.data.orderId === order.orderId && e.data.state === 'paid');
    expect(paid?.data).toMatchObject({ paidFen: 12600, refundedFen: 0 });
    const stored = await p.deps.store.getOrder(order.orderId);
    expect(stored).toMatchObject({ state: 'paid', paidFen: 12600, contactPhone: '13800138000', fulfilment: { kind: 'delivery', name: '李四' } });
    expect((await fetch(String(json.payUrl)).then((r) => r.text()))).toContain('data-state="paid"');
    await stream.close();
  });

  it('a failed payment leaves the order payable; paying again works', async () => {
    const order = sampleOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    const first = await startPhonePayment(p.url, String(json.payUrl));
    await sandboxPress(p.url, first, 'fail');
    await expect.poll(async () => (await p.deps.store.paymentsOf(order.orderId)).map((x) => x.state)).toEqual(['failed']);
    const page = await (await fetch(`${String(json.payUrl)}&lang=en`)).text();
    expect(page).toContain('data-state="payment-failed"');
    expect(page).toContain('data-testid="pay"');
    expect((await kiosk.get(`/v1/orders/${order.orderId}`)).json.state).toBe('awaiting-payment');
    await sandboxPress(p.url, await startPhonePayment(p.url, String(json.payUrl)), 'pay');
    await expect.poll(async () => (await kiosk.get(`/v1/orders/${order.orderId}`)).json.state).toBe('paid');
  });

  it('expires an unpaid order at its expiry and streams it', async () => {
    const stream = openStatusStream(p.url, kiosk.creds);
    const order = sampleOrder({}, 1500);
    await kiosk.post('/v1/orders', order);
    await expect.poll(() => stream.events.some((e) => e.data.orderId === order.orderId && e.data.state === 'expired')).toBe(true);
    expect(await (await fetch(String((await kiosk.post('/v1/orders', order)).json.payUrl))).text()).toContain('data-state="expired"');
    await stream.close();
  });

  it('duplicated and out-of-order callbacks change nothing; one payment per provider payment', async () => {
    const order = sampleOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    const sandboxPath = await startPhonePayment(p.url, String(json.payUrl));
    await sandboxPress(p.url, sandboxPath, 'pay');
    await expect.poll(async () => (await kiosk.get(`/v1/orders/${order.orderId}`)).json.state).toBe('paid');
    const before = await p.deps.store.changesOf(order.orderId);
    const id = sandboxPath.split('/').pop() ?? '';
    const hook = (status: string, copies: number) => fetch(`${p.url}/sandbox/hooks/${id}/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status, copies }) });
    expect((await hook('paid', 5)).status).toBe(200);
    expect((await hook('failed', 2)).status).toBe(200);
    expect((await hook('expired', 1)).status).toBe(200);
    // Sentinel: every queued notification was delivered and acknowledged.
    await expect.poll(() => callbacksDelivered(p.url)).toBe(true);
    const payments = await p.deps.store.paymentsOf(order.orderId);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ state: 'paid', surplus: false, amountFen: 12600 });
    expect(await p.deps.store.changesOf(order.orderId)).toEqual(before);
    const outcomes = (await p.deps.store.callbacksOf(order.orderId)).map((c) => c.outcome);
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'ignored: payment already paid')).toHaveLength(8);
  });

  it('refuses a callback with a bad or stale signature (401) and a signed bad body (400); nothing changes', async () => {
    const order = sampleOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    const id = (await startPhonePayment(p.url, String(json.payUrl))).split('/').pop() ?? '';
    const body = JSON.stringify({ notifyId: 'x1', providerPaymentId: id, paymentId: randomUUID(), orderId: order.orderId, status: 'paid', amountFen: 12600 });
    const { signSandbox } = await import('../../platform/payments/sandbox-signing.ts');
    const { readFileSync } = await import('node:fs');
    const secret = readFileSync(join(t.dir, 'platform', 'sandbox-pay-secret'), 'utf8').trim();
    const post = (sig: string, b = body) => fetch(`${p.url}/v1/payments/sandbox/callback`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-signature': sig }, body: b });
    expect((await post(signSandbox('wrong-secret', body, Date.now()))).status).toBe(401);
    // One hex digit of the MAC changed (to another digit: replacing it with '0' was no change 1 time in 16).
    expect((await post(signSandbox(secret, body, Date.now()).replace(/.$/, (c) => (c === '0' ? '1' : '0')))).status).toBe(401);
    expect((await post('')).status).toBe(401);
    expect((await post(signSandbox(secret, body, Date.now() - 3_600_000))).status).toBe(401);
    expect((await post(signSandbox(secret, '{"x":1}', Date.now()), '{"x":1}')).status).toBe(400);
    expect((await post(signSandbox(secret, body, Date.now()), body.replace('12600', '1'))).status).toBe(401);
    expect(await p.deps.store.callbacksOf(order.orderId)).toEqual([]);
    expect((await p.deps.store.paymentsOf(order.orderId)).map((x) => x.state)).toEqual(['pending']);
    // Sentinel: the same body, correctly signed, is applied.
    const ok = await post(signSandbox(secret, body, Date.now()));
    expect(ok.status).toBe(200);
    expect((await kiosk.get(`/v1/orders/${order.orderId}`)).json.state).toBe('paid');
  });

  it('refunds through the provider, partially then fully, idempotent by refundId', async () => {
    const order = sampleOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    await sandboxPress(p.url, await startPhonePayment(p.url, String(json.payUrl)), 'pay');
    await expect.poll(async () => (await kiosk.get(`/v1/orders/${order.orderId}`)).json.state).toBe('paid');
    const r1 = { refundId: randomUUID(), amountFen: 3500, reason: 'one tin damaged' };
    expect((await kiosk.post(`/v1/orders/${order.orderId}/refund`, r1)).json).toMatchObject({ state: 'partially-refunded', refundedFen: 3500 });
    expect((await kiosk.post(`/v1/orders/${order.orderId}/refund`, r1)).json).toMatchObject({ refundedFen: 3500 });
    const tooMuch = await kiosk.post(`/v1/orders/${order.orderId}/refund`, { ...r1, refundId: randomUUID(), amountFen: 9200 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.json.error?.message).toMatch(/at most 9100 fen/);
    expect((await kiosk.post(`/v1/orders/${order.orderId}/refund`, { ...r1, refundId: r1.refundId, amountFen: 100 })).json.error?.code).toBe('refund-id-reused');
    expect((await kiosk.post(`/v1/orders/${order.orderId}/refund`, { refundId: randomUUID(), amountFen: 9100, reason: 'x' })).json.error?.message).toMatch(/reason: say why/);
    expect((await kiosk.post(`/v1/orders/${order.orderId}/refund`, { refundId: randomUUID(), amountFen: 9100, reason: 'shopper returned all' })).json).toMatchObject({ state: 'refunded', refundedFen: 12600 });
    expect((await p.deps.store.refundsOf(order.orderId)).map((r) => r.amountFen)).toEqual([3500, 9100]);
  });

  it('resumes the stream after Last-Event-ID and refuses a malformed one', async () => {
    const first = openStatusStream(p.url, kiosk.creds);
    const a = sampleOrder();
    await kiosk.post('/v1/orders', a);
    await expect.poll(() => first.events.some((e) => e.data.orderId === a.orderId)).toBe(true);
    const last = first.events[first.events.length - 1]?.id ?? '';
    await first.close();
    const b = sampleOrder();
    await kiosk.post('/v1/orders', b);
    const resumed = openStatusStream(p.url, kiosk.creds, last);
    await expect.poll(() => resumed.events.some((e) => e.data.orderId === b.orderId)).toBe(true);
    expect(resumed.events.every((e) => Number(e.id) > Number(last))).toBe(true);
    expect(resumed.events.some((e) => e.data.orderId === a.orderId)).toBe(false);
    await resumed.close();
    const bad = openStatusStream(p.url, kiosk.creds, 'abc');
    await bad.done;
    expect(bad.status()).toBe(400);
  });

  it('holds at most 4 streams per kiosk: a 5th closes the oldest, which can resume', async () => {
    const streams = [openStatusStream(p.url, other.creds)];
    const order = sampleOrder();
    await other.post('/v1/orders', order);
    await expect.poll(() => streams[0]?.events.length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) streams.push(openStatusStream(p.url, other.creds));
    await expect.poll(() => streams.every((s) => s.status() === 200)).toBe(true);
    let firstEnded = false;
    void streams[0]?.done.then(() => (firstEnded = true));
    streams.push(openStatusStream(p.url, other.creds));
    await expect.poll(() => firstEnded).toBe(true);
    // The others are still open: a change reaches the newest.
    const next = sampleOrder();
    await other.post('/v1/orders', next);
    await expect.poll(() => streams[4]?.events.some((e) => e.data.orderId === next.orderId)).toBe(true);
    for (const s of streams) await s.close();
  });
});
