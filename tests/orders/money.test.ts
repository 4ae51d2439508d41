import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ledgerDay } from '../../contract/orders.ts';
import type { EventEnvelope } from '../../contract/events.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import type { TestKiosk } from '../sync/helpers.ts';
import { ADMIN_HEADERS as admin, STAFF_ACTOR as actor, sampleOrder, sandboxPress, startOrdersRig, startPhonePayment, type KioskApi, type OrdersRig } from './helpers.ts';

/**
 * Kiosk money events projected at ingest, reconciled against the kiosk's own ledger.day, the
 * payments reconciliation, the sales exports and the administrators' pages.
 */
let rig: OrdersRig;
let p: RunningPlatform;
let kiosk: TestKiosk;
let api: KioskApi;
let skewMs = 0;
const line = { productId: 'yongshun-berry-tea', quantity: 1, listPriceFen: 3800, unitPriceFen: 3800, campaignId: null, lineTotalFen: 3800, discountFen: 0 };

beforeAll(async () => {
  rig = await startOrdersRig('orders-money', { now: () => Date.now() + skewMs, orders: { sandboxTestHooks: true } });
  ({ p, kiosk, api } = rig);
});
afterAll(() => rig?.close());

async function push(events: EventEnvelope[]): Promise<void> {
  const r = await api.post('/v1/events', { events });
  expect(r.status).toBe(200);
  expect((r.json.results as Array<{ status: string }>).map((x) => x.status)).toEqual(events.map(() => 'ok'));
}

const day = (e: EventEnvelope) => ledgerDay(Date.parse(e.deviceTime), e.tzOffset);
const reconcile = async () => (await (await fetch(`${p.url}/v1/admin/reconciliation`, { headers: admin })).json()) as { days: Array<{ day: string; status: string; differences: string[]; missingBelow: number }>; payments: Array<{ kind: string; orderId: string }>; alarms: number };

it('reconciles a day: pending while a seq below the ledger is missing, ok when all arrived, mismatch when totals differ', async () => {
  const sale = (saleId: string, totalFen: number, method: 'cash' | 'qr') =>
    kiosk.events.append('sale.completed', { saleId, lines: [{ ...line, quantity: totalFen / 3800, lineTotalFen: totalFen }], subtotalFen: totalFen, discountFen: 0, totalFen, contentVersion: 3, method, tenderedFen: totalFen, changeFen: 0, actor });
  const e1 = sale('s1', 3800, 'cash');
  const e2 = sale('s2', 7600, 'qr');
  const e3 = kiosk.events.append('sale.refunded', { saleId: 's1', refundId: 'r1', amountFen: 3800, void: true, reason: 'wrong item', actor });
  const e4 = kiosk.events.append('order.state', { orderId: 'o-counter', from: 'awaiting-payment', to: 'paid', action: 'pay', amountFen: 5600, paidFen: 5600, refundedFen: 0, paymentId: null, reason: null, actor: null });
  const e5 = kiosk.events.append('order.state', { orderId: 'o-counter', from: 'paid', to: 'partially-refunded', action: 'refund', amountFen: 1000, paidFen: 5600, refundedFen: 1000, paymentId: null, reason: 'bruised', actor });
  const totals = { day: day(e1), salesCount: 2, salesFen: 11400, saleRefundsFen: 3800, ordersPaidCount: 1, ordersPaidFen: 5600, orderRefundsFen: 1000 };
  const ledger = kiosk.events.append('ledger.day', totals);
  const late = sale('s3', 3800, 'cash'); // after the ledger: not in its totals
  await push([e1, e3, e4, e5, ledger, late]);
  let r = await reconcile();
  expect(r.days.find((d) => d.day === totals.day)).toMatchObject({ status: 'pending', missingBelow: 1 });
  await push([e2]);
  r = await reconcile();
  expect(r.days.find((d) => d.day === totals.day)).toMatchObject({ status: 'ok', differences: [] });
  expect(r.alarms).toBe(0);

  // A newer ledger of the same day also counts s3, which is now below its seq: 3 sales, 15200 fen.
  const newer = kiosk.events.append('ledger.day', { ...totals, salesCount: 3, salesFen: 15200 });
  await push([newer]);
  r = await reconcile();
  expect(r.days.find((d) => d.day === totals.day)).toMatchObject({ status: 'ok' });
  const off = kiosk.events.append('ledger.day', { ...totals, salesCount: 3, salesFen: 15201 });
  await push([off]);
  r = await reconcile();
  expect(r.days.find((d) => d.day === totals.day)).toMatchObject({ status: 'mismatch', differences: ['salesFen: kiosk 15201, events 15200'] });
  expect(r.alarms).toBe(1);
  const html = await (await fetch(`${p.url}/admin/reconciliation`, { headers: admin })).text();
  expect(html).toContain('data-alarms="1"');
  expect(html).toContain('data-status="mismatch"');
  const fleet = await (await fetch(`${p.url}/fleet`, { headers: admin })).text();
  expect(fleet).toMatch(new RegExp(`id="money-alarms" data-count="1">Money alarms, last 7 days: ${api.creds.kioskId} \\(1\\)`));
});

