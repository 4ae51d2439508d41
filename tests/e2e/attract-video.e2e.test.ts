import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { launchChromium } from '../support/browser.ts';
import { recordWebm } from '../support/record-webm.ts';
import { E2E_READY, openKioskPage, type KioskPage } from '../support/e2e.ts';
import { buildDemoPlus, makeTempDir, sideloadEnv } from '../support/shopper-content.ts';
import { teardown } from '../support/teardown.ts';

describe.skipIf(!E2E_READY)('attract loop with a campaign video', () => {
  let kiosk: KioskPage;
  let pkgDir: string;

  beforeAll(async () => {
    const browser = await launchChromium();
    const video = await recordWebm(await browser.newPage());
    await browser.close();
    pkgDir = makeTempDir('kiosk-video-pkg-');
    await buildDemoPlus(pkgDir, { version: 2, products: [], firstCampaignVideo: video });
    kiosk = await openKioskPage({ env: { ...sideloadEnv(pkgDir) }, viewport: { width: 1920, height: 1080 } });
  }, 90_000);

  afterAll(() =>
    teardown([
      ['kiosk page', () => kiosk?.stop()],
      ['content package', () => pkgDir && fs.rmSync(pkgDir, { recursive: true, force: true })],
    ]),
  );

  it('plays the campaign video muted and looping on the attract screen, served with its type', async () => {
    const video = kiosk.page.getByTestId('campaign-video').first();
    await video.waitFor({ timeout: 20_000 });
    const state = () => video.evaluate((el) => {
      const v = el as unknown as { readyState: number; paused: boolean; muted: boolean; loop: boolean; currentTime: number };
      return { ready: v.readyState >= 2, paused: v.paused, muted: v.muted, loop: v.loop, t: v.currentTime };
    });
    // Asserted once reached, not at one instant: a loaded machine can show the element
    // decoded (readyState ≥ 2) a moment before its autoplay has started.
    await expect.poll(async () => { const s = await state(); return s.ready && !s.paused; }, { timeout: 20_000 }).toBe(true);
    const first = await state();
    expect(first).toMatchObject({ muted: true, loop: true, paused: false });
    await expect.poll(async () => (await state()).t !== first.t, { timeout: 10_000 }).toBe(true);
  });
});
