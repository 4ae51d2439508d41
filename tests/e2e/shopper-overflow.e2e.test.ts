import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { LONG_TEXT_PRODUCTS } from '../../content/fixtures/long-text.ts';
import { LOCALES, pickText, type Locale } from '../../contract/locale.ts';
import { launchChromium } from '../support/browser.ts';
import { E2E_READY } from '../support/e2e.ts';
import { startShelfRig, type ShelfRig } from '../support/shelf-rig.ts';
import { buildOverflowPackage, makeTempDir, prebindShelf, sideloadEnv } from '../support/shopper-content.ts';
import { findHorizontalOverflow, waitForFonts, waitForLiveShell } from '../support/shopper-page.ts';
import { teardown } from '../support/teardown.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Where the pass leaves its pictures: `<width>x<height>-<locale>-<screen>.png`. */
const SCREENSHOT_DIR = path.join(root, 'test-results', 'screenshots');
const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
] as const;
/** Channels the long-text fixtures are bound to (10 and 11 are empty in the demo layout). */
const CH_A = 10;
const CH_B = 11;
const POLL = { timeout: 10_000 };

const [LONG_A, LONG_B] = LONG_TEXT_PRODUCTS;

/**
 * Screenshot-and-overflow pass: every (size, locale) pair, showing attract, each long-text
 * fixture product alone, and the two side by side. Nothing may stick out sideways.
 */
describe.skipIf(!E2E_READY)('no horizontal overflow at any size or locale (long-text fixtures)', () => {
  let rig: ShelfRig;
  let browser: Browser;
  let page: Page;
  let pkgDir: string;

  beforeAll(async () => {
    if (LONG_A === undefined || LONG_B === undefined) throw new Error('expected two long-text fixtures');
    pkgDir = makeTempDir('kiosk-overflow-pkg-');
    await buildOverflowPackage(pkgDir);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // A long idle time: the pass takes a while and must not fall back to the default locale mid-way.
    const env = { ...sideloadEnv(pkgDir), KIOSK_IDLE_MS: '600000' };
    const fixtureIds = [LONG_A.id, LONG_B.id];
    [rig, browser] = await Promise.all([startShelfRig(env, { prepareDataDir: (dir) => prebindShelf(dir, fixtureIds) }), launchChromium()]);
    page = await browser.newPage({ viewport: SIZES[0] });
    // Screenshots of finished layouts, not of the fade-ins.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(await rig.service.bootUrl('/'));
    await waitForLiveShell(page);
    const status = await page.evaluate(async () => (await fetch('/api/status')).json() as Promise<{ contentVersion: number | null }>);
    expect(status.contentVersion, 'the side-loaded package (version 2) is active').toBe(2);
  }, 90_000);

  afterAll(() =>
    teardown([
      ['browser', () => browser?.close()],
      ['shelf rig', () => rig?.stop()],
      ['content package', () => pkgDir && fs.rmSync(pkgDir, { recursive: true, force: true })],
    ]),
  );

  /** Checks the screen on show, saves its picture, and returns what overflowed. */
  async function check(name: string, size: { width: number; height: number }, locale: Locale): Promise<string[]> {
    await waitForFonts(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${size.width}x${size.height}-${locale}-${name}.png`) });
    return (await findHorizontalOverflow(page)).map((o) => `${name}: ${o.what} — ${o.why}`);
  }

  const nameOf = (ch: number, locale: Locale): string => pickText((ch === CH_A ? LONG_A : LONG_B)?.name, locale);

  async function showProduct(ch: number, locale: Locale): Promise<void> {
    await rig.sim.lift(ch);
    await expect.poll(() => page.getByTestId('product-name').allTextContents(), POLL).toEqual([nameOf(ch, locale)]);
  }

  async function backToAttract(...channels: number[]): Promise<void> {
    for (const ch of channels) await rig.sim.put(ch);
    await page.getByTestId('attract').waitFor(POLL);
  }

  for (const size of SIZES) {
    for (const locale of LOCALES) {
      it(`${size.width}×${size.height} ${locale}: attract, long product pages and compare fit the width`, async () => {
        await page.setViewportSize(size);
        await page.getByTestId(`locale-${locale}`).click();
        await expect.poll(() => page.locator('html').getAttribute('lang'), POLL).toBe(locale);
        const problems: string[] = [];

        await page.getByTestId('attract').waitFor(POLL);
        problems.push(...(await check('attract', size, locale)));

        await showProduct(CH_A, locale);
        problems.push(...(await check('product-long-text', size, locale)));
        await backToAttract(CH_A);

        await showProduct(CH_B, locale);
        problems.push(...(await check('product-long-words', size, locale)));

        await rig.sim.lift(CH_A);
        await page.locator('[data-testid=compare][data-count="2"]').waitFor(POLL);
        expect(await page.locator('.compare-name').allTextContents()).toEqual([nameOf(CH_B, locale), nameOf(CH_A, locale)]);
        problems.push(...(await check('compare', size, locale)));
        await backToAttract(CH_B, CH_A);

        expect(problems).toEqual([]);
      });
    }

    it(`${size.width}×${size.height} en, large text: long product page and compare fit the width`, async () => {
      await page.setViewportSize(size);
      await page.getByTestId('locale-en').click();
      await page.getByTestId('toggle-large-text').click();
      await expect.poll(() => page.locator('html').getAttribute('class'), POLL).toContain('large-text');
      const problems: string[] = [];
      try {
        problems.push(...(await check('large-text-attract', size, 'en')));
        await showProduct(CH_B, 'en');
        problems.push(...(await check('large-text-product-long-words', size, 'en')));
        await rig.sim.lift(CH_A);
        await page.locator('[data-testid=compare][data-count="2"]').waitFor(POLL);
        problems.push(...(await check('large-text-compare', size, 'en')));
        await backToAttract(CH_B, CH_A);
      } finally {
        await page.getByTestId('toggle-large-text').click();
      }
      expect(problems).toEqual([]);
    });
  }
});
