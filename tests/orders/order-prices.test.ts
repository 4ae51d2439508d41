import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContentManifest } from '../../contract/content.ts';
import type { OrderCreateRequest, PricedLine } from '../../contract/orders.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { ADMIN_TOKEN, enrol, startTestPlatform, tempDir } from '../sync/helpers.ts';
import { kioskApi, sampleOrder, type KioskApi } from './helpers.ts';

/**
 * POST /v1/orders reprices every line against the content version the kiosk names
 * (docs/orders-platform.md, "Prices"): a published version is checked line by line with
 * priceCart at the order's time; a version the platform never published at or below its newest
 * is refused; a version above it (demo, side-loaded) is accepted and flagged `unverified-prices`.
 */
const t = tempDir('orders-prices');
let p: RunningPlatform;
let api: KioskApi;
let manifest: ContentManifest;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const HOUR = 3_600_000;
const campaignEnds = Date.now() + 2 * HOUR;

beforeAll(async () => {
  p = await startTestPlatform(join(t.dir, 'platform'));
  api = kioskApi(p.url, await enrol(p.url, crypto.randomUUID()));
  // The demo catalogue with a campaign price on its first product, running from an hour ago for two hours.
  const dir = join(t.dir, 'pkg');
  await buildDemoPackage(dir);
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ContentManifest;
  const first = m.products[0];
  const campaign = m.campaigns[0];
  if (!first || !campaign) throw new Error('the demo catalogue has no product or campaign');
  m.campaigns[0] = { ...campaign, startsAt: new Date(Date.now() - HOUR).toISOString(), endsAt: new Date(campaignEnds).toISOString(), prices: [{ productId: first.id, priceFen: first.priceFen - 300 }] };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  manifest = m;
  const res = await fetch(`${p.url}/v1/admin/content/publish`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ dir }) });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await p.close();
  t.cleanup();
});

/** An order priced as the kiosk would: the campaign price on the first product, list price on the second. */
function goodOrder(over: Partial<OrderCreateRequest> = {}): OrderCreateRequest {
  const [a, b] = manifest.products;
  if (!a || !b) throw new Error('two products needed');
  const campaignId = manifest.campaigns[0]?.id ?? null;
  const lines: PricedLine[] = [
    { productId: a.id, quantity: 2, listPriceFen: a.priceFen, unitPriceFen: a.priceFen - 300, campaignId, lineTotalFen: 2 * (a.priceFen - 300), discountFen: 600 },
    { productId: b.id, quantity: 1, listPriceFen: b.priceFen, unitPriceFen: b.priceFen, campaignId: null, lineTotalFen: b.priceFen, discountFen: 0 },
  ];
  return withLines(sampleOrder({ contentVersion: manifest.version, ...over }), lines);
}

/** The order with these lines and totals that add up (so only the prices can be wrong). */
function withLines(o: OrderCreateRequest, lines: PricedLine[]): OrderCreateRequest {
  const subtotalFen = lines.reduce((s, l) => s + l.listPriceFen * l.quantity, 0);
  const totalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  return { ...o, lines, subtotalFen, totalFen, discountFen: subtotalFen - totalFen };
}

const detail = async (id: string) => fetch(`${p.url}/v1/admin/orders/${id}`, { headers: admin });

async function expectRefused(o: OrderCreateRequest, code: string, message: RegExp): Promise<void> {
  const r = await api.post('/v1/orders', o);
  expect(r.status).toBe(422);
  expect(r.json.error?.code).toBe(code);
  expect(r.json.error?.message).toMatch(message);
  // Nothing written: the order is unknown to its kiosk and to the administrators.
  expect((await api.get(`/v1/orders/${o.orderId}`)).status).toBe(404);
  expect((await detail(o.orderId)).status).toBe(404);
}

it('accepts an order priced at a campaign price running at its time, and marks it verified', async () => {
  const o = goodOrder();
  expect((await api.post('/v1/orders', o)).status).toBe(200);
  expect(((await (await detail(o.orderId)).json()) as { order: { priceCheck: string } }).order.priceCheck).toBe('verified');
  const list = await (await fetch(`${p.url}/admin/orders`, { headers: admin })).text();
  expect(list).toContain('data-price-check="verified"');
});

it('refuses a tampered unit price, a tampered list price and a campaign price after the campaign ended', async () => {
  const good = goodOrder();
  const [a, b] = good.lines;
  if (!a || !b) throw new Error('two lines');
  const cheap = { ...b, unitPriceFen: b.unitPriceFen - 1, lineTotalFen: b.lineTotalFen - 1, discountFen: 1 };
  await expectRefused(withLines(goodOrder(), [a, cheap]), 'price-mismatch', new RegExp(`${b.productId}: ${b.unitPriceFen - 1} fen sent, content version ${manifest.version} prices it at ${b.unitPriceFen} fen`));
  const inflatedList = { ...a, listPriceFen: a.listPriceFen + 1000, discountFen: a.discountFen + 2000 };
  await expectRefused(withLines(goodOrder(), [inflatedList, b]), 'price-mismatch', /list price/);
  const late = new Date(campaignEnds + 60_000).toISOString();
  await expectRefused(goodOrder({ createdAt: late, expiresAt: new Date(campaignEnds + 10 * 60_000).toISOString() }), 'price-mismatch', /prices it at/);
});

it('refuses a content version the platform never published at or below its newest, and an unknown product', async () => {
  await expectRefused(goodOrder({ contentVersion: 0 }), 'unknown-content-version', /content version 0 was never published by this platform/);
  const [a, b] = goodOrder().lines;
  if (!a || !b) throw new Error('two lines');
  await expectRefused(withLines(goodOrder(), [a, { ...b, productId: 'no-such-product' }]), 'unknown-product', /no-such-product is not in content version/);
});

it('accepts an order on content the platform never issued (demo or side-loaded) on its arithmetic, flagged unverified-prices', async () => {
  const o = sampleOrder({ contentVersion: manifest.version + 5 });
  expect((await api.post('/v1/orders', o)).status).toBe(200);
  expect(((await (await detail(o.orderId)).json()) as { order: { priceCheck: string } }).order.priceCheck).toBe('unverified-prices');
  expect(await (await fetch(`${p.url}/admin/orders`, { headers: admin })).text()).toContain('data-price-check="unverified-prices"');
});
