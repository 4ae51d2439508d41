import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from './browser.ts';
import { startShelfRig, type ShelfRig, type ShelfRigOptions } from './shelf-rig.ts';
import { waitForLiveShell } from './shopper-page.ts';
import { teardown } from './teardown.ts';

const rendererBuilt = fs.existsSync(path.resolve(import.meta.dirname, '../../dist/renderer/index.html'));

/**
 * Whether the browser tests can run here: Debian Chromium and a built renderer. Missing
 * locally → the suites skip; missing in CI → this module throws, so CI never skips them.
 */
export const E2E_READY = hasChromium() && rendererBuilt;
if (!E2E_READY && process.env.CI === 'true') throw new Error('e2e needs /usr/bin/chromium and a built renderer (npm run build:renderer) in CI');

export interface KioskPage {
  rig: ShelfRig;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

/**
 * A shelf rig (pty simulator + service process) and Chromium showing the kiosk page at `viewport`,
 * signed in through the boot-code exchange and connected (`.shell[data-status=open]`).
 */
export async function openKioskPage(opts: { env?: Record<string, string>; rig?: ShelfRigOptions; viewport?: { width: number; height: number }; reducedMotion?: boolean; hasTouch?: boolean } = {}): Promise<KioskPage> {
  const [rig, browser] = await Promise.all([startShelfRig(opts.env ?? {}, opts.rig ?? {}), launchChromium()]);
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1080, height: 1920 }, hasTouch: opts.hasTouch ?? false });
  if (opts.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(await rig.service.bootUrl('/'));
  await waitForLiveShell(page);
  return {
    rig,
    browser,
    page,
    stop: () =>
      teardown([
        ['browser', () => browser.close()],
        ['shelf rig', () => rig.stop()],
      ]),
  };
}
