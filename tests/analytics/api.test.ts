import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../platform/analytics/impact.ts';
import type { UnsoldReport } from '../../platform/analytics/unsold.ts';
import type { FunnelReport } from '../../platform/analytics/funnel.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { startTestPlatform, tempDir } from '../sync/helpers.ts';
import { admin, publishDemoContent } from './content.ts';
import { independent, ingestGenerated } from './fixture.ts';
import { SLOW } from './generator.ts';

const RANGE = 'from=2026-09-01&to=2026-10-31';

describe('analytics API, exports and digest', () => {
  const tmp = tempDir('analytics-api');
  let platform: RunningPlatform;
  const get = (path: string, headers: Record<string, string> = admin) => fetch(`${platform.url}${path}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    platform = await startTestPlatform(tmp.dir);
    await publishDemoContent(platform.url, tmp.dir);
    await ingestGenerated(platform.deps.store, { kiosks: 3, days: 40, start: '2026-09-20', seed: 7, mean: 30 });
    const res = await fetch(`${platform.url}/v1/admin/analytics/rollup`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ settleMs: 0 }) });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await platform.close();
    tmp.cleanup();
  });

  it('reports sales by county and pairing that equal SQL over the raw events', async () => {
    const impact = (await (await get(`/v1/admin/analytics/impact?${RANGE}&period=month`)).json()) as ImpactReport;
    const want = (await independent(platform.deps.store)).byKey;
    let sales = 0;
    for (const [key, f] of want) {
      const day = key.split('|')[1] ?? '';
      if (day >= '2026-09-01' && day <= '2026-10-31') sales += (f.paid_fen ?? 0) + (f.counter_fen ?? 0);
    }
    expect(impact.totals.salesFen).toBe(sales);
    expect(impact.byCounty.reduce((a, r) => a + r.salesFen, 0)).toBe(sales);
    expect(impact.byPeriod.map((r) => r.key)).toEqual(['2026-09', '2026-10']);
    expect(impact.contentVersion).toBe(2);
    const dongyuan = impact.byPairing.find((p) => p.key.startsWith('盐田区 → 河源市东源县'));
    expect(dongyuan?.households).toBe(4230);
    expect(impact.units.length).toBeGreaterThan(0);
    for (const u of impact.units) expect(u.share).toBeCloseTo(u.assistanceFen / u.totalFen, 9);
  });

  it('exports the same numbers as CSV and XLSX', async () => {
    const impact = (await (await get(`/v1/admin/analytics/impact?${RANGE}`)).json()) as ImpactReport;
    const csv = await (await get(`/analytics/export.csv?table=county&${RANGE}`)).text();
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('销售额(元)');
    const csvTotal = lines.slice(1).reduce((a, l) => a + Math.round(Number(l.split(',')[1]) * 100), 0);
    expect(csvTotal).toBe(impact.totals.salesFen);
    const res = await get(`/analytics/export.xlsx?table=county&${RANGE}`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    let xlsxTotal = 0;
    ws?.eachRow((row, n) => {
      if (n > 2) xlsxTotal += Math.round(Number(row.getCell(2).value) * 100);
    });
    expect(xlsxTotal).toBe(impact.totals.salesFen);
  });

  it('warns about the slow sellers and writes a weekly digest', async () => {
    const unsold = (await (await get('/v1/admin/analytics/unsold?to=2026-10-28&minLifts=10')).json()) as UnsoldReport;
    const warned = new Set(unsold.rows.filter((r) => r.reasons.includes('low-conversion')).map((r) => r.productId));
    for (const id of SLOW) expect(warned.has(id), id).toBe(true);
    for (const r of unsold.rows) expect(r.weekly).toHaveLength(8);
    const text = await (await get('/analytics/digest.txt?to=2026-10-28&minLifts=10')).text();
    expect(text).toContain('滞销监测预警周报 2026-W44');
    const html = await (await get('/analytics/digest?to=2026-10-28')).text();
    expect(html).toContain('<table id="unsold">');
  });

  it('reports the funnel per product and campaign', async () => {
    const f = (await (await get(`/v1/admin/analytics/funnel?${RANGE}`)).json()) as FunnelReport;
    for (const r of f.byProduct) {
      expect(r.qrShown).toBeLessThanOrEqual(r.lifts);
      expect(r.paid).toBeLessThanOrEqual(r.orders);
    }
    expect(f.byCampaign.find((c) => c.key === 'consumption-month-2020')?.lifts).toBeGreaterThan(0);
  });

  it('refuses bad queries with a clear error and strangers with 401', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/admin/analytics/impact?from=2026-13-01', 'from: not a calendar day'],
      ['/v1/admin/analytics/impact?from=2026-10-01&to=2026-09-01', 'is after to'],
      ['/v1/admin/analytics/impact?period=year', 'period'],
      ['/v1/admin/analytics/impact?colour=red', 'unknown parameter(s): colour'],
      ['/v1/admin/analytics/impact?from=2020-01-01&to=2026-01-01', 'at most'],
      ['/v1/admin/analytics/unsold?minSellThrough=2', 'minSellThrough'],
      ['/v1/admin/analytics/unsold?windowDays=abc', 'windowDays'],
      ['/analytics/export.csv?table=secrets', 'table'],
      ['/analytics/export.csv', 'table'],
      ['/v1/admin/analytics/funnel?kiosk=%3Cscript%3E', 'kiosk'],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad-query');
      expect(body.error.message, path).toContain(message);
    }
    expect((await get('/v1/admin/analytics/impact', {})).status).toBe(401);
    expect((await get('/analytics/export.csv?table=county', {})).status).toBe(303);
    const badPost = await fetch(`${platform.url}/v1/admin/analytics/rollup`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ settleMs: -1 }) });
    expect(badPost.status).toBe(400);
  });
});
