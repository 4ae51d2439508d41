import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthoringCatalogue } from '../../contract/authoring.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { AUTHORING_BUILT, openAuthoringPage, pageOverflow, readAuthoringCatalogue } from '../support/authoring.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { createAdminAccount, seedDemoCatalogue, signInPage } from '../support/platform-admin.ts';
import { recordWebm } from '../support/record-webm.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from '../sync/helpers.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const PUBLISHER = 'wang.fang';
const EDITOR_ONLY = 'zhao.lei';

/** The bits of the page's DOM these checks read (the tests compile without the DOM library). */
interface PageDoc {
  document: { documentElement: { scrollHeight: number } };
  scrollTo(x: number, y: number): void;
}

/** How far the top bar's navigation overflows its room (every screen's link must show at 1440 px). */
async function navOverflow(page: Page): Promise<number> {
  return page.locator('.topbar nav').evaluate((el) => {
    const nav = el as unknown as { scrollWidth: number; clientWidth: number };
    return nav.scrollWidth - nav.clientWidth;
  });
}

/**
 * The authoring app's later screens in Chromium against a real platform (issue 11 follow-ups):
 * live-stream slots and their banner in the attract preview, a campaign video, the leave guard,
 * Publish by role, the three-locale preview and the preview kept below the top bar.
 */