it('exports sales as CSV and XLSX whose totals tie to the fen', async () => {
  const csv = await (await fetch(`${p.url}/v1/admin/sales.csv`, { headers: admin })).text();
  const rows = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  const body = rows.slice(1, -1);
  const total = rows[rows.length - 1] ?? [];
  const sum = (i: number) => body.reduce((s, r) => s + Number(r[i]), 0);
  // s1 3800 + s2 7600 + s3 3800 + order 5600 in; 3800 void + 1000 refund out.
  expect([sum(6), sum(7), sum(8)]).toEqual([20800, 4800, 16000]);
  expect(total.slice(6, 10)).toEqual(['20800', '4800', '16000', '"160.00"']);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await (await fetch(`${p.url}/v1/admin/sales.xlsx`, { headers: admin })).arrayBuffer());
  const sheet = book.getWorksheet('sales');
  const last = sheet?.getRow(sheet.rowCount);
  expect([last?.getCell(7).value, last?.getCell(8).value, last?.getCell(9).value]).toEqual([20800, 4800, 16000]);
  expect(sheet?.rowCount).toBe(rows.length);
  expect((await fetch(`${p.url}/v1/admin/sales.csv`)).status).toBe(401);
  expect((await fetch(`${p.url}/v1/admin/sales.csv?from=yesterday`, { headers: admin })).status).toBe(400);
});

it('raises an alarm for a payment its kiosk has not acknowledged for 10 minutes, and clears it on the ack', async () => {
  const order = sampleOrder();
  const { json } = await api.post('/v1/orders', order);
  await sandboxPress(p.url, await startPhonePayment(p.url, String(json.payUrl)), 'pay');
  await expect.poll(async () => (await api.get(`/v1/orders/${order.orderId}`)).json.state).toBe('paid');
  expect((await reconcile()).payments.filter((a) => a.orderId === order.orderId)).toEqual([]);
  skewMs = 11 * 60_000;
  expect((await reconcile()).payments.filter((a) => a.orderId === order.orderId).map((a) => a.kind)).toEqual(['unacknowledged-payment']);
  const status = (await api.get(`/v1/orders/${order.orderId}`)).json;
  await push([kiosk.events.append('order.state', { orderId: order.orderId, from: 'awaiting-payment', to: 'paid', action: 'pay', amountFen: 12600, paidFen: 12600, refundedFen: 0, paymentId: String(status.paymentId), reason: null, actor: null })]);
  expect((await reconcile()).payments.filter((a) => a.orderId === order.orderId)).toEqual([]);
  skewMs = 0;
});

it('lists orders for administrators with filters, and shows an order with its payments, callbacks and history', async () => {
  const list = await (await fetch(`${p.url}/v1/admin/orders?kiosk=${api.creds.kioskId}&state=paid`, { headers: admin })).json() as { orders: Array<{ orderId: string; payKeyHash?: string }> };
  expect(list.orders).toHaveLength(1);
  expect(list.orders[0]?.payKeyHash).toBeUndefined();
  const id = list.orders[0]?.orderId ?? '';
  expect((await fetch(`${p.url}/v1/admin/orders?state=lost`, { headers: admin })).status).toBe(400);
  expect((await fetch(`${p.url}/admin/orders`, { redirect: 'manual' })).status).toBe(303);
  const page = await (await fetch(`${p.url}/admin/orders?state=paid`, { headers: admin })).text();
  expect(page).toContain(`/admin/orders/${id}`);
  const detail = await (await fetch(`${p.url}/admin/orders/${id}`, { headers: admin })).text();
  for (const part of ['id="payments"', 'id="callbacks"', 'id="history"', '>paid<', 'yongshun-berry-tea']) expect(detail).toContain(part);
});
