import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../platform/server.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { withLoadSlack } from '../support/budgets.ts';
import { teardown } from '../support/teardown.ts';
import { buildDemoPackage, demoManifestInput } from '../../content/build-demo.ts';
import { enrolKioskApi, openStatusStream, sampleOrder, type KioskApi } from '../orders/helpers.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from '../sync/helpers.ts';

if (!hasChromium() && process.env.CI === 'true') throw new Error('the phone page e2e needs /usr/bin/chromium in CI');

/** The page's scroll width: wider than the viewport means something overflows. */
const pageWidth = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth'));

const SHOTS = join(import.meta.dirname, '../../docs/screenshots/orders');

/** The phone's order page in Chromium at 390×844: fill in, pay in the sandbox, see it paid. */
describe.skipIf(!hasChromium())('phone order page', () => {
  const t = tempDir('phone-e2e');
  let p: RunningPlatform;
  let browser: Browser;
  let kiosk: KioskApi;

  beforeAll(async () => {
    [p, browser] = await Promise.all([startTestPlatform(join(t.dir, 'platform')), launchChromium()]);
    kiosk = await enrolKioskApi(p);
    // The demo catalogue, published, so the page shows product names.
    await buildDemoPackage(join(t.dir, 'demo'));
    const res = await fetch(`${p.url}/v1/admin/content/publish`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ dir: join(t.dir, 'demo') }) });
    expect(res.status).toBe(200);
  }, 90_000);

  /** The sample order on two demo products. */
  function demoOrder() {
    const [a, b] = demoManifestInput().input.products;
    const o = sampleOrder();
    const [l1, l2] = o.lines as [(typeof o.lines)[0], (typeof o.lines)[0]];
    return { order: { ...o, lines: [{ ...l1, productId: a?.id ?? '' }, { ...l2, productId: b?.id ?? '' }] }, names: [a?.name['zh-CN'] ?? '', b?.name['zh-CN'] ?? ''] };
  }
  afterAll(() => teardown([['browser', () => browser?.close()], ['platform', () => p?.close()], ['temp dir', () => t.cleanup()]]));

  it('pays an order in the sandbox, and the kiosk learns of it on its status stream', async () => {
    const stream = openStatusStream(p.url, kiosk.creds);
    const { order, names } = demoOrder();
    const { json } = await kiosk.post('/v1/orders', order);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(String(json.payUrl));
    await expect.poll(() => page.locator('h1').textContent()).toBe('订单支付');
    for (const name of names) expect(await page.locator('main').textContent()).toContain(name);
    await expect.poll(() => stream.events.some((e) => e.data.orderId === order.orderId && e.data.scanned)).toBe(true);
    // Nothing wider than the phone: no horizontal scrolling.
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.getByLabel('送货上门').check();
    await page.fill('#name', '李四');
    await page.fill('#address', '广东省深圳市盐田区海山街道 1 号 2 栋 303');
    await page.fill('#phone', '13800138000');
    await page.screenshot({ path: join(SHOTS, 'phone-order-zh-CN.png'), fullPage: true });
    await page.click('[data-testid=pay]');
    await page.waitForURL(/\/sandbox\/pay\/sbx_/);
    await page.screenshot({ path: join(SHOTS, 'sandbox-pay.png'), fullPage: true });
    const pressed = Date.now();
    await page.click('[data-testid=sandbox-pay]');
    await page.waitForURL(new RegExp(`/m/o/${order.orderId}`));
    await expect.poll(() => stream.events.find((e) => e.data.orderId === order.orderId && e.data.state === 'paid'), { timeout: withLoadSlack(2000) }).toBeTruthy();
    const latency = Date.now() - pressed;
    // The page refreshes itself (meta refresh, no script) until the payment is confirmed.
    await page.locator('[data-state=paid]').waitFor({ timeout: 15_000 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'phone-paid-zh-CN.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
    console.log(`phone e2e: sandbox pay pressed → kiosk stream paid in ${latency} ms`);
    await context.close();
    await stream.close();
  });

  it('shows English and Traditional Chinese by the switch, and a phone-sized page at 360 px', async () => {
    const { json } = await kiosk.post('/v1/orders', demoOrder().order);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(String(json.payUrl));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pay your order');
    await page.click('a[hreflang=zh-TW]');
    await expect.poll(() => page.locator('h1').textContent()).toBe('訂單支付');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'phone-order-zh-TW-360.png'), fullPage: true });
    await context.close();
  });
});
