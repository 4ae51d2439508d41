import { createServer, type Server } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthoringCatalogue } from '../../contract/authoring.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { AUTHORING_BUILT, openAuthoringPage, pageOverflow, readAuthoringCatalogue } from '../support/authoring.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { E2E_READY, openKioskPage, type KioskPage } from '../support/e2e.ts';
import { createAdminAccount, seedDemoCatalogue, signIn, signInPage } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from '../sync/helpers.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const EDITOR = 'li.na';

/** Another origin (another 127.0.0.1 port: same site, so the session cookie goes along) that frames the authoring pages and posts to them. */
function startEvilSite(platformUrl: string): Promise<{ server: Server; url: string }> {
  const pages: Record<string, string> = {
    '/frames': `<!doctype html><iframe id="app" src="${platformUrl}/author/" width="900" height="500"></iframe>
<iframe id="preview" src="${platformUrl}/author/preview.html" width="540" height="960"></iframe>`,
    '/post': `<!doctype html><form id="f" method="post" enctype="text/plain" action="${platformUrl}/v1/admin/media?name=evil.png"><input name="x" value="y"></form>
<script>document.getElementById('f').submit()</script>`,
  };
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(pages[req.url ?? ''] ?? 'nothing');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** The bits of the page's DOM these checks read (the tests compile without the DOM library). */
interface PageDoc {
  document: { getElementById(id: string): unknown };
}

/** Whether the frame shows the platform's page (a frame blocked by X-Frame-Options/CSP holds Chromium's error page). */
async function showsPlatformPage(frame: Frame | undefined, platformUrl: string): Promise<boolean> {
  if (frame === undefined || !frame.url().startsWith(platformUrl)) return false;
  return frame.evaluate(() => (globalThis as unknown as PageDoc).document.getElementById('root') !== null).catch(() => false);
}

describe.skipIf(!hasChromium() || !AUTHORING_BUILT || !E2E_READY)('authoring app in Chromium (issue 11)', () => {
  const t = tempDir('authoring-e2e');
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let evil: { server: Server; url: string };
  let product: AuthoringCatalogue['products'][number];
  /** A real kiosk (service process on a pty shelf, Chromium) enrolled with this platform. */
  let kiosk: KioskPage;

  const catalogue = () => readAuthoringCatalogue(platform.url, { authorization: `Bearer ${ADMIN_TOKEN}` });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    platform = await startTestPlatform(t.dir);
    await seedDemoCatalogue(platform.url, ADMIN_TOKEN, path.join(t.dir, 'demo'));
    await createAdminAccount(platform.url, ADMIN_TOKEN, EDITOR, ['editor', 'publisher']);
    const enrol = await fetch(`${platform.url}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ uses: 1 }) });
    const { code } = (await enrol.json()) as { code: string };
    const env = { KIOSK_PLATFORM_URL: platform.url, KIOSK_ENROL_CODE: code, KIOSK_PLATFORM_KEYS: platform.deps.key.publicKey.spki, KIOSK_IDLE_MS: '600000' };
    kiosk = await openKioskPage({ env, viewport: { width: 1080, height: 1920 } });
    // The product on the kiosk's shelf channel 0 (the demo package binds channel n to its n-th product).
    const first = (await catalogue()).products.find((p) => p.id === kiosk.rig.manifest.products[0]?.id);
    if (first === undefined) throw new Error('the demo catalogue has no product for channel 0');
    product = first;
    evil = await startEvilSite(platform.url);
    browser = await launchChromium();
    ({ context, page } = await openAuthoringPage(browser));
  }, 120_000);

  afterAll(() =>
    teardown([
      ['browser', () => browser?.close()],
      ['evil site', () => new Promise((r) => evil?.server.close(r))],
      ['kiosk', () => kiosk?.stop()],
      ['platform', () => platform?.close()],
      ['temp dir', () => t.cleanup()],
    ]),
  );

  it('sends an anonymous visitor to the sign-in page and back to /author/', async () => {
    await page.goto(`${platform.url}/author/`);
    await page.waitForURL(/\/login\?next=%2Fauthor%2F/);
    await signInPage(page, platform.url, EDITOR);
    await page.goto(`${platform.url}/author/`);
    await page.getByTestId('product-list').waitFor();
    expect(await page.locator(`tr[data-product-id="${product.id}"]`).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'authoring-overview.png') });
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('edits a story, sees it inside the preview in zh-CN and en, portrait and landscape, saves and publishes to all', async () => {
    await page.goto(`${platform.url}/author/#/product/${product.id}`);
    const zh = '测试故事：合作社今年带动了一百二十户农户增收。';
    const en = 'Test story: this year the co-op raised the income of 120 households.';
    await page.getByTestId('story-text-zh-CN').fill(zh);
    await page.getByTestId('story-text-en').fill(en);
    for (const o of ['portrait', 'landscape'] as const) {
      await expect.poll(() => page.frameLocator(`[data-testid=preview-${o}]`).getByTestId('product-story').innerText()).toContain(zh);
    }
    await page.getByTestId('preview-locale-en').click();
    for (const o of ['portrait', 'landscape'] as const) {
      const frame = page.frameLocator(`[data-testid=preview-${o}]`);
      await expect.poll(() => frame.getByTestId('product-story').innerText()).toContain(en);
      // The shopper app itself switched language (its own UI strings), not just the story text.
      await expect.poll(() => frame.locator('.shell').getAttribute('data-locale')).toBe('en');
    }
    await page.getByTestId('preview-locale-zh-CN').click();
    await expect.poll(() => page.frameLocator('[data-testid=preview-landscape]').getByTestId('product-story').innerText()).toContain(zh);
    await page.screenshot({ path: path.join(SHOTS, 'authoring-product-editor.png') });
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('已保存');
    const saved = (await catalogue()).products.find((p) => p.id === product.id);
    expect(saved?.story.text).toMatchObject({ 'zh-CN': zh, en });

    await page.getByTestId('open-publish').click();
    await page.getByTestId('target-all').check();
    await page.getByTestId('publish-submit').click();
    await expect.poll(() => page.getByTestId('published').innerText()).toMatch(/已发布版本 \d+/);
    const version = Number(/已发布版本 (\d+)/.exec(await page.getByTestId('published').innerText())?.[1]);
    expect((await catalogue()).published?.version).toBe(version);
    await page.keyboard.press('Escape');

    // The kiosk hears of the publish on its platform stream (the 60 s poll is left as it is),
    // checks the signed package and, with no restart, a shopper who lifts the product reads the
    // new story on its screen.
    const k = kiosk.page;
    const pid = kiosk.rig.service.child.pid;
    const contentVersion = () => k.evaluate(async () => ((await (await fetch('/api/status')).json()) as { contentVersion: number | null }).contentVersion);
    await expect.poll(contentVersion, { timeout: 20_000 }).toBe(version);
    await kiosk.rig.sim.lift(0);
    const story = k.locator(`[data-testid=product-page][data-product-id="${product.id}"] [data-testid=product-story]`);
    await expect.poll(() => story.innerText(), { timeout: 15_000 }).toContain(zh);
    await k.screenshot({ path: path.join(SHOTS, 'authoring-published-on-kiosk.png') });
    await kiosk.rig.sim.put(0);
    expect(kiosk.rig.service.child.pid).toBe(pid);
    expect(kiosk.rig.service.child.exitCode).toBeNull();
  });

  it('shows a field problem under the field as you type, and the price in yuan is stored in fen', async () => {
    await page.goto(`${platform.url}/author/#/product/${product.id}`);
    await page.getByTestId('name-zh-CN').fill('');
    await expect.poll(() => page.locator('[data-field="name"] .locale-cell.has-error .field-error').count()).toBe(1);
    await page.getByTestId('barcode').fill('6901234567890');
    await expect.poll(() => page.locator('[data-field="barcode"] .field-error').innerText()).toContain('GTIN');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-blocked').count()).toBe(1);
    await page.getByTestId('name-zh-CN').fill(product.name['zh-CN']);
    await page.getByTestId('barcode').fill('');
    await page.getByTestId('priceFen').fill('12.8');
    await page.getByTestId('save').click();
    await expect.poll(async () => (await catalogue()).products.find((p) => p.id === product.id)?.priceFen).toBe(1280);
  });

  it('schedules a campaign for one zone and sees it in that zone’s attract loop at that time only', async () => {
    await page.goto(`${platform.url}/author/#/campaign/new`);
    await page.getByTestId('id').fill('evening-tea');
    await page.getByTestId('campaign-title-zh-CN').fill('直播间特惠：高山云雾茶');
    await page.getByTestId('campaign-title-en').fill('Live-stream offer: mountain tea');
    await page.getByTestId('text-zh-CN').fill('上午十点到十二点，直播区限时推荐。');
    await page.locator('[data-testid=zones] input[value="live-stream"]').check();
    await page.getByTestId('schedule-from').fill('10:00');
    await page.getByTestId('schedule-to').fill('12:00');
    await page.locator(`[data-testid=featured] input[value="${product.id}"]`).check();
    await page.getByTestId('preview-zone').selectOption('live-stream');
    await page.getByTestId('preview-time').fill('2030-06-03T11:00');
    const attract = page.frameLocator('[data-testid=preview-portrait]').getByTestId('attract');
    await expect.poll(() => attract.getAttribute('data-slides')).toContain('evening-tea');
    await expect.poll(() => attract.locator('.slide-title').innerText()).toBe('直播间特惠：高山云雾茶');
    // Filling the time scrolled the panel itself: show its controls from the top in the picture.
    await page.locator('.preview-panel').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await page.screenshot({ path: path.join(SHOTS, 'authoring-campaign-editor.png') });
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    // Another zone at the same time, and the same zone after the window: not in the loop.
    await page.getByTestId('preview-zone').selectOption('brand');
    await expect.poll(() => attract.getAttribute('data-zone')).toBe('brand');
    expect(await attract.getAttribute('data-slides')).not.toContain('evening-tea');
    await page.getByTestId('preview-zone').selectOption('live-stream');
    await page.getByTestId('preview-time').fill('2030-06-03T13:00');
    await expect.poll(() => attract.getAttribute('data-slides')).not.toContain('evening-tea');
    await page.getByTestId('save').click();
    await expect.poll(async () => (await catalogue()).campaigns.find((c) => c.id === 'evening-tea')?.schedule).toEqual({ from: '10:00', to: '12:00' });
    await page.waitForURL(/#\/campaign\/evening-tea$/);
  });

  it('fits a 1280×800 window too', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const hash of ['#/', `#/product/${product.id}`, '#/campaign/evening-tea', '#/media', '#/audit']) {
      await page.goto(`${platform.url}/author/${hash}`);
      await page.locator('.main h1').first().waitFor();
      expect(await pageOverflow(page), hash).toBeLessThanOrEqual(0);
    }
    // The audit log lists this run's publish (the last screen visited).
    await expect.poll(() => page.locator('.audit-table tr[data-action="content.publish"]').count()).toBeGreaterThan(0);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('cannot be framed by another origin (neither the app nor the preview), and refuses its cross-origin writes', async () => {
    const evilPage = await context.newPage();
    const answers = new Map<string, Record<string, string>>();
    evilPage.on('response', (r) => answers.set(new URL(r.url()).pathname, r.headers()));
    await evilPage.goto(`${evil.url}/frames`);
    await expect.poll(() => answers.has('/author/preview.html') && answers.has('/author/')).toBe(true);
    expect(answers.get('/author/')?.['x-frame-options']).toBe('DENY');
    expect(answers.get('/author/')?.['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answers.get('/author/preview.html')?.['x-frame-options']).toBe('SAMEORIGIN');
    expect(answers.get('/author/preview.html')?.['content-security-policy']).toContain("frame-ancestors 'self'");
    const frames = evilPage.frames().filter((f) => f !== evilPage.mainFrame());
    expect(frames).toHaveLength(2);
    for (const f of frames) expect(await showsPlatformPage(f, platform.url)).toBe(false);

    // A form post from the other origin carries the session cookie (same site) but not our Origin.
    await evilPage.goto(`${evil.url}/post`);
    await evilPage.waitForURL(`${platform.url}/v1/admin/media?name=evil.png`);
    expect(await evilPage.locator('body').innerText()).toContain('"code":"csrf"');
    await evilPage.close();
    const cookie = await signIn(platform.url, EDITOR);
    const put = await fetch(`${platform.url}/v1/admin/authoring/products/${product.id}`, {
      method: 'PUT',
      headers: { cookie, origin: evil.url, 'content-type': 'application/json' },
      body: JSON.stringify({ revision: (await catalogue()).revision, record: product }),
    });
    expect(put.status).toBe(403);
  });
});
