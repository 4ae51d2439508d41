import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentManifest } from '../../contract/content.ts';
import type { SaleReceipt, StoreReport } from '../../contract/sales.ts';
import { createReportQueries } from '../../db/reports.ts';
import { periodRange } from '../../service/reports/report-period.ts';
import { reportCsv } from '../../service/reports/report-export.ts';
import { startTestKiosk } from '../support/kiosk-in-process.ts';
import { loginAs } from '../support/staff-login.ts';
import { apiClient, lineFor, saleBody } from '../support/sales.ts';

/** Store reports from the sales tables and the event log, and their CSV / XLSX exports (issue 10). */
describe('store reports', () => {
  let t: Awaited<ReturnType<typeof startTestKiosk>>;
  let staff: ReturnType<typeof apiClient>;
  let staffCookie = '';
  let m: ContentManifest;
  const json = <T>(body: string) => JSON.parse(body) as T;
  const expected = { salesFen: 0, refundFen: 0 };

  beforeAll(async () => {
    t = await startTestKiosk();
    staffCookie = await loginAs(t.kiosk, 'staff');
    staff = apiClient(t.kiosk.port, staffCookie);
    const supervisor = apiClient(t.kiosk.port, await loginAs(t.kiosk, 'supervisor'));
    const manifest = t.kiosk.catalogue.active()?.manifest;
    if (!manifest) throw new Error('demo content expected');
    m = manifest;
    // Two counter sales, one partly refunded.
    for (const lines of [[lineFor(m, 0, 2), lineFor(m, 1, 1)], [lineFor(m, 0, 1)]]) {
      const sale = json<SaleReceipt>((await staff('POST', '/api/sales', saleBody(m, lines))).body);
      expected.salesFen += sale.totalFen;
    }
    const first = json<{ sales: SaleReceipt[] }>((await staff('GET', '/api/sales')).body).sales.at(-1);
    if (!first) throw new Error('no sale');
    await supervisor('POST', `/api/sales/${first.saleId}/refund`, { refundId: randomUUID(), amountFen: 150, reason: 'dented' });
    expected.refundFen = 150;
    // Shopper orders as the orders code writes them (events only; reports read no orders table).
    const cart = (id: string, quantity: number, unit: number) => ({ lines: [{ productId: id, quantity, listPriceFen: unit, unitPriceFen: unit, campaignId: null, lineTotalFen: unit * quantity, discountFen: 0 }], subtotalFen: unit * quantity, discountFen: 0, totalFen: unit * quantity, contentVersion: m.version });
    const p2 = m.products[2]?.id ?? '';
    const state = (orderId: string, to: string, action: string, amountFen: number) => ({ orderId, from: 'awaiting-payment', to, action, amountFen, paidFen: amountFen, refundedFen: 0, paymentId: null, reason: null, actor: null });
    const [o1, o2, o3] = [randomUUID(), randomUUID(), randomUUID()];
    t.kiosk.events.append('order.created', { orderId: o1, source: 'shelf', ...cart(p2, 2, 1000), expiresAt: new Date().toISOString() });
    t.kiosk.events.append('order.created', { orderId: o2, source: 'shelf', ...cart(p2, 1, 1000), expiresAt: new Date().toISOString() });
    t.kiosk.events.append('order.created', { orderId: o3, source: 'shelf', ...cart(m.products[0]?.id ?? '', 1, 500), expiresAt: new Date().toISOString() });
    t.kiosk.events.append('order.state', state(o1, 'paid', 'pay', 2000));
    t.kiosk.events.append('order.state', state(o1, 'paid', 'pay', 2000)); // a duplicate notice: still one paid order
    t.kiosk.events.append('order.state', state(o2, 'expired', 'expire', 0));
    t.kiosk.events.append('order.state', { ...state(o1, 'partially-refunded', 'refund', 300), refundedFen: 300 });
    // Lifts: four of product 2, one of product 0, and a load-cell touch that moved nothing.
    const lift = (id: string, count?: number) => t.kiosk.events.append('shelf.lift', { slotId: 'A01', boardId: 'b', channel: 0, productId: id, priceFen: 1, contentVersion: m.version, planogramVersion: 1, sessionId: 's', ...(count !== undefined ? { count } : {}) });
    for (let i = 0; i < 4; i++) lift(p2);
    lift(m.products[0]?.id ?? '');
    lift(p2, 0);
  }, 30_000);
  afterAll(async () => t?.stop());

  it('sums sales, refunds, orders, paid orders and lift → order conversion exactly', async () => {
    const r = json<StoreReport>((await staff('GET', '/api/reports?period=today')).body);
    expect(r).toMatchObject({ salesCount: 2, salesFen: expected.salesFen, saleRefundsCount: 1, saleRefundsFen: 150, ordersCount: 3, ordersPaidCount: 1, ordersPaidFen: 2000, orderRefundsFen: 300 });
    expect(r.netFen).toBe(expected.salesFen + 2000 - 150 - 300);
    const p0 = m.products[0]?.id;
    const p2 = m.products[2]?.id;
    expect(r.products.find((p) => p.productId === p2)).toMatchObject({ orderedQty: 3, lifts: 4, conversion: 0.75, soldQty: 0 });
    expect(r.products.find((p) => p.productId === p0)).toMatchObject({ soldQty: 3, orderedQty: 1, lifts: 1, conversion: 1 });
    expect(r.buckets).toHaveLength(24);
    expect(r.buckets.reduce((a, b) => a + b.salesFen, 0)).toBe(expected.salesFen);
    expect(r.buckets.reduce((a, b) => a + b.ordersPaidFen, 0)).toBe(2000);
    const week = json<StoreReport>((await staff('GET', '/api/reports?period=week')).body);
    expect(week.buckets).toHaveLength(7);
    expect(week.salesFen).toBe(expected.salesFen);
    expect((await staff('GET', '/api/reports?period=year')).status).toBe(400);
  });

  it('reads orders and lifts by the events (type, time) index as a range, never a scan', () => {
    const queries = createReportQueries(t.kiosk.db);
    for (const plan of [queries.eventsPlan().join(' | '), queries.liftsPlan().join(' | ')]) {
      expect(plan).toMatch(/USING (COVERING )?INDEX events_type_time \(type=\? AND device_time>\? AND device_time<\?\)/);
      expect(plan).not.toMatch(/SCAN events/);
    }
  });

  it('exports CSV and XLSX with the same numbers, labels in the asked language', async () => {
    const csv = await staff('GET', '/api/reports/export?period=today&format=csv&lang=en');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="store-report-today-\d{4}-\d{2}-\d{2}\.csv"/);
    const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    expect(csv.body).toContain(`Counter sales (¥),${yuan(expected.salesFen)}`);
    expect(csv.body).toContain('Paid orders (¥),20.00');
    const zh = await staff('GET', '/api/reports/export?period=today&format=csv&lang=zh-CN');
    expect(zh.body.startsWith('\uFEFF门店报表')).toBe(true);

    const res = await fetchBinary(t.kiosk.port, staffCookie, '/api/reports/export?period=week&format=xlsx&lang=zh-TW');
    expect(res.type).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const summary = wb.worksheets[0];
    const rows = new Map<string, unknown>();
    summary?.eachRow((row) => rows.set(row.getCell(1).text, row.getCell(2).value));
    expect(rows.get('櫃台銷售額')).toBe(expected.salesFen / 100);
    expect(rows.get('已付訂單數')).toBe(1);
    expect(wb.worksheets[1]?.rowCount).toBeGreaterThan(2);
    expect((await staff('GET', '/api/reports/export?period=today&format=pdf')).status).toBe(400);
  });

  it('keeps spreadsheet formulas out of CSV text but leaves negative amounts as numbers', () => {
    const report = { period: 'today', from: 0, to: 1, fromDay: '2026-01-01', toDay: '2026-01-01', salesCount: 0, salesFen: 0, saleRefundsCount: 1, saleRefundsFen: 150, ordersCount: 0, ordersPaidCount: 0, ordersPaidFen: 0, orderRefundsFen: 0, netFen: -150, products: [{ productId: 'x', soldQty: 1, soldFen: 100, orderedQty: 0, lifts: 0, conversion: null }], buckets: [] } satisfies StoreReport;
    const csv = reportCsv(report, 'en', () => '=HYPERLINK("evil")');
    expect(csv).toContain('Net (¥),-1.50');
    expect(csv).toContain(`"'=HYPERLINK(""evil"")"`);
  });

  it('puts today in hourly buckets from local midnight and the week from Monday', () => {
    // 2026-11-30 is a Monday; at UTC+8, 01:30 local on Tuesday is 17:30 UTC on Monday.
    const at = Date.parse('2026-12-01T01:30:00+08:00');
    expect(periodRange('today', at, 480)).toMatchObject({ fromDay: '2026-12-01', from: Date.parse('2026-12-01T00:00:00+08:00') });
    expect(periodRange('week', at, 480)).toMatchObject({ fromDay: '2026-11-30', toDay: '2026-12-06', from: Date.parse('2026-11-30T00:00:00+08:00') });
  });
});

/** A binary GET (the XLSX file) with the session cookie. */
async function fetchBinary(port: number, cookie: string, path: string): Promise<{ type: string; body: Buffer }> {
  const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
  return { type: r.headers.get('content-type') ?? '', body: Buffer.from(await r.arrayBuffer()) };
}