describe.skipIf(!hasChromium() || !AUTHORING_BUILT)('authoring app: live streams, video, leave guard, roles, three locales', () => {
  const t = tempDir('authoring-more-e2e');
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let product: AuthoringCatalogue['products'][number];
  /** A real WebM clip, recorded before any other page is open (a background tab's timers are throttled). */
  let webm: Buffer;

  const catalogue = () => readAuthoringCatalogue(platform.url, { authorization: `Bearer ${ADMIN_TOKEN}` });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    platform = await startTestPlatform(t.dir);
    await seedDemoCatalogue(platform.url, ADMIN_TOKEN, path.join(t.dir, 'demo'));
    await createAdminAccount(platform.url, ADMIN_TOKEN, PUBLISHER, ['editor', 'publisher']);
    await createAdminAccount(platform.url, ADMIN_TOKEN, EDITOR_ONLY, ['editor']);
    const first = (await catalogue()).products[0];
    if (first === undefined) throw new Error('the demo catalogue has no product');
    product = first;
    browser = await launchChromium();
    const recorder = await browser.newPage();
    webm = await recordWebm(recorder);
    await recorder.close();
    ({ page } = await openAuthoringPage(browser));
    await signInPage(page, platform.url, PUBLISHER);
  }, 120_000);

  afterAll(() =>
    teardown([
      ['browser', () => browser?.close()],
      ['platform', () => platform?.close()],
      ['temp dir', () => t.cleanup()],
    ]),
  );

  it('creates a live-stream slot in the form and sees its banner in its zone at its time only, in its own preview and a campaign’s', async () => {
    await page.goto(`${platform.url}/author/#/live-streams`);
    await page.getByTestId('list-liveStream').waitFor();
    await page.getByRole('link', { name: '＋ 新建 New' }).click();
    await page.getByTestId('stream-id').waitFor();
    // Ends before it starts: the field says so before any save.
    await page.getByTestId('stream-id').fill('tea-live-0603');
    await page.getByTestId('stream-title-zh-CN').fill('高山云雾茶直播间');
    await page.getByTestId('stream-title-zh-TW').fill('高山雲霧茶直播間');
    await page.getByTestId('stream-title-en').fill('Mountain tea live room');
    await page.getByTestId('stream-host-zh-CN').fill('李主播');
    await page.getByTestId('stream-starts').fill('2030-06-03T10:00');
    await page.getByTestId('stream-ends').fill('2030-06-03T09:00');
    await expect.poll(() => page.locator('[data-field="endsAt"] .field-error').innerText()).toContain('endsAt is not after startsAt');
    await page.getByTestId('stream-ends').fill('2030-06-03T12:00');
    await expect.poll(() => page.locator('[data-field="endsAt"] .field-error').count()).toBe(0);
    await page.locator('[data-testid=stream-zones] input[value="live-stream"]').check();
    await expect.poll(() => page.getByTestId('issue-count').innerText()).toContain('Valid');

    // The preview opens on the slot's zone; at 11:00 hall time its banner is on air.
    expect(await page.getByTestId('preview-zone').inputValue()).toBe('live-stream');
    await page.getByTestId('preview-at-start').click();
    expect(await page.getByTestId('preview-time').inputValue()).toBe('2030-06-03T10:00');
    await page.getByTestId('preview-time').fill('2030-06-03T11:00');
    const banner = page.frameLocator('[data-testid=preview-portrait]').getByTestId('live-banner');
    await expect.poll(() => banner.getAttribute('data-stream')).toBe('tea-live-0603');
    expect(await banner.getAttribute('data-live')).toBe('1');
    expect(await banner.innerText()).toContain('高山云雾茶直播间');
    await expect.poll(() => page.getByTestId('preview-live').innerText()).toContain('正在直播');
    await page.locator('.preview-panel').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await page.screenshot({ path: path.join(SHOTS, 'authoring-live-stream-editor.png') });
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    // Another zone at the same time: no banner.
    await page.getByTestId('preview-zone').selectOption('brand');
    const attract = page.frameLocator('[data-testid=preview-portrait]').getByTestId('attract');
    await expect.poll(() => attract.getAttribute('data-zone')).toBe('brand');
    expect(await banner.count()).toBe(0);

    await page.getByTestId('save').click();
    await page.waitForURL(/#\/live-stream\/tea-live-0603$/);
    await expect.poll(async () => (await catalogue()).liveStreams.map((s) => s.id)).toEqual(['tea-live-0603']);
    const saved = (await catalogue()).liveStreams[0];
    expect(saved).toMatchObject({ startsAt: '2030-06-03T10:00:00+08:00', endsAt: '2030-06-03T12:00:00+08:00', zones: ['live-stream'], host: { 'zh-CN': '李主播' } });
    await page.goto(`${platform.url}/author/#/live-streams`);
    await expect.poll(() => page.locator('tr[data-id="tea-live-0603"]').innerText()).toContain('2030-06-03 10:00');

    // A campaign's attract preview shows the saved slot's banner in its zone at its time, not in another zone.
    const campaign = (await catalogue()).campaigns[0];
    if (campaign === undefined) throw new Error('the demo catalogue has no campaign');
    await page.goto(`${platform.url}/author/#/campaign/${encodeURIComponent(campaign.id)}`);
    await page.getByTestId('preview-zone').selectOption('live-stream');
    await page.getByTestId('preview-time').fill('2030-06-03T11:00');
    await expect.poll(() => banner.getAttribute('data-stream')).toBe('tea-live-0603');
    await page.getByTestId('preview-zone').selectOption('display');
    await expect.poll(() => attract.getAttribute('data-zone')).toBe('display');
    expect(await banner.count()).toBe(0);
    // Announced ahead of time (up to 12 h) in its zone: the 08:00 loop shows it as next.
    await page.getByTestId('preview-zone').selectOption('live-stream');
    await page.getByTestId('preview-time').fill('2030-06-03T08:00');
    await expect.poll(() => banner.getAttribute('data-live')).toBe('0');
  });

  it('picks a campaign video from the media library (uploaded there as WebM) and saves it', async () => {
    const campaign = (await catalogue()).campaigns[0];
    if (campaign === undefined) throw new Error('the demo catalogue has no campaign');
    const clip = path.join(t.dir, 'clip.webm');
    fs.writeFileSync(clip, webm);
    await page.goto(`${platform.url}/author/#/campaign/${encodeURIComponent(campaign.id)}`);
    // An edit made before the upload survives it (the upload reloads the catalogue, not the editor).
    await page.getByTestId('campaign-title-en').fill('Tea week, now with a video');
    await page.getByTestId('pick-video').click();
    await expect.poll(() => page.getByTestId('media-picker').getAttribute('data-kind')).toBe('video');
    expect(await page.locator('[data-testid=media-picker] [data-testid=upload-input]').getAttribute('accept')).toBe('video/mp4,video/webm');
    await page.locator('[data-testid=media-picker] [data-testid=upload-input]').setInputFiles(clip);
    await page.locator('[data-field="video"] [data-testid=video-thumb]').waitFor();
    expect(await page.getByTestId('campaign-title-en').inputValue()).toBe('Tea week, now with a video');
    await page.getByTestId('save').click();
    await expect.poll(async () => (await catalogue()).campaigns.find((c) => c.id === campaign.id)?.video).toMatch(/^[0-9a-f]{64}$/);
    const sha = (await catalogue()).campaigns.find((c) => c.id === campaign.id)?.video;
    expect((await catalogue()).media.find((m) => m.sha256 === sha)).toMatchObject({ mime: 'video/webm', bytes: webm.length });
    expect((await catalogue()).campaigns.find((c) => c.id === campaign.id)?.title.en).toBe('Tea week, now with a video');
    // The campaign's own preview (it opens the loop) plays it, fetched from the platform's media store.
    const video = page.frameLocator('[data-testid=preview-portrait]').getByTestId('campaign-video');
    await expect.poll(() => video.getAttribute('src')).toContain(sha ?? 'none');
  });

  it('asks before leaving an editor with unsaved edits: staying keeps them, leaving drops them; the tab asks too', async () => {
    await page.goto(`${platform.url}/author/#/product/${product.id}`);
    const intro = page.getByTestId('intro-zh-CN');
    await intro.fill('还没保存的简介');
    await page.getByRole('link', { name: '生产者 Producers' }).click();
    await page.getByTestId('leave-dialog').waitFor();
    // The address bar still names the editor while it asks.
    expect(new URL(page.url()).hash).toBe(`#/product/${product.id}`);
    await page.getByTestId('leave-stay').click();
    await expect.poll(() => page.getByTestId('leave-dialog').count()).toBe(0);
    expect(await intro.inputValue()).toBe('还没保存的简介');
    expect(new URL(page.url()).hash).toBe(`#/product/${product.id}`);

    // Closing the tab: the browser's own question (beforeunload); dismissing it keeps the page.
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    expect(await intro.inputValue()).toBe('还没保存的简介');

    await page.getByRole('link', { name: '生产者 Producers' }).click();
    await page.getByTestId('leave-discard').click();
    await page.getByTestId('list-producer').waitFor();
    expect(new URL(page.url()).hash).toBe('#/producers');
    expect((await catalogue()).products.find((p) => p.id === product.id)?.intro['zh-CN']).toBe(product.intro['zh-CN']);
    // A saved editor leaves without asking.
    await page.goto(`${platform.url}/author/#/product/${product.id}`);
    await page.getByRole('link', { name: '生产者 Producers' }).click();
    await page.getByTestId('list-producer').waitFor();
    expect(await page.getByTestId('leave-dialog').count()).toBe(0);
  });

  it('shows the portrait preview in zh-CN, zh-TW and en side by side in the three-locale mode, below the top bar while the form scrolls', async () => {
    await page.goto(`${platform.url}/author/#/product/${product.id}`);
    const texts = { 'zh-CN': '三语预览：简体故事。', 'zh-TW': '三語預覽：繁體故事。', en: 'Three-locale preview: the English story.' } as const;
    for (const [l, text] of Object.entries(texts)) await page.getByTestId(`story-text-${l}`).fill(text);
    await page.getByTestId('preview-locale-all').click();
    for (const [l, text] of Object.entries(texts)) {
      const frame = page.frameLocator(`[data-testid=preview-portrait-${l}]`);
      await expect.poll(() => frame.getByTestId('product-story').innerText()).toContain(text);
      await expect.poll(() => frame.locator('.shell').getAttribute('data-locale')).toBe(l);
    }
    expect(await page.locator('[data-testid=preview-landscape]').count()).toBe(0);
    // Side by side: one row, none overlapping.
    const boxes = await Promise.all(Object.keys(texts).map(async (l) => page.locator(`[data-testid=preview-portrait-${l}]`).boundingBox()));
    const [a, b, c] = boxes.map((x) => x ?? { x: 0, y: 0, width: 0, height: 0 });
    expect(a && b && c && Math.abs(a.y - b.y) < 2 && Math.abs(b.y - c.y) < 2).toBe(true);
    expect(a && b && c && a.x + a.width <= b.x && b.x + b.width <= c.x).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'authoring-preview-all-locales.png') });
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

    // Scrolled to the bottom of the long form: the preview's language buttons stay below the top bar.
    await page.evaluate(() => {
      const g = globalThis as unknown as PageDoc;
      g.scrollTo(0, g.document.documentElement.scrollHeight);
    });
    const bar = await page.locator('.topbar').boundingBox();
    await expect.poll(async () => (await page.getByTestId('preview-locale-zh-CN').boundingBox())?.y ?? -1).toBeGreaterThanOrEqual((bar?.y ?? 0) + (bar?.height ?? 0));
    // Also with the panel scrolled inside (its frames taller than the window).
    await page.getByTestId('preview-locale-zh-CN').click();
    await page.locator('.preview-panel').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 100_000;
    });
    await expect.poll(async () => (await page.getByTestId('preview-locale-en').boundingBox())?.y ?? -1).toBeGreaterThanOrEqual((bar?.y ?? 0) + (bar?.height ?? 0));
    await page.screenshot({ path: path.join(SHOTS, 'authoring-preview-scrolled.png') });
  });

  it('disables Publish, saying why, for an editor without the publisher role; a publisher gets it', async () => {
    await page.goto(`${platform.url}/author/#/live-streams`);
    await expect.poll(() => page.getByTestId('signed-in-as').innerText()).toBe(PUBLISHER);
    expect(await page.getByTestId('open-publish').isEnabled()).toBe(true);
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const editorPage = await other.newPage();
    await signInPage(editorPage, platform.url, EDITOR_ONLY);
    await editorPage.goto(`${platform.url}/author/`);
    await editorPage.getByTestId('product-list').waitFor();
    await expect.poll(() => editorPage.getByTestId('signed-in-as').innerText()).toBe(EDITOR_ONLY);
    expect(await editorPage.getByTestId('open-publish').isDisabled()).toBe(true);
    expect(await editorPage.getByTestId('publish-slot').getAttribute('title')).toContain('publisher');
    expect(await editorPage.getByTestId('publish-locked').textContent()).toContain('publisher');
    expect(await editorPage.getByTestId('open-publish').getAttribute('aria-describedby')).toBe('publish-locked');
    await editorPage.screenshot({ path: path.join(SHOTS, 'authoring-editor-no-publish.png') });
    expect(await pageOverflow(editorPage)).toBeLessThanOrEqual(0);
    expect(await navOverflow(editorPage)).toBeLessThanOrEqual(0);
    expect(await navOverflow(page)).toBeLessThanOrEqual(0);
    await other.close();
  });
});
