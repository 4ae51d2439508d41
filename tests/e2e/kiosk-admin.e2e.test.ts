import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildPackage } from '../../content/build-package.ts';
import { demoManifestInput } from '../../content/build-demo.ts';
import { E2E_READY, openKioskPage, type KioskPage } from '../support/e2e.ts';
import { signPackage, testSigningKey } from '../support/signing.ts';
import { firstSetupInPage } from '../support/staff-login.ts';
import { prepareStaffShots, shootStaffScreen, STAFF_VIEWS, switchLocale } from '../support/staff-shots.ts';
import { teardown } from '../support/teardown.ts';

const PIN = '528164';
const key = testSigningKey();

/** The admin's kiosk screens (issue 11): settings, a package installed from a folder with its progress, rollback, the attract preview. */
describe.skipIf(!E2E_READY)('kiosk admin screens', () => {
  let kiosk: KioskPage;
  let page: Page;
  const overflow: string[] = [];

  async function shootAll(screen: string): Promise<void> {
    await shootStaffScreen(page, screen, overflow);
    await switchLocale(page, 'zh-CN');
  }

  beforeAll(async () => {
    prepareStaffShots();
    kiosk = await openKioskPage({ env: { KIOSK_STAFF_IDLE_MS: '600000', KIOSK_IDLE_MS: '600000', KIOSK_PLATFORM_KEYS: key.publicKey.spki }, viewport: STAFF_VIEWS[0].viewport });
    page = kiosk.page;
  }, 90_000);

  afterAll(() => teardown([['kiosk page', () => kiosk?.stop()]]));

  it('sets up the first account as an admin and changes kiosk settings', async () => {
    await firstSetupInPage(page, PIN);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('screen-settings').waitFor();
    await page.locator('[data-testid="set-zone"] [data-value="live-stream"]').click();
    await page.locator('[data-testid="set-zone"] [data-value="live-stream"].is-selected').waitFor();
    await expect.poll(() => page.getByTestId('msg-ok').count()).toBe(1);
    await shootAll('admin-settings');
  });

  it('installs a signed package from a folder with a progress bar, refuses a damaged one, and rolls back', async () => {
    const { input, mediaFiles } = demoManifestInput();
    const good = path.join(kiosk.rig.dataDir, 'usb', 'good');
    const products = input.products.map((p, i) => (i === 0 ? { ...p, name: { ...p.name, 'zh-CN': '（U 盘版）' + p.name['zh-CN'] } } : p));
    await buildPackage({ ...input, version: 2, products }, mediaFiles, good);
    signPackage(good, key);
    const bad = path.join(kiosk.rig.dataDir, 'usb', 'bad');
    await buildPackage({ ...input, version: 3 }, mediaFiles, bad);
    signPackage(bad, key);
    const victim = fs.readdirSync(path.join(bad, 'media'))[0] ?? '';
    fs.truncateSync(path.join(bad, 'media', victim), 5);

    await page.getByTestId('nav-content').click();
    await page.getByTestId('install-path').fill(bad);
    await page.getByTestId('install').click();
    await page.locator('[data-testid="install-progress"][data-state="failed"]').waitFor();
    expect(await page.getByTestId('msg-error').textContent()).toContain('媒体文件大小不符');
    await page.getByTestId('install-path').fill(good);
    await page.getByTestId('install').click();
    await page.locator('[data-testid="install-progress"][data-state="done"]').waitFor();
    await expect.poll(() => page.getByTestId('content-versions').textContent()).toContain('当前版本 2');
    await page.getByTestId('attract-preview').locator('[data-testid="attract"]').waitFor();
    await shootAll('admin-content');
    await page.getByTestId('rollback').click();
    await expect.poll(() => page.getByTestId('content-versions').textContent()).toContain('当前版本 1');
    expect(overflow).toEqual([]);
  });
});
