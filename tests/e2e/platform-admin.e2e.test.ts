import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductSchema } from '../../contract/content.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { buildImportSheet } from '../support/catalogue-sheet.ts';
import { TEST_PASSWORD } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from '../sync/helpers.ts';

// Test runs write to test-results/ (ignored); `KIOSK_DOC_SCREENSHOTS=1` refreshes the ones in docs/.
const OUT = path.resolve(import.meta.dirname, process.env.KIOSK_DOC_SCREENSHOTS === '1' ? '../../docs/screenshots/platform' : '../../test-results/screenshots/platform');

/** A page on another origin that tries to use the administrator's session. */
function startEvilSite(platformUrl: string): Promise<{ server: Server; port: number }> {
  const pages: Record<string, string> = {
    '/csrf': `<!doctype html><form id="f" method="post" action="${platformUrl}/accounts">
<input name="username" value="mallory"><input name="displayName" value="m"><input name="roles" value="fleet-admin">
<input name="password" value="mallory password 1"></form><script>document.getElementById('f').submit()</script>`,
    '/frame': `<!doctype html><iframe id="victim" src="${platformUrl}/accounts" width="800" height="600"></iframe>`,
  };
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(pages[req.url ?? ''] ?? 'nothing');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describe.skipIf(!hasChromium())('platform administration in a browser', () => {
  const t = tempDir('platform-admin-e2e');
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let evil: { server: Server; port: number };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    platform = await startTestPlatform(t.dir);
    evil = await startEvilSite(platform.url);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  }, 90_000);

  afterAll(() =>
    teardown([
      ['browser', () => browser?.close()],
      ['evil site', () => new Promise((r) => evil?.server.close(r))],
      ['platform', () => platform?.close()],
      ['temp dir', () => t.cleanup()],
    ]),
  );

  it('creates the first account with the admin token, then adds an editor on the Accounts page', async () => {
    await page.goto(`${platform.url}/`);
    await page.waitForURL(/\/login/);
    await page.screenshot({ path: path.join(OUT, 'login.png') });
    await Promise.all([page.waitForURL(/\/setup$/), page.click('#first-setup a')]);
    await page.fill('input[name=token]', ADMIN_TOKEN);
    await page.fill('input[name=username]', 'chen.li');
    await page.fill('input[name=displayName]', '陈丽（管理员）');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.fill('input[name=password2]', TEST_PASSWORD);
    await page.screenshot({ path: path.join(OUT, 'setup.png') });
    await Promise.all([page.waitForURL(`${platform.url}/`), page.click('#create')]);
    expect(await page.locator('[data-signed-in]').getAttribute('data-signed-in')).toBe('chen.li');
    await page.goto(`${platform.url}/accounts`);
    const add = page.locator('#new-account');
    await add.locator('input[name=username]').fill('wang.fang');
    await add.locator('input[name=displayName]').fill('王芳（编辑）');
    await add.locator('input[name=password]').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${platform.url}/accounts`), add.locator('button').click()]);
    await expect.poll(() => page.locator('tr[data-account="wang.fang"]').count()).toBe(1);
    await page.screenshot({ path: path.join(OUT, 'accounts.png'), fullPage: true });
    expect((await platform.deps.store.getAccountByUsername('wang.fang'))?.roles).toEqual(['editor']);
  });

  it('refuses a form posted by another origin with the signed-in session', async () => {
    const evilPage = await context.newPage();
    const answered = evilPage.waitForResponse((r) => r.url() === `${platform.url}/accounts` && r.request().method() === 'POST');
    await evilPage.goto(`http://127.0.0.1:${evil.port}/csrf`);
    expect((await answered).status()).toBe(403);
    expect(await platform.deps.store.getAccountByUsername('mallory')).toBeNull();
    // Cross-site (localhost is another site than 127.0.0.1): SameSite=Strict keeps the cookie home.
    const crossSite = evilPage.waitForResponse((r) => r.url() === `${platform.url}/accounts` && r.request().method() === 'POST');
    await evilPage.goto(`http://localhost:${evil.port}/csrf`);
    expect((await crossSite).request().headers().cookie).toBeUndefined();
    expect(await platform.deps.store.getAccountByUsername('mallory')).toBeNull();
    await evilPage.close();
  });

  it('cannot be framed by another page', async () => {
    const evilPage = await context.newPage();
    const framed = evilPage.waitForResponse((r) => r.url() === `${platform.url}/accounts`);
    await evilPage.goto(`http://127.0.0.1:${evil.port}/frame`);
    const res = await framed;
    expect(res.headers()['x-frame-options']).toBe('DENY');
    expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    // The browser shows its own error instead of the page: nothing of the platform is in the frame.
    await expect.poll(() => evilPage.frames().find((f) => f !== evilPage.mainFrame())?.url()).not.toBe(`${platform.url}/accounts`);
    const frame = evilPage.frames().find((f) => f !== evilPage.mainFrame());
    expect(await frame?.locator('#accounts').count().catch(() => 0)).toBe(0);
    await evilPage.close();
  });

  it('imports a spreadsheet with a progress bar and its dry-run report, applies and publishes it', async () => {
    const demo = path.join(t.dir, 'demo');
    await buildDemoPackage(demo);
    const seeded = await fetch(`${platform.url}/v1/admin/catalogue/seed`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ dir: demo }) });
    expect(seeded.status).toBe(200);
    const sheet = await buildImportSheet((await platform.deps.store.catalogueProducts()).map((r) => ProductSchema.parse(JSON.parse(r.doc))));
    await page.goto(`${platform.url}/catalogue`);
    await page.setInputFiles('#file', { name: 'catalogue.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet.xlsx });
    await page.click('#upload button');
    await expect.poll(() => page.locator('#state').innerText(), { timeout: 60_000 }).toMatch(/^ready — 1000 \/ 1000 rows/);
    expect(await page.locator('#counts').innerText()).toBe(`new ${sheet.counts.new}, changed 1, unchanged ${sheet.counts.unchanged}, invalid ${sheet.counts.invalid}`);
    expect(await page.locator('#report tr[data-status=invalid]').count()).toBe(sheet.counts.invalid);
    await page.screenshot({ path: path.join(OUT, 'catalogue-import.png'), fullPage: false });
    await page.click('#apply');
    await expect.poll(() => page.locator('#state').innerText()).toMatch(/^applied/);
    await page.click('#publish button');
    await expect.poll(() => page.locator('#published').innerText()).toBe(`published version 2 (${27 + sheet.counts.new} products)`);
  });

  it('signs out', async () => {
    await Promise.all([page.waitForURL(/\/login$/), page.click('#logout')]);
    await page.goto(`${platform.url}/accounts`);
    await page.waitForURL(/\/login\?next=/);
  });
});
