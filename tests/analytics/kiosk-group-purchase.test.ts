import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImpactReport } from '../../platform/analytics/impact.ts';
import { todayOf } from '../../platform/analytics/params.ts';
import { addDays } from '../../platform/analytics/periods.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { startTestKiosk } from '../support/kiosk-in-process.ts';
import { apiClient, lineFor, saleBody } from '../support/sales.ts';
import { loginAs } from '../support/staff-login.ts';
import { teardown } from '../support/teardown.ts';
import { enrolmentCode, startTestPlatform, tempDir, waitFor } from '../sync/helpers.ts';
import { admin, publishDemoContent } from './content.ts';

/** A counter group purchase on a real kiosk reaches the platform's group-purchase view (unit, kind, amount). */
const tmp = tempDir('kiosk-group-purchase');
let platform: RunningPlatform;
let t: Awaited<ReturnType<typeof startTestKiosk>>;

beforeAll(async () => {
  platform = await startTestPlatform(path.join(tmp.dir, 'platform'));
  await publishDemoContent(platform.url, tmp.dir);
  t = await startTestKiosk({ platformUrl: platform.url, enrolCode: await enrolmentCode(platform.url), platformKeys: [platform.deps.key.publicKey.spki] });
  // The kiosk sells from the package the platform's analytics knows (v2), not its built-in demo.
  await t.kiosk.link.checkContentNow();
  await waitFor(() => t.kiosk.catalogue.active()?.manifest.version === 2, 20_000, 'content v2 active');
}, 60_000);

afterAll(() =>
  teardown([
    ['kiosk', () => t?.stop()],
    ['platform', () => platform?.close()],
    ['temp dir', () => tmp.cleanup()],
  ]),
);

it('puts a counter sale for a unit into the platform’s group purchases, under the unit’s name and kind', async () => {
  const m = t.kiosk.catalogue.active()!.manifest;
  const staff = apiClient(t.kiosk.port, await loginAs(t.kiosk, 'staff'));
  const lines = [lineFor(m, 0, 4), lineFor(m, 2, 1)];
  const total = lines.reduce((a, l) => a + l.quantity * l.unitPriceFen, 0);
  const res = await staff('POST', '/api/sales', { ...saleBody(m, lines), buyer: { name: '盐田区教育局（示例）', kind: 'budget-unit' } });
  expect(res.status, res.body).toBe(201);
  await waitFor(() => (t.kiosk.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number) === 0, 20_000, 'outbox drained');
  const rollup = await fetch(`${platform.url}/v1/admin/analytics/rollup`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ settleMs: 0 }) });
  expect(rollup.status).toBe(200);
  const today = todayOf(Date.now());
  const impact = (await (await fetch(`${platform.url}/v1/admin/analytics/impact?from=${addDays(today, -1)}&to=${addDays(today, 1)}&period=day`, { headers: admin })).json()) as ImpactReport;
  expect(impact.units).toEqual([expect.objectContaining({ name: '盐田区教育局（示例）', kind: 'budget-unit', totalFen: total, unitId: expect.stringMatching(/^u-[0-9a-f]{24}$/) as unknown })]);
});
