import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentManifest } from '../../contract/content.ts';
import type { SaleReceipt } from '../../contract/sales.ts';
import { startTestKiosk } from '../support/kiosk-in-process.ts';
import { loginAs } from '../support/staff-login.ts';
import { apiClient, lineFor, moneyCounts, saleBody } from '../support/sales.ts';

/** Counter sales and refunds over real HTTP on 127.0.0.1 and a real SQLite file (issue 10). */
describe('counter sales and refunds', () => {
  let t: Awaited<ReturnType<typeof startTestKiosk>>;
  let staff: ReturnType<typeof apiClient>;
  let supervisor: ReturnType<typeof apiClient>;
  let m: ContentManifest;
  const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;

  beforeAll(async () => {
    t = await startTestKiosk();
    staff = apiClient(t.kiosk.port, await loginAs(t.kiosk, 'staff'));
    supervisor = apiClient(t.kiosk.port, await loginAs(t.kiosk, 'supervisor'));
    const manifest = t.kiosk.catalogue.active()?.manifest;
    if (!manifest) throw new Error('demo content expected');
    m = manifest;
  }, 30_000);
  afterAll(async () => t?.stop());

  it('sells for cash with change; the event, its outbox row and the sale rows are committed together', async () => {
    const lines = [lineFor(m, 0, 2), lineFor(m, 3, 1)];
    const total = lines.reduce((a, l) => a + l.quantity * l.unitPriceFen, 0);
    const body = saleBody(m, lines, { method: 'cash', tenderedFen: total + 1234 });
    const res = await staff('POST', '/api/sales', body);
    expect(res.status, res.body).toBe(201);
    const sale = json<SaleReceipt>(res.body);
    expect(sale).toMatchObject({ saleId: body.saleId, totalFen: total, method: 'cash', tenderedFen: total + 1234, changeFen: 1234, refundedFen: 0 });
    const event = t.kiosk.db.prepare("SELECT e.payload, o.priority FROM events e JOIN outbox o ON o.event_id = e.id WHERE e.type = 'sale.completed'").get() as { payload: string; priority: number };
    expect(event.priority).toBe(0); // money first
    expect(json(event.payload)).toMatchObject({ saleId: body.saleId, totalFen: total, changeFen: 1234, actor: { role: 'staff' } });
    expect(t.kiosk.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    // The receipt can be fetched again, as the receipt screen does after a reload.
    expect(json<SaleReceipt>((await staff('GET', `/api/sales/${body.saleId}`)).body).totalFen).toBe(total);
  });

  it('records a group purchase: the buyer unit rides in sale.completed, its id from its name; bad units are refused and write nothing', async () => {
    const payloadOf = (saleId: string) => json<{ buyer?: unknown }>((t.kiosk.db.prepare("SELECT payload FROM events WHERE type = 'sale.completed' AND json_extract(payload, '$.saleId') = ?").pluck().get(saleId) as string));
    const first = { ...saleBody(m, [lineFor(m, 0, 3)]), buyer: { name: '  盐田区教育局 ', kind: 'budget-unit' } };
    const created = await staff('POST', '/api/sales', first);
    expect(created.status).toBe(201);
    // The receipt carries the unit (as the sale row stored it), and so does the receipt read again.
    expect(json<{ buyer?: unknown }>(created.body).buyer).toEqual({ name: '盐田区教育局', kind: 'budget-unit' });
    expect(json<{ buyer?: unknown }>((await staff('GET', `/api/sales/${first.saleId}`)).body).buyer).toEqual({ name: '盐田区教育局', kind: 'budget-unit' });
    const buyer = payloadOf(first.saleId).buyer;
    expect(buyer).toEqual({ unitId: expect.stringMatching(/^u-[0-9a-f]{24}$/) as unknown, name: '盐田区教育局', kind: 'budget-unit' });
    // The same unit on another sale (another day, another kiosk) gets the same id, so the platform adds them up.
    const second = { ...saleBody(m, [lineFor(m, 1, 1)]), buyer: { name: '盐田区教育局', kind: 'budget-unit' } };
    expect((await staff('POST', '/api/sales', second)).status).toBe(201);
    expect(payloadOf(second.saleId).buyer).toEqual(buyer);
    // An ordinary sale has no buyer at all.
    const plain = saleBody(m, [lineFor(m, 1, 1)]);
    expect((await staff('POST', '/api/sales', plain)).status).toBe(201);
    expect(payloadOf(plain.saleId)).not.toHaveProperty('buyer');
    expect(t.kiosk.db.prepare('SELECT buyer_name FROM sales WHERE sale_id = ?').pluck().get(plain.saleId)).toBeNull();

    const before = moneyCounts(t.kiosk.db);
    const bad: Array<[string, unknown, RegExp]> = [
      ['a blank name', { name: '   ', kind: 'budget-unit' }, /buyer name: empty/],
      ['a name over 100 characters', { name: '单'.repeat(101), kind: 'trade-union' }, /at most 100/],
      ['a control character', { name: '工会\u0007', kind: 'trade-union' }, /control characters/],
      ['an unknown kind', { name: '盐田区总工会', kind: 'school' }, /kind/],
      ['no kind', { name: '盐田区总工会' }, /kind/],
    ];
    for (const [what, unit, message] of bad) {
      const res = await staff('POST', '/api/sales', { ...saleBody(m, [lineFor(m, 0, 1)]), buyer: unit });
      expect(res.status, what).toBe(400);
      expect(res.body, what).toMatch(message);
    }
    expect(moneyCounts(t.kiosk.db)).toEqual(before);
  });

  it('is idempotent by saleId: a retried request is one sale; the same id with another body is 409', async () => {
    const body = saleBody(m, [lineFor(m, 1, 1)], { method: 'qr' });
    const before = moneyCounts(t.kiosk.db);
    expect((await staff('POST', '/api/sales', body)).status).toBe(201);
    const again = await staff('POST', '/api/sales', body);
    expect(again.status).toBe(200);
    expect(json<SaleReceipt>(again.body).saleId).toBe(body.saleId);
    const other = await staff('POST', '/api/sales', { ...body, lines: [lineFor(m, 1, 2)] });
    expect(other.status).toBe(409);
    expect(json(other.body)).toMatchObject({ error: 'sale-id-reused' });
    expect(moneyCounts(t.kiosk.db)).toEqual({ ...before, sales: before.sales + 1, lines: before.lines + 1, events: before.events + 1, outbox: before.outbox + 1 });
  });

  it('answers the same sale sent five times at once with one 201 and four 200s', async () => {
    const body = saleBody(m, [lineFor(m, 2, 2)], { method: 'card' });
    const before = moneyCounts(t.kiosk.db);
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => staff('POST', '/api/sales', body)))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    expect(moneyCounts(t.kiosk.db).sales).toBe(before.sales + 1);
  });

  it('refuses every bad sale with a clear 4xx and writes nothing', async () => {
    const good = lineFor(m, 2, 1);
    const cases: Array<[string, unknown, number, RegExp]> = [
      ['zero quantity', saleBody(m, [{ ...good, quantity: 0 }]), 400, /quantity: at least 1/],
      ['negative quantity', saleBody(m, [{ ...good, quantity: -3 }]), 400, /quantity/],
      ['fractional quantity', saleBody(m, [{ ...good, quantity: 1.5 }]), 400, /whole number/],
      ['huge quantity', saleBody(m, [{ ...good, quantity: 100_000 }]), 400, /at most 99/],
      ['unknown product', saleBody(m, [{ ...good, productId: 'no-such-product' }]), 422, /unknown product/],
      ['changed price', saleBody(m, [{ ...good, unitPriceFen: good.unitPriceFen + 1 }]), 409, /price of/],
      ['short cash', saleBody(m, [good], { method: 'cash', tenderedFen: good.unitPriceFen - 1 }), 422, /short/],
      ['cash without tender', saleBody(m, [good], { method: 'cash' }), 400, /cash received/],
      ['empty cart', saleBody(m, []), 400, /empty/],
      ['duplicate line', saleBody(m, [good, good]), 400, /twice/],
      ['bad method', { ...saleBody(m, [good]), method: 'cheque' }, 400, /method/],
      ['bad sale id', { ...saleBody(m, [good]), saleId: 'not-a-uuid' }, 400, /saleId/],
      ['negative price', saleBody(m, [{ ...good, unitPriceFen: -1 }]), 400, /unitPriceFen/],
      ['no body', undefined, 400, /./],
    ];
    const before = moneyCounts(t.kiosk.db);
    for (const [name, body, status, message] of cases) {
      const res = await staff('POST', '/api/sales', body);
      expect(res.status, `${name}: ${res.body}`).toBe(status);
      expect(json<{ message: string }>(res.body).message, name).toMatch(message);
    }
    const changed = await staff('POST', '/api/sales', saleBody(m, [{ ...good, unitPriceFen: good.unitPriceFen + 1 }]));
    expect(json(changed.body)).toMatchObject({ error: 'price-changed', currentPriceFen: good.unitPriceFen, productId: good.productId });
    expect(moneyCounts(t.kiosk.db)).toEqual(before);
  });

  it('refunds partially and fully by a supervisor, never more than paid; staff are refused', async () => {
    const lines = [lineFor(m, 4, 3)];
    const total = lines[0] ? lines[0].quantity * lines[0].unitPriceFen : 0;
    const body = saleBody(m, lines, { method: 'card' });
    expect((await staff('POST', '/api/sales', body)).status).toBe(201);
    const url = `/api/sales/${body.saleId}/refund`;
    const part = { refundId: randomUUID(), amountFen: 100, reason: 'damaged box' };
    const before = moneyCounts(t.kiosk.db);
    const asStaff = await staff('POST', url, part);
    expect(asStaff.status).toBe(403);
    expect(json(asStaff.body)).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/supervisor/) as unknown });
    expect(moneyCounts(t.kiosk.db)).toEqual(before);

    expect((await supervisor('POST', url, part)).status).toBe(201);
    expect((await supervisor('POST', url, part)).status).toBe(200); // the same refund again: one refund
    expect((await supervisor('POST', url, { ...part, amountFen: 101 })).status).toBe(409);
    const tooMuch = await supervisor('POST', url, { refundId: randomUUID(), amountFen: total, reason: 'too much' });
    expect(tooMuch.status).toBe(409);
    expect(json(tooMuch.body)).toMatchObject({ error: 'refund-too-large' });
    const noReason = await supervisor('POST', url, { refundId: randomUUID(), amountFen: 1, reason: ' ' });
    expect(noReason.status).toBe(400);
    const voidAfterPartial = await supervisor('POST', url, { refundId: randomUUID(), amountFen: total, reason: 'void', void: true });
    expect(json(voidAfterPartial.body)).toMatchObject({ error: 'void-not-full' });
    const rest = await supervisor('POST', url, { refundId: randomUUID(), amountFen: total - 100, reason: 'returned' });
    expect(json<SaleReceipt>(rest.body)).toMatchObject({ refundedFen: total, refunds: [{ amountFen: 100 }, { amountFen: total - 100 }] });
    expect((await supervisor('POST', url, { refundId: randomUUID(), amountFen: 1, reason: 'more' })).status).toBe(409);
    expect((await supervisor('POST', `/api/sales/${randomUUID()}/refund`, { refundId: randomUUID(), amountFen: 1, reason: 'ghost' })).status).toBe(404);
    const events = t.kiosk.db.prepare("SELECT payload FROM events WHERE type = 'sale.refunded'").all() as Array<{ payload: string }>;
    expect(events.map((e) => json<{ amountFen: number }>(e.payload).amountFen)).toEqual([100, total - 100]);
  });

  it('refuses every bad refund with a clear 4xx and writes nothing', async () => {
    const body = saleBody(m, [lineFor(m, 7, 1)]);
    expect((await staff('POST', '/api/sales', body)).status).toBe(201);
    const url = `/api/sales/${body.saleId}/refund`;
    const ok = { refundId: randomUUID(), amountFen: 1, reason: 'dented' };
    const cases: Array<[string, unknown, RegExp]> = [
      ['zero amount', { ...ok, amountFen: 0 }, /amountFen/],
      ['negative amount', { ...ok, amountFen: -5 }, /amountFen/],
      ['fractional amount', { ...ok, amountFen: 1.5 }, /amountFen/],
      ['huge amount', { ...ok, amountFen: 1e12 }, /amountFen/],
      ['bad refund id', { ...ok, refundId: 'r-1' }, /refundId/],
      ['no reason', { refundId: ok.refundId, amountFen: 1 }, /reason/],
      ['void not boolean', { ...ok, void: 'yes' }, /void/],
    ];
    const before = moneyCounts(t.kiosk.db);
    for (const [name, refund, message] of cases) {
      const res = await supervisor('POST', url, refund);
      expect(res.status, name).toBe(400);
      expect(json<{ message: string }>(res.body).message, name).toMatch(message);
    }
    expect((await supervisor('POST', '/api/sales/not-a-uuid/refund', ok)).status).toBe(400);
    expect((await staff('GET', '/api/sales/lifts?after=-1')).status).toBe(400);
    expect(moneyCounts(t.kiosk.db)).toEqual(before);
  });

  it('voids a sale of today in full', async () => {
    const body = saleBody(m, [lineFor(m, 5, 1)], { method: 'cash', tenderedFen: 1_000_000 });
    const sale = json<SaleReceipt>((await staff('POST', '/api/sales', body)).body);
    const res = await supervisor('POST', `/api/sales/${body.saleId}/refund`, { refundId: randomUUID(), amountFen: sale.totalFen, reason: 'wrong item rung up', void: true });
    expect(res.status).toBe(201);
    expect(json<SaleReceipt>(res.body)).toMatchObject({ refundedFen: sale.totalFen, refunds: [{ void: true, reason: 'wrong item rung up' }] });
  });

  it('refuses a void of a sale of another day (a refund is still allowed)', async () => {
    const body = saleBody(m, [lineFor(m, 6, 1)]);
    const sale = json<SaleReceipt>((await staff('POST', '/api/sales', body)).body);
    t.kiosk.db.prepare("UPDATE sales SET day = '2001-01-01' WHERE sale_id = ?").run(body.saleId);
    const res = await supervisor('POST', `/api/sales/${body.saleId}/refund`, { refundId: randomUUID(), amountFen: sale.totalFen, reason: 'late void', void: true });
    expect(res.status).toBe(409);
    expect(json(res.body)).toMatchObject({ error: 'void-other-day' });
    expect((await supervisor('POST', `/api/sales/${body.saleId}/refund`, { refundId: randomUUID(), amountFen: sale.totalFen, reason: 'late refund' })).status).toBe(201);
  });

  it('lists recent sales for the refund screen', async () => {
    const list = json<{ sales: SaleReceipt[] }>((await staff('GET', '/api/sales?days=1')).body);
    expect(list.sales.length).toBe(moneyCounts(t.kiosk.db).sales);
    expect((await staff('GET', '/api/sales?days=0')).status).toBe(400);
    expect((await staff('GET', '/api/sales/not-a-uuid')).status).toBe(400);
  });
});
