import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { findHorizontalOverflow, waitForFonts } from './shopper-page.ts';

/** The staff screens' orientations, as kiosks are mounted. */
export const STAFF_VIEWS = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;

/** Staff screenshots go to test-results/ (ignored); `KIOSK_DOC_SCREENSHOTS=1` refreshes the ones in docs/. */
export const STAFF_SHOTS_DIR = path.resolve(import.meta.dirname, process.env.KIOSK_DOC_SCREENSHOTS === '1' ? '../../docs/screenshots/staff' : '../../test-results/screenshots/staff');

/** Creates the screenshot folder. */
export function prepareStaffShots(): void {
  fs.mkdirSync(STAFF_SHOTS_DIR, { recursive: true });
}

/** Switches the page's language by its shopper switch (it sits under the staff surface; staff screens follow it) and waits for `<html lang>`. */
export async function switchLocale(page: Page, locale: string): Promise<void> {
  await page.evaluate((l) => (globalThis as unknown as { document: { querySelector(s: string): { click(): void } | null } }).document.querySelector(`[data-testid="locale-${l}"]`)?.click(), locale);
  await page.waitForFunction((l) => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang === l, locale);
}

/**
 * Screenshots the current screen in every orientation and each of `locales` as
 * `<screen>-<view>-<locale>.png`, adding each sideways overflow to `overflow`. Leaves the
 * page in the last orientation and locale.
 */
export async function shootStaffScreen(page: Page, screen: string, overflow: string[], locales: readonly string[] = ['zh-CN', 'en']): Promise<void> {
  for (const view of STAFF_VIEWS) {
    await page.setViewportSize(view.viewport);
    for (const locale of locales) {
      await switchLocale(page, locale);
      await waitForFonts(page);
      await page.screenshot({ path: path.join(STAFF_SHOTS_DIR, `${screen}-${view.name}-${locale}.png`) });
      for (const o of await findHorizontalOverflow(page)) overflow.push(`${screen} ${view.name} ${locale}: ${o.what} — ${o.why}`);
    }
  }
}

/** Status of a same-origin request made by the page itself (its session cookie and Origin, as the kiosk UI sends them). */
export function pageApi(page: Page): (method: string, p: string, body?: unknown) => Promise<number> {
  return (method, p, body) =>
    page.evaluate(async ([m, url, b]) => (await fetch(url, { method: m, headers: { 'content-type': 'application/json' }, ...(b === undefined ? {} : { body: JSON.stringify(b) }) })).status, [method, p, body] as const);
}
