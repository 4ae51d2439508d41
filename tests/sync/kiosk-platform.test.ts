import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_TOKEN, startTestPlatform, tempDir, waitFor } from './helpers.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { startTestKiosk, watchSnapshots, type ScreenWatch } from '../support/kiosk-in-process.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { teardown } from '../support/teardown.ts';

/**
 * The kiosk service with its real platform link against the reference platform: events flow
 * up, and a newly published package reaches the shopper screen without a restart — but never
 * under a shopper who is holding a product.
 */
let platformDir: ReturnType<typeof tempDir>;
let platform: RunningPlatform;
let t: Awaited<ReturnType<typeof startTestKiosk>>;
let screen: ScreenWatch;

async function adminPost(pathname: string, body: unknown): Promise<Response> {
  return fetch(`${platform.url}${pathname}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The demo package re-published as `version` with the first product renamed. */
async function publishDemo(version: number, name: string): Promise<void> {
  const dir = path.join(platformDir.dir, `pkg-${version}`);
  await buildDemoPackage(dir);
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; products: Array<{ name: Record<string, string> }> };
  manifest.version = version;
  manifest.products[0]!.name['zh-CN'] = name;
  fs.writeFileSync(file, JSON.stringify(manifest));
  const res = await adminPost('/v1/admin/content/publish', { dir });
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  platformDir = tempDir('kiosk-platform');
  platform = await startTestPlatform(path.join(platformDir.dir, 'platform'));
  const codeRes = await adminPost('/v1/admin/enrolment-codes', { ttlMinutes: 10, uses: 1 });
  const { code } = (await codeRes.json()) as { code: string };
  t = await startTestKiosk({ platformUrl: platform.url, enrolCode: code, platformKeys: [platform.deps.key.publicKey.spki] });
  screen = await watchSnapshots(t.kiosk);
}, 60_000);

afterAll(() =>
  teardown([
    ['screen socket', () => screen?.close()],
    ['kiosk', () => t?.stop()],
    ['platform', () => platform?.close()],
    ['temp dir', () => platformDir?.cleanup()],
  ]),
);

const latestVersion = () => screen.snapshots.at(-1)?.content?.version;

describe('kiosk ⇄ reference platform', () => {
  it('enrols at first start and pushes shelf events until the outbox is empty', async () => {
    expect(t.kiosk.link.status().enrolled).toBe(true);
    const sim = t.kiosk.hardware.sim!;
    await sim.act({ action: 'lift', channel: 0 });
    await sim.act({ action: 'put', channel: 0 });
    await waitFor(() => (t.kiosk.db.prepare("SELECT COUNT(*) FROM events WHERE type IN ('shelf.lift', 'shelf.put')").pluck().get() as number) >= 2, 10_000, 'lift and put recorded');
    await waitFor(() => (t.kiosk.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number) === 0, 20_000, 'outbox drained');
    const held = await platform.deps.store.eventHashes();
    const ids = t.kiosk.db.prepare('SELECT id FROM events').pluck().all() as string[];
    for (const id of ids) expect(held.has(id), id).toBe(true);
    const ledger = t.kiosk.link.status().ledger;
    expect(ledger.unsent.money.count + ledger.unsent.stock.count + ledger.unsent.analytics.count).toBe(0);
  });

  it('shows a newly published package on the shopper screen without a restart', async () => {
    await publishDemo(2, '新版毛坝莓茶');
    await t.kiosk.link.checkContentNow();
    await waitFor(() => latestVersion() === 2, 20_000, 'content v2 on screen');
    expect(screen.snapshots.at(-1)?.content?.products[0]?.name['zh-CN']).toBe('新版毛坝莓茶');
    expect(t.kiosk.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'content.activated'").pluck().get()).toBe(1);
  });

  it('waits for the shopper to put the product back before switching content', async () => {
    const sim = t.kiosk.hardware.sim!;
    await sim.act({ action: 'lift', channel: 1 });
    await waitFor(() => t.kiosk.session.isActive(), 5000, 'lift seen');
    await publishDemo(3, '第三版');
    await t.kiosk.link.checkContentNow();
    expect(t.kiosk.link.status().pendingContentVersion).toBe(3);
    expect(latestVersion()).toBe(2);
    await sim.act({ action: 'put', channel: 1 });
    await waitFor(() => latestVersion() === 3, 10_000, 'content v3 after the put');
  });
});
