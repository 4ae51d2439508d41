import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { startPlatform, type RunningPlatform } from '../../platform/server.ts';
import { E2E_READY, openKioskPage, type KioskPage } from '../support/e2e.ts';
import { waitForLiveShell } from '../support/shopper-page.ts';
import { teardown } from '../support/teardown.ts';

const TOKEN = 'zone-e2e-admin-token-0123456789abcdef';
const CAMPAIGN = 'live-morning-tea';
/** 2026-12-01 (a Tuesday) in the hall's time, +08:00. */
const IN_WINDOW = Date.parse('2026-12-01T11:00:00+08:00');
const AFTER_WINDOW = Date.parse('2026-12-01T13:00:00+08:00');

/**
 * A campaign scheduled on the platform for the live-stream zone, 10:00–12:00, published as a
 * signed package to two real kiosks (service processes, Chromium): the live-stream kiosk plays
 * it in its attract loop at 11:00 by its own (injected) clock and not at 13:00; the brand-zone
 * kiosk never does. The live-stream schedule is announced on the live-stream kiosk.
 */
describe.skipIf(!E2E_READY)('campaigns per hall zone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-e2e-'));
  let platform: RunningPlatform;
  const kiosks: KioskPage[] = [];

  const api = async (method: string, p: string, body: unknown) => {
    const res = await fetch(`${platform.url}${p}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  async function kioskIn(zone: string): Promise<Page> {
    const { code } = (await api('POST', '/v1/admin/enrolment-codes', { uses: 1 })) as { code: string };
    const env = { KIOSK_ZONE: zone, KIOSK_PLATFORM_URL: platform.url, KIOSK_ENROL_CODE: code, KIOSK_PLATFORM_KEYS: platform.deps.key.publicKey.spki, KIOSK_IDLE_MS: '600000' };
    const k = await openKioskPage({ env, viewport: { width: 1080, height: 1920 } });
    kiosks.push(k);
    // The published package reaches the kiosk at start (enrol, then the first content check).
    await expect.poll(() => k.page.locator('[data-testid="attract"]').getAttribute('data-zone'), { timeout: 30_000 }).toBe(zone);
    const version = () => k.page.evaluate(async () => ((await (await fetch('/api/status')).json()) as { contentVersion: number | null }).contentVersion);
    await expect.poll(version, { timeout: 30_000 }).toBe(2);
    return k.page;
  }

  /** Sets the page's clock (Date) to `at` and reloads, so the attract loop reads its schedules at that time. */
  async function at(page: Page, time: number): Promise<string[]> {
    await page.clock.setFixedTime(time);
    await page.reload();
    await waitForLiveShell(page);
    const slides = (await page.locator('[data-testid="attract"]').getAttribute('data-slides')) ?? '';
    return slides.split(' ');
  }

  beforeAll(async () => {
    platform = await startPlatform({ dataDir: path.join(dir, 'platform'), adminToken: TOKEN });
    await buildDemoPackage(path.join(dir, 'demo'));
    await api('POST', '/v1/admin/catalogue/seed', { dir: path.join(dir, 'demo') });
    const current = (await (await fetch(`${platform.url}/v1/admin/catalogue/campaigns`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { campaigns: Array<{ image?: string }> };
    const campaign = {
      id: CAMPAIGN,
      title: { 'zh-CN': '直播间 · 永顺莓茶上午专场', en: 'Live room: Yongshun vine tea morning special' },
      text: { 'zh-CN': '演示内容：每天 10:00–12:00 在直播区播放。', en: 'Demo: plays 10:00–12:00 in the live-stream zone.' },
      ...(current.campaigns[0]?.image ? { image: current.campaigns[0].image } : {}),
      featuredProductIds: ['maoba-vine-tea'],
      source: { kind: 'demo' },
      zones: ['live-stream'],
      schedule: { from: '10:00', to: '12:00' },
    };
    const stream = { id: 'tea-live', title: { 'zh-CN': '莓茶直播（演示）', en: 'Vine tea live (demo)' }, startsAt: '2026-12-01T10:00:00+08:00', endsAt: '2026-12-01T12:00:00+08:00', zones: ['live-stream'] };
    await api('PUT', '/v1/admin/catalogue/campaigns', { campaigns: [...current.campaigns, campaign], liveStreams: [stream] });
    const published = await api('POST', '/v1/admin/catalogue/publish', { target: { kind: 'all' } });
    expect(published.version).toBe(2);
  }, 60_000);

  afterAll(() =>
    teardown([
      ...kiosks.map((k, i) => [`kiosk ${i}`, () => k.stop()] as const),
      ['platform', () => platform?.close()],
      ['temp dir', () => fs.rmSync(dir, { recursive: true, force: true })],
    ]),
  );

  it('plays in the live-stream zone at its time, not after it, and never in the brand zone', async () => {
    const live = await kioskIn('live-stream');
    await expect.poll(async () => (await at(live, IN_WINDOW)).includes(CAMPAIGN), { timeout: 30_000 }).toBe(true);
    expect(await live.getByTestId('live-banner').getAttribute('data-live')).toBe('1');
    await live.screenshot({ path: path.resolve(import.meta.dirname, '../../test-results/screenshots/zone-live-stream-11h.png') });
    expect(await at(live, AFTER_WINDOW)).not.toContain(CAMPAIGN);
    expect(await live.getByTestId('live-banner').count()).toBe(0);

    const brand = await kioskIn('brand');
    const slides = await at(brand, IN_WINDOW);
    expect(slides).not.toContain(CAMPAIGN);
    expect(slides.length).toBeGreaterThan(0);
    expect(await brand.getByTestId('live-banner').count()).toBe(0);
  });
});
