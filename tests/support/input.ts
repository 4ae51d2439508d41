import type { Page } from 'playwright-core';

/*
 * Input with the time stamps real hardware gives it. A USB scanner's keys and a finger's taps
 * reach the page stamped with when they happened; the page judges their pace by those stamps
 * (event.timeStamp). Playwright's keyboard and touchscreen stamp each event when it is
 * dispatched, so on a loaded machine a test's "4 ms apart" becomes whatever the test process
 * manages. These helpers dispatch over CDP with explicit stamps instead.
 */

/** CDP time stamps are seconds since the epoch. */
const stamp = (ms: number): number => ms / 1000;

/** Digits and Enter as a barcode scanner sends them: `gapMs` apart by their time stamps. */
export async function scanKeys(page: Page, code: string, gapMs = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const t0 = Date.now();
    const keys = [...code].map((d) => ({ key: d, code: `Digit${d}`, text: d, vk: d.charCodeAt(0) }));
    keys.push({ key: 'Enter', code: 'Enter', text: '\r', vk: 13 });
    for (const [i, k] of keys.entries()) {
      const timestamp = stamp(t0 + i * gapMs);
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: k.key, code: k.code, text: k.text, windowsVirtualKeyCode: k.vk, timestamp });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.vk, timestamp: timestamp + stamp(1) });
    }
  } finally {
    await cdp.detach();
  }
}

/** `times` taps of one finger at (x, y), `gapMs` apart by their time stamps. */
export async function tapTimes(page: Page, x: number, y: number, times: number, gapMs = 150): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const t0 = Date.now();
    for (let i = 0; i < times; i++) {
      const at = t0 + i * gapMs;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }], timestamp: stamp(at) });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: stamp(at + 40) });
    }
  } finally {
    await cdp.detach();
  }
}
