import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { AuthoringCatalogueSchema, type AuthoringCatalogue } from '../../contract/authoring.ts';

/**
 * Whether the authoring app is built (dist/authoring). Missing locally → its browser suites
 * skip; missing in CI → this module throws, so CI never skips them.
 */
export const AUTHORING_BUILT = fs.existsSync(path.resolve(import.meta.dirname, '../../dist/authoring/authoring.html'));
if (!AUTHORING_BUILT && process.env.CI === 'true') throw new Error('the authoring e2e needs a built renderer (npm run build:renderer) in CI');

/** The platform's error answer (`{ error }`), with a field list on 422. */
export interface ApiError {
  code: string;
  message: string;
  issues?: Array<{ path: Array<string | number>; message: string }>;
}

/** The whole authoring catalogue as the app reads it, with a session cookie or the admin token in `headers`. */
export async function readAuthoringCatalogue(baseUrl: string, headers: Record<string, string>): Promise<AuthoringCatalogue> {
  const res = await fetch(`${baseUrl}/v1/admin/authoring/catalogue`, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  return AuthoringCatalogueSchema.parse(await res.json());
}

/** A save or delete that went through; answers the catalogue's new revision. */
export async function expectSaved(res: Response): Promise<number> {
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { revision: number }).revision;
}

/** A refusal with this status and error code; answers the error for closer checks. */
export async function expectError(res: Response, status: number, code: string): Promise<ApiError> {
  expect(res.status, await res.clone().text()).toBe(status);
  const body = (await res.json()) as { error: ApiError };
  expect(body.error.code).toBe(code);
  return body.error;
}

/** An authoring app window as an editor in the hall has it: 1440 × 900, zh-CN, Shanghai time, reduced motion. */
export async function openAuthoringPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  return { context, page };
}

/** How far the page sticks out sideways at its window size (≤ 0: nothing does). */
export function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    // The tests compile without the DOM library: only the bits read here.
    const html = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return html.scrollWidth - html.clientWidth;
  });
}
