import fs from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoPackage } from '../../content/build-demo.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { withLoadSlack } from '../support/budgets.ts';
import { E2E_READY, openKioskPage, type KioskPage } from '../support/e2e.ts';
import { openSqlite } from '../../db/sqlite.ts';
import { decodeQrIn } from '../support/shopper-page.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, enrolmentCode, startTestPlatform, tempDir, waitFor } from '../sync/helpers.ts';

const POLL = { timeout: withLoadSlack(10_000) };
const SHOTS = join(import.meta.dirname, '../../test-results/orders');
/** Orders wait this long for payment here (KIOSK_ORDER_TTL_MS), so the expiry case ends in the test. */
const TTL_MS = 30_000;

/**
 * The shopper's order end to end, over real parts: the shelf simulator on a pty, the kiosk
 * service process, the reference platform with its sandbox payments, Chromium as the kiosk
 * screen and a second, phone-sized Chromium page that opens the QR code decoded from the screen.
 */
describe.skipIf(!E2E_READY)('orders from the shelf, paid on a phone', () => {
  const t = tempDir('orders-e2e');
  let platform: RunningPlatform;
  let kiosk: KioskPage;
  let page: Page;
  let phone: BrowserContext;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    platform = await startTestPlatform(join(t.dir, 'platform'), { orders: { sandboxTestHooks: true } });
    await buildDemoPackage(join(t.dir, 'demo'));
    const published = await fetch(`${platform.url}/v1/admin/content/publish`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ dir: join(t.dir, 'demo') }) });
    expect(published.status).toBe(200);
    const code = await enrolmentCode(platform.url);
    kiosk = await openKioskPage({ env: { KIOSK_PLATFORM_URL: platform.url, KIOSK_ENROL_CODE: code, KIOSK_PLATFORM_KEYS: platform.deps.key.publicKey.spki, KIOSK_ORDER_TTL_MS: String(TTL_MS) } });
    page = kiosk.page;
    await waitFor(async () => (await platform.deps.store.listKiosks()).length === 1, POLL.timeout, 'the kiosk enrolled');
    phone = await kiosk.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true, isMobile: true });
  }, 120_000);

  afterAll(() =>
    teardown([
      ['phone', () => phone?.close()],
      ['kiosk', () => kiosk?.stop()],
      ['platform', () => platform?.close()],
      ['temp dir', () => t.cleanup()],
    ]),
  );

  const panel = () => page.getByTestId('order-panel');
  /** The order's events in the kiosk's log (the outbox empties as the platform acknowledges them). */
  const orderEvents = (orderId: string) => {
    const db = openSqlite(join(kiosk.rig.dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("SELECT type, payload FROM events WHERE type LIKE 'order.%' AND json_extract(payload, '$.orderId') = ? ORDER BY seq").all(orderId) as Array<{ type: string; payload: string }>;
      return rows.map((r) => ({ type: r.type, payload: JSON.parse(r.payload) as Record<string, unknown> }));
    } finally {
      db.close();
    }
  };

  /** Decodes the order QR code on the kiosk screen; it must be this order's page on the platform. */
  async function payUrlFromScreen(): Promise<{ orderId: string; url: string }> {
    await page.locator('[data-testid=order-panel][data-phase=waiting]').waitFor(POLL);
    const orderId = (await panel().getAttribute('data-order-id')) ?? '';
    const url = await decodeQrIn(page.getByTestId('order-qr').locator('img'));
    expect(url).toMatch(new RegExp(`^${platform.url}/m/o/${orderId}\\?k=`));
    return { orderId, url: url ?? '' };
  }

  /** The phone opens the page, picks up in store, gives a number and goes to the sandbox cashier. */
  async function phoneToCashier(url: string): Promise<Page> {
    const p = await phone.newPage();
    await p.goto(url);
    await p.fill('#phone', '13800138000');
    await p.click('[data-testid=pay]');
    await p.waitForURL(/\/sandbox\/pay\/sbx_/);
    return p;
  }

  it('lift two products → cart → order QR → the phone pays → the kiosk shows paid within 2 s, then attract', async () => {
    const [a, b] = kiosk.rig.manifest.products;
    if (!a || !b) throw new Error('demo catalogue');
    await kiosk.rig.sim.lift(0);
    await page.locator(`[data-testid=product-page][data-product-id="${a.id}"]`).waitFor(POLL);
    await page.getByTestId('add-to-cart').click();
    await kiosk.rig.sim.lift(1);
    await page.locator('[data-testid=compare][data-count="2"]').waitFor(POLL);
    await page.locator(`[data-testid=add-to-cart][data-product-id="${b.id}"]`).click();
    await page.locator(`[data-testid=add-to-cart][data-product-id="${b.id}"]`).click();
    await kiosk.rig.sim.put(0);
    await kiosk.rig.sim.put(1);
    await page.getByTestId('attract').waitFor(POLL);
    expect(await page.getByTestId('cart-count').textContent()).toBe('3');
    await page.getByTestId('cart-button').click();
    expect(await page.getByTestId('cart-total').textContent()).toBe(`¥${((a.priceFen + 2 * b.priceFen) / 100).toFixed(2)}`);
    await page.getByTestId('cart-order').click();
    const { orderId, url } = await payUrlFromScreen();
    await page.screenshot({ path: join(SHOTS, 'kiosk-order-qr.png') });

    const cashier = await phoneToCashier(url);
    const sandboxId = /\/sandbox\/pay\/(sbx_[^/?#]+)/.exec(cashier.url())?.[1] ?? '';
    await page.locator('[data-testid=order-panel][data-phase=scanned]').waitFor(POLL);
    const pressed = Date.now();
    await cashier.click('[data-testid=sandbox-pay]');
    await page.locator('[data-testid=order-panel][data-phase=paid]').waitFor({ timeout: withLoadSlack(2000) });
    const paidAfterMs = Date.now() - pressed;
    console.log(`orders e2e: sandbox Pay → kiosk screen shows paid in ${paidAfterMs} ms`);
    await page.getByTestId('order-thanks').waitFor();
    await page.screenshot({ path: join(SHOTS, 'kiosk-order-paid.png') });
    // The thank-you gives way to the attract screen by itself.
    await panel().waitFor({ state: 'detached', timeout: withLoadSlack(15_000) });
    expect(await page.getByTestId('attract').count()).toBe(1);

    const changes = orderEvents(orderId);
    expect(changes.map((e) => [e.type, e.payload.to ?? null])).toEqual([
      ['order.created', null],
      ['order.state', 'awaiting-payment'],
      ['order.state', 'paid'],
    ]);
    expect(changes[2]?.payload.amountFen).toBe(a.priceFen + 2 * b.priceFen);
    await cashier.close();

    // The provider notifies the same payment five more times, then a stale "failed": nothing changes.
    for (const status of ['paid', 'failed', 'expired']) {
      const r = await fetch(`${platform.url}/sandbox/hooks/${sandboxId}/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status, copies: status === 'paid' ? 5 : 1 }) });
      expect(r.status).toBe(200);
    }
    await expect.poll(async () => ((await (await fetch(`${platform.url}/sandbox/hooks/undelivered`)).json()) as { undelivered: number }).undelivered, POLL).toBe(0);
    expect(orderEvents(orderId)).toHaveLength(3);
  }, 120_000);

  it('a failed payment leaves the order waiting; the shopper cancels it', async () => {
    await kiosk.rig.sim.lift(2);
    await page.getByTestId('product-page').waitFor(POLL);
    await page.getByTestId('order-now').click();
    const { orderId, url } = await payUrlFromScreen();
    const cashier = await phoneToCashier(url);
    await cashier.click('[data-testid=sandbox-fail]');
    await cashier.waitForURL(new RegExp(`/m/o/${orderId}`));
    await page.locator('[data-testid=order-panel][data-phase=scanned]').waitFor(POLL);
    expect(await panel().getAttribute('data-order-state')).toBe('awaiting-payment');
    await page.getByTestId('order-cancel').click();
    await expect.poll(() => orderEvents(orderId).map((e) => e.payload.to ?? 'created'), POLL).toEqual(['created', 'awaiting-payment', 'cancelled']);
    await cashier.close();
    await kiosk.rig.sim.put(2);
    await page.getByTestId('attract').waitFor(POLL);
  }, 120_000);

  it('an order nobody pays expires on the platform, and the kiosk shows it expired', async () => {
    await kiosk.rig.sim.lift(3);
    await page.getByTestId('product-page').waitFor(POLL);
    await page.getByTestId('order-now').click();
    const { orderId } = await payUrlFromScreen();
    await kiosk.rig.sim.put(3);
    await page.locator('[data-testid=order-panel][data-order-state=expired]').waitFor({ timeout: TTL_MS + withLoadSlack(10_000) });
    expect(orderEvents(orderId).map((e) => e.payload.to ?? 'created')).toEqual(['created', 'awaiting-payment', 'expired']);
    await page.getByTestId('order-done').click();
    await page.getByTestId('attract').waitFor(POLL);
  }, TTL_MS + 120_000);
});
