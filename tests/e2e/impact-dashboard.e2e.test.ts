import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../content/demo/products.ts';
import { createEventStore, newBootId, type EventClock } from '../../db/events.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import type { EventPayload, EventType } from '../../contract/events.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { createPusher, type Pusher } from '../../service/sync/pusher.ts';
import { kioskDay, newKiosk, seeded } from '../analytics/generator.ts';
import { admin, publishDemoContent } from '../analytics/content.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, enrol, pendingCount, startTestPlatform, tempDir, waitFor } from '../sync/helpers.ts';

if (!hasChromium() && process.env.CI === 'true') throw new Error('the impact dashboard e2e needs /usr/bin/chromium in CI');

const FROM = '2026-11-02';
const TO = '2026-11-08';
const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots/analytics');

/** A simulated kiosk: its own SQLite database and event store (clock set to each simulated moment) and the real pusher. */
interface SimKiosk { db: Db; pusher: Pusher }

async function simulateKiosk(dir: string, platformUrl: string, i: number): Promise<SimKiosk> {
  const { db, identity } = openDatabase(path.join(dir, `kiosk-${i}.sqlite`));
  let at = new Date(`${FROM}T00:00:00Z`);
  const clock: EventClock = { now: () => at, monoMs: () => performance.now() };
  const events = createEventStore(db, { ...identity, bootId: newBootId(), clock });
  const rng = seeded(1000 + i);
  const sim = newKiosk(rng, `sim-${i}`);
  for (let d = 0; Date.parse(`${FROM}T00:00:00Z`) + d * 86_400_000 <= Date.parse(`${TO}T00:00:00Z`); d++) {
    const day = new Date(Date.parse(`${FROM}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    db.transaction(() => {
      kioskDay(sim, rng, day, 60, (_k, env) => {
        at = new Date(env.deviceTime);
        events.append(env.type as EventType, env.payload as EventPayload<EventType>);
      });
    })();
  }
  const creds = await enrol(platformUrl, identity.installId);
  const pusher = createPusher({ db, installId: identity.installId, baseUrl: platformUrl, getCredentials: () => Promise.resolve(creds), batchSize: 200, idlePollMs: 100 });
  pusher.start();
  return { db, pusher };
}

/** Sales (paid orders + counter) per county, straight from the platform's raw events with SQL; counties from the demo catalogue. */
function countySalesBySql(db: Database.Database): Map<string, number> {
  const day = `date(json_extract(e.envelope, '$.deviceTime'), json_extract(e.envelope, '$.tzOffset') || ' minutes')`;
  const rows = db.prepare(`
    SELECT p, sum(f) AS fen FROM (
      SELECT json_extract(l.value, '$.productId') AS p, json_extract(l.value, '$.lineTotalFen') AS f
        FROM events e, json_each(e.envelope, '$.payload.lines') l WHERE e.type = 'sale.completed' AND ${day} BETWEEN ? AND ?
      UNION ALL
      SELECT json_extract(l.value, '$.productId'), json_extract(l.value, '$.lineTotalFen')
        FROM events pay JOIN events e ON e.type = 'order.created' AND e.kiosk_id = pay.kiosk_id
          AND json_extract(e.envelope, '$.payload.orderId') = json_extract(pay.envelope, '$.payload.orderId'),
          json_each(e.envelope, '$.payload.lines') l
        WHERE pay.type = 'order.state' AND json_extract(pay.envelope, '$.payload.action') = 'pay'
          AND date(json_extract(pay.envelope, '$.deviceTime'), json_extract(pay.envelope, '$.tzOffset') || ' minutes') BETWEEN ? AND ?
    ) GROUP BY p`).all(FROM, TO, FROM, TO) as Array<{ p: string; fen: number }>;
  const county = new Map(DEMO_PRODUCTS.map((e) => [e.product.id, e.product.origin.county['zh-CN']]));
  const out = new Map<string, number>();
  for (const r of rows) {
    const c = county.get(r.p) ?? '未知(内容中没有)';
    out.set(c, (out.get(c) ?? 0) + r.fen);
  }
  return out;
}

const fenOf = (text: string) => Math.round(Number(text.replace(/[¥,\s]/g, '')) * 100);
/** Counties that had lifts but no sale show a 0 row; SQL over sales has no row for them. */
const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0));

describe.skipIf(!hasChromium())('impact dashboard (/analytics) on data from simulated kiosks', () => {
  const tmp = tempDir('impact-e2e');
  let platform: RunningPlatform;
  let kiosks: SimKiosk[] = [];
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startTestPlatform(path.join(tmp.dir, 'platform'));
    await publishDemoContent(platform.url, tmp.dir);
    kiosks = await Promise.all([0, 1, 2].map((i) => simulateKiosk(tmp.dir, platform.url, i)));
    await waitFor(() => kiosks.every((k) => pendingCount(k.db) === 0), 60_000, 'every kiosk event pushed');
    const res = await fetch(`${platform.url}/v1/admin/analytics/rollup`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ settleMs: 0 }) });
    expect(res.status).toBe(200);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    // Automation's way in (issue 11): the admin token as a Bearer header on every request of the page.
    await context.setExtraHTTPHeaders({ authorization: `Bearer ${ADMIN_TOKEN}` });
    page = await context.newPage();
  }, 120_000);

  afterAll(() =>
    teardown([
      ['browser', () => browser?.close()],
      ['pushers', () => Promise.all(kiosks.map((k) => k.pusher.stop()))],
      ['kiosk dbs', () => kiosks.forEach((k) => k.db.close())],
      ['platform', () => platform?.close()],
      ['temp dir', () => tmp.cleanup()],
    ]),
  );

  it('shows county sales in the table, the chart and the CSV export that equal SQL over the raw events', async () => {
    const db = await platform.deps.store.database();
    if (db.kind !== 'sqlite') throw new Error('this e2e runs on the SQLite store');
    const want = countySalesBySql(db.db);
    expect(want.size).toBeGreaterThan(3);
    await page.goto(`${platform.url}/analytics?from=${FROM}&to=${TO}&period=day`);
    await page.waitForSelector('body[data-charts-ready="5"]');
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'impact-top.png') });
    await page.locator('div.grid:has([data-chart])').screenshot({ path: path.join(SHOTS, 'impact-charts.png') });
    await page.locator('#units').screenshot({ path: path.join(SHOTS, 'impact-units.png') });
    await page.locator('#unsold').screenshot({ path: path.join(SHOTS, 'impact-unsold.png') });

    const keys = await page.locator('#by-county tbody [data-field=key]').allTextContents();
    const sales = await page.locator('#by-county tbody [data-field=sales]').allTextContents();
    expect(nonZero(new Map(keys.map((k, i) => [k, fenOf(sales[i] ?? '')])))).toEqual(want);

    const chart = await page.evaluate(() => {
      const c = (globalThis as unknown as { __charts: Record<string, { getOption(): { xAxis: Array<{ data: string[] }>; series: Array<{ data: number[] }> } }> }).__charts.county;
      const o = c?.getOption();
      return { labels: o?.xAxis[0]?.data ?? [], values: o?.series[0]?.data ?? [] };
    });
    expect(nonZero(new Map(chart.labels.map((l, i) => [l, Math.round((chart.values[i] ?? 0) * 100)])))).toEqual(want);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=county-csv]')]);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8').replace(/^\ufeff/, '').trim().split('\r\n').slice(1);
    expect(nonZero(new Map(csv.map((l) => [l.split(',')[0] ?? '', Math.round(Number(l.split(',')[1]) * 100)])))).toEqual(want);

    const total = [...want.values()].reduce((a, b) => a + b, 0);
    expect(fenOf((await page.textContent('[data-total=sales]')) ?? '')).toBe(total);

    // Nothing overflows the page sideways.
    const widths = await page.evaluate(() => {
      const g = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
      return { scroll: g.document.documentElement.scrollWidth, inner: g.innerWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  });

  it('renders the weekly digest and refuses a bad query with a readable page', async () => {
    await page.goto(`${platform.url}/analytics/digest?to=${TO}`);
    expect(await page.textContent('h1')).toContain('滞销监测预警周报 2026-W45');
    await page.screenshot({ path: path.join(SHOTS, 'digest.png'), fullPage: true });
    const res = await page.goto(`${platform.url}/analytics?from=${TO}&to=${FROM}`);
    expect(res?.status()).toBe(400);
    expect(await page.textContent('.error')).toContain('is after to');
  });
});
