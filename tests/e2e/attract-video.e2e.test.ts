import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { E2E_READY, openKioskPage, type KioskPage } from '../support/e2e.ts';
import { buildDemoPlus, makeTempDir, sideloadEnv } from '../support/shopper-content.ts';
import { teardown } from '../support/teardown.ts';

/** A real 1.5 s VP8 WebM, recorded from a canvas by Chromium's MediaRecorder (nothing downloaded). */
async function recordWebm(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      document: { createElement(t: 'canvas'): { width: number; height: number; getContext(k: '2d'): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void }; captureStream(fps: number): unknown } };
      MediaRecorder: new (s: unknown, o: { mimeType: string }) => { ondataavailable: (e: { data: Blob }) => void; onstop: () => void; start(): void; stop(): void };
    };
    const canvas = g.document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const ctx = canvas.getContext('2d');
    const recorder = new g.MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise<void>((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let f = 0; f < 22; f++) {
      ctx.fillStyle = `hsl(${f * 15}, 55%, 45%)`;
      ctx.fillRect(0, 0, 320, 180);
      await new Promise((r) => setTimeout(r, 66));
    }
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}

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
