import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventEnvelope } from '../../contract/events.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import type { TestKiosk } from '../sync/helpers.ts';
import { ADMIN_HEADERS as admin, STAFF_ACTOR as staff, sampleOrder, startOrdersRig, type KioskApi, type OrdersRig } from './helpers.ts';

/**
 * Admin day filters use the kiosk's local day (docs/orders-platform.md, "Days"): orders and
 * sales at 23:30 and 00:30 hall time (+08:00), which fall on other UTC days, are filtered by
 * the day the store lived them, in the orders list, the sales export and reconciliation alike.
 */
let rig: OrdersRig;
let p: RunningPlatform;
let kiosk: TestKiosk;
let api: KioskApi;
// The platform's clock: 2025-03-10 23:40 in the hall.
const NOW = Date.parse('2025-03-10T23:40:00+08:00');

beforeAll(async () => {
  rig = await startOrdersRig('orders-days', { now: () => NOW });
  ({ p, kiosk, api } = rig);
});
afterAll(() => rig?.close());

/** A kiosk event as a kiosk in the hall (+08:00) stamps it at `local`. */
const at = (e: EventEnvelope, local: string): EventEnvelope => ({ ...e, deviceTime: new Date(local).toISOString(), tzOffset: 480 });

async function push(events: EventEnvelope[]): Promise<void> {
  const r = await api.post('/v1/events', { events });
  expect((r.json.results as Array<{ status: string }>).map((x) => x.status)).toEqual(events.map(() => 'ok'));
}

const listed = async (q: string) => ((await (await fetch(`${p.url}/v1/admin/orders?${q}`, { headers: admin })).json()) as { orders: Array<{ orderId: string; localDay: string }> }).orders;

it('filters orders, sales exports and reconciliation by the local day, not the UTC day', async () => {
  // 00:30 on the 10th is the 9th in UTC; 23:30 on the 10th and 00:30 on the 11th are both the 10th in UTC.
  const times = { early: '2025-03-10T00:30:00+08:00', late: '2025-03-10T23:30:00+08:00', next: '2025-03-11T00:30:00+08:00' };
  const orders = Object.fromEntries(Object.entries(times).map(([k, local]) => [k, sampleOrder({ createdAt: local, expiresAt: new Date(Math.max(NOW, Date.parse(local)) + 15 * 60_000).toISOString() })]));
  for (const o of Object.values(orders)) expect((await api.post('/v1/orders', o)).status).toBe(200);

  const ids = (rows: Array<{ orderId: string }>) => rows.map((r) => r.orderId).sort();
  expect(ids(await listed('from=2025-03-10&to=2025-03-10'))).toEqual([orders.early?.orderId, orders.late?.orderId].sort());
  expect(ids(await listed('from=2025-03-11'))).toEqual([orders.next?.orderId]);
  expect(ids(await listed('to=2025-03-09'))).toEqual([]);
  const page = await (await fetch(`${p.url}/admin/orders?from=2025-03-10&to=2025-03-10`, { headers: admin })).text();
  expect(page).toContain(`/admin/orders/${orders.early?.orderId ?? ''}`);
  expect(page).not.toContain(`/admin/orders/${orders.next?.orderId ?? ''}`);

  // The kiosk's own order.created day wins over hall time (a kiosk set to UTC says the 9th is the 9th).
  const o = orders.early;
  if (!o) throw new Error('no order');
  const created = kiosk.events.append('order.created', { orderId: o.orderId, source: 'shelf', lines: o.lines, subtotalFen: o.subtotalFen, discountFen: o.discountFen, totalFen: o.totalFen, contentVersion: o.contentVersion, expiresAt: o.expiresAt });
  await push([{ ...created, deviceTime: new Date(times.early).toISOString(), tzOffset: 0 }]);
  expect((await listed('from=2025-03-10&to=2025-03-10')).map((r) => r.orderId)).toEqual([orders.late?.orderId]);
  expect((await listed('from=2025-03-09&to=2025-03-09')).map((r) => r.localDay)).toEqual(['2025-03-09']);

  // Counter sales at the same local times: the export and reconciliation group them the same way.
  const line = { productId: 'dongyuan-rice', quantity: 1, listPriceFen: 5600, unitPriceFen: 5600, campaignId: null, lineTotalFen: 5600, discountFen: 0 };
  const sale = (saleId: string) => kiosk.events.append('sale.completed', { saleId, lines: [line], subtotalFen: 5600, discountFen: 0, totalFen: 5600, contentVersion: 3, method: 'cash', tenderedFen: 5600, changeFen: 0, actor: staff });
  await push([at(sale('early'), times.early), at(sale('late'), times.late), at(sale('next'), times.next)]);
  const csv = await (await fetch(`${p.url}/v1/admin/sales.csv?from=2025-03-10&to=2025-03-10`, { headers: admin })).text();
  const refs = csv.trim().split('\r\n').slice(1, -1).map((l) => l.split(',')[4]);
  expect(refs.sort()).toEqual(['"early"', '"late"']);
  const rec = (await (await fetch(`${p.url}/v1/admin/reconciliation?from=2025-03-10&to=2025-03-10`, { headers: admin })).json()) as { days: Array<{ day: string; events: { salesCount: number } }> };
  expect(rec.days.map((d) => [d.day, d.events.salesCount])).toEqual([['2025-03-10', 2]]);
});

it('refuses a malformed or impossible day range with 400 and a message', async () => {
  for (const q of ['from=2025-02-30', 'to=10-03-2025', 'from=2025-03-11&to=2025-03-10']) {
    const r = await fetch(`${p.url}/v1/admin/orders?${q}`, { headers: admin });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('bad-filter');
  }
});
