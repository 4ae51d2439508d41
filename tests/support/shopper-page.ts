import { openSqlite } from '../../db/sqlite.ts';
import jsQRModule from 'jsqr';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';

// jsqr is CommonJS with `exports.default`: under NodeNext the default import is the module object.
const jsQR = jsQRModule.default;

/** Decodes the QR code in a PNG screenshot (jsQR over pngjs pixels); null when none is found. */
export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  return jsQR(pixels, img.width, img.height)?.data ?? null;
}

/** Screenshots an element and decodes the QR code in it. */
export async function decodeQrIn(locator: Locator): Promise<string | null> {
  return decodeQrPng(await locator.screenshot());
}

export interface OutboxRow {
  type: string;
  payload: Record<string, unknown>;
}

/** Events waiting in the kiosk's outbox, in order (the database opened read-only beside the running service). */
export function outboxEvents(dataDir: string): OutboxRow[] {
  const db = openSqlite(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT e.type, e.payload FROM outbox o JOIN events e ON e.id = o.event_id ORDER BY o.seq').all() as Array<{ type: string; payload: string }>;
    return rows.map((r) => ({ type: r.type, payload: JSON.parse(r.payload) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

/** Waits until the page has its snapshot over an open socket (a lift before that would be missed). */
export async function waitForLiveShell(page: Page): Promise<void> {
  await page.locator('.shell[data-status="open"]').waitFor({ timeout: 20_000 });
}

/** Waits until the page's fonts (system CJK fonts included) have loaded. */
export async function waitForFonts(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => undefined));
}

/** One element that sticks out sideways. */
export interface Overflow {
  what: string;
  why: string;
}

/*
 * The slice of the DOM the in-page checks use. The Node tsconfig has no DOM library (on purpose:
 * service code must not see browser globals), so the page functions describe what they touch.
 */
interface PageElement {
  tagName: string;
  className: unknown;
  namespaceURI: string | null;
  textContent: string | null;
  outerHTML: string;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
  querySelector(selector: string): unknown;
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
}
/** The page's window as far as {@link findHorizontalOverflow} and {@link findEmptySections} use it. */
export interface PageWindow {
  document: { documentElement: PageElement; querySelectorAll(selector: string): ArrayLike<PageElement> };
  getComputedStyle(el: PageElement): { display: string; visibility: string; overflowX: string; textOverflow: string };
}

/**
 * Finds elements that overflow horizontally: content wider than the box (scrollWidth >
 * clientWidth + 1) unless the box scrolls sideways on purpose or truncates with an
 * ellipsis, and boxes that reach past the viewport's left or right edge. The font warm-up
 * block is 1 px wide and clipped by design, so it and its contents are skipped.
 */
export function findHorizontalOverflow(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const out: Array<{ what: string; why: string }> = [];
    const html = w.document.documentElement;
    const vw = html.clientWidth;
    const describe = (el: PageElement): string => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' && el.className !== '' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls} "${text}"`;
    };
    if (html.scrollWidth > vw + 1) out.push({ what: 'html', why: `page scrollWidth ${html.scrollWidth} > viewport ${vw}` });
    for (const el of Array.from(w.document.querySelectorAll('body *'))) {
      if (el.closest('.font-warmup') !== null) continue;
      const style = w.getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const isSvg = el.namespaceURI === 'http://www.w3.org/2000/svg';
      const scrollsSideways = style.overflowX === 'auto' || style.overflowX === 'scroll';
      const ellipsis = style.textOverflow === 'ellipsis';
      if (!isSvg && !scrollsSideways && !ellipsis && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        out.push({ what: describe(el), why: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
      }
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > vw + 1 || r.left < -1) out.push({ what: describe(el), why: `box ${Math.round(r.left)}…${Math.round(r.right)} outside 0…${vw}` });
    }
    return out;
  });
}

/** Sections, headings, paragraphs and facts on the current screen that have neither text nor a picture. */
export function findEmptySections(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return Array.from(w.document.querySelectorAll('.stage .card, .stage dd, .stage dt, .stage .chips, .stage p, .stage h1, .stage h2'))
      .filter((el) => (el.textContent ?? '').trim() === '' && el.querySelector('img, svg, [role=img]') === null)
      .map((el) => el.outerHTML.slice(0, 80));
  });
}

/** True when the image element has loaded and decoded to a real picture. */
export function isDecodedImage(img: unknown): boolean {
  const i = img as { complete: boolean; naturalWidth: number };
  return i.complete && i.naturalWidth > 0;
}
