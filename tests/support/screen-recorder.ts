import type { Page } from 'playwright-core';

/** One state of the shopper screen as the page rendered it. */
export interface ScreenState {
  /** `.shell[data-screen]`: attract, product, compare … */
  screen: string | null;
  /** Product ids on screen (product pages and compare items), in DOM order. */
  products: string[];
  /** `<html lang>` */
  lang: string | null;
}

export interface ScreenRecorder {
  /** The number of states recorded so far: pass it to `since` to read what came after. */
  mark(): Promise<number>;
  /** Every distinct state rendered since `mark` (all of them without one). */
  since(mark?: number): Promise<ScreenState[]>;
}

/** The slice of the page's DOM the recorder touches (the Node tsconfig has no DOM library, on purpose). */
interface RecorderWindow {
  __screens?: ScreenState[];
  document: {
    documentElement: { getAttribute(name: string): string | null };
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
}

/**
 * Records every state the shopper screen renders (a MutationObserver in the page), so a test
 * asserts what was shown between two moments — a flash of a wrong product included — instead
 * of what happens to be on screen at the one instant it looks.
 */
export async function recordScreens(page: Page): Promise<ScreenRecorder> {
  await page.evaluate(() => {
    const w = globalThis as unknown as RecorderWindow;
    if (w.__screens) return;
    const screens: ScreenState[] = (w.__screens = []);
    const take = (): void => {
      const state: ScreenState = {
        screen: w.document.querySelector('.shell')?.getAttribute('data-screen') ?? null,
        products: Array.from(w.document.querySelectorAll('[data-testid=product-page], [data-testid=compare-item]')).map((el) => el.getAttribute('data-product-id') ?? ''),
        lang: w.document.documentElement.getAttribute('lang'),
      };
      const last = screens.at(-1);
      if (last && last.screen === state.screen && last.lang === state.lang && last.products.join() === state.products.join()) return;
      screens.push(state);
    };
    take();
    new w.MutationObserver(take).observe(w.document.documentElement, { subtree: true, childList: true, attributes: true });
  });
  const read = (): Promise<ScreenState[]> => page.evaluate(() => (globalThis as unknown as RecorderWindow).__screens ?? []);
  return {
    mark: async () => (await read()).length,
    since: async (mark = 0) => (await read()).slice(mark),
  };
}
