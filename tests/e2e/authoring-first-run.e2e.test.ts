import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../platform/server.ts';
import { AUTHORING_BUILT } from '../support/authoring.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { createAdminAccount, signInPage } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from '../sync/helpers.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** A new platform's first visit to the authoring app: an empty catalogue starts from the demo one, in one click. */
describe.skipIf(!hasChromium() || !AUTHORING_BUILT)('authoring app on a new platform', () => {
  const t = tempDir('authoring-first-run');
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform(t.dir);
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'wang.li', ['editor', 'publisher']);
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => teardown([['browser', () => browser?.close()], ['platform', () => platform?.close()], ['temp dir', () => t.cleanup()]]));

  it('offers the demo catalogue on an empty platform, loads it, and then lists its products', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInPage(page, platform.url, 'wang.li');
    await page.goto(`${platform.url}/author/`);
    await page.getByTestId('empty-catalogue').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'authoring-empty.png') });
    await page.getByTestId('seed-demo').click();
    await page.getByTestId('product-list').waitFor();
    await expect.poll(() => page.locator('[data-testid=product-list] tr[data-product-id]').count()).toBe(27);
    expect((await platform.deps.store.catalogueProducts()).length).toBe(27);
  });
});
