import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_READY, openKioskPage, type KioskPage } from '../support/e2e.ts';
import type { ShelfRig } from '../support/shelf-rig.ts';
import { encodeFrame } from '../../hardware/shelf-node/codec.ts';
import { recordScreens } from '../support/screen-recorder.ts';
import { outboxEvents } from '../support/shopper-page.ts';

describe.skipIf(!E2E_READY)('lift a product on the shelf, see its story (real pty, real service, Chromium)', () => {
  let kiosk: KioskPage;
  let rig: ShelfRig;
  let page: Page;

  beforeAll(async () => {
    kiosk = await openKioskPage();
    ({ rig, page } = kiosk);
    await page.getByTestId('attract').waitFor({ timeout: 20_000 });
  }, 90_000);

  afterAll(async () => kiosk?.stop());

  const product = (channel: number) => {
    const p = rig.manifest.products[channel];
    if (!p) throw new Error(`no demo product for channel ${channel}`);
    return p;
  };
  const status = () => page.evaluate(async () => (await fetch('/api/status')).json() as Promise<{ hardware: { errors: Record<string, number> } }>);

  it('shows the lifted product’s Chinese name and story, and returns to attract on put-back', async () => {
    for (const ch of [0, 1, 2]) {
      const p = product(ch);
      await rig.sim.lift(ch);
      await expect.poll(() => page.getByTestId('product-name').first().textContent(), { timeout: 10_000 }).toBe(p.name['zh-CN']);
      const story = await page.getByTestId('product-story').first().textContent();
      expect(story).toContain(p.story.text['zh-CN'].slice(0, 12));
      await rig.sim.put(ch);
      await page.getByTestId('attract').waitFor({ timeout: 10_000 });
    }
  });

  it('switches to the newly lifted product while another is showing', async () => {
    await rig.sim.lift(0);
    await expect.poll(() => page.getByTestId('product-name').first().textContent(), { timeout: 10_000 }).toBe(product(0).name['zh-CN']);
    await rig.sim.lift(3);
    // Two products up: the new one is shown (beside the first, in the compare view).
    await page.locator(`[data-product-id="${product(3).id}"]`).first().waitFor({ timeout: 10_000 });
    await rig.sim.put(0);
    await expect.poll(() => page.getByTestId('product-name').allTextContents(), { timeout: 10_000 }).toEqual([product(3).name['zh-CN']]);
    await rig.sim.put(3);
    await page.getByTestId('attract').waitFor({ timeout: 10_000 });
  });

  it('leaves the attract screen up for an unbound slot', async () => {
    const screens = await recordScreens(page);
    const from = await screens.mark();
    await rig.sim.lift(10);
    // Sentinel: a bound slot lifted after it, on the same line. Once its product is on screen
    // the unbound lift was processed, and the screens in between show nothing else.
    await rig.sim.lift(2);
    await expect.poll(() => page.getByTestId('product-name').allTextContents(), { timeout: 10_000 }).toEqual([product(2).name['zh-CN']]);
    expect((await screens.since(from)).map((s) => s.products).filter((ids) => ids.length > 0)).toEqual([[product(2).id]]);
    await rig.sim.put(2);
    await rig.sim.put(10);
    await page.getByTestId('attract').waitFor({ timeout: 10_000 });
  });

  it('turns every LIFT and PUT frame into its row: 30 quick pairs, none lost, none doubled', async () => {
    const count = (type: string) => outboxEvents(rig.dataDir).filter((e) => e.type === type).length;
    // Start counting once the earlier tests' rows are all in: a put's row follows its screen.
    await expect.poll(() => count('shelf.put') - count('shelf.lift'), { timeout: 10_000 }).toBe(0);
    const [lifts, puts] = [count('shelf.lift'), count('shelf.put')];
    for (let i = 0; i < 30; i++) {
      await rig.sim.lift(i % 5);
      await page.locator(`[data-testid=product-page][data-product-id="${product(i % 5).id}"]`).waitFor({ timeout: 10_000 });
      await rig.sim.put(i % 5);
      await page.getByTestId('attract').waitFor({ timeout: 10_000 });
    }
    // Rows are written right after the screen changes: wait for the last one, then count exactly.
    await expect.poll(() => count('shelf.put') - puts, { timeout: 10_000 }).toBe(30);
    expect(count('shelf.lift') - lifts).toBe(30);
  }, 120_000);

  it('counts and logs bad input — unknown slot, bad CRC, over-long line, garbage — and never shows a product', async () => {
    const screens = await recordScreens(page);
    const from = await screens.mark();
    const before = (await status()).hardware.errors;
    await rig.sim.writeRaw(rig.sim.nextFrame('LIFT', ['40'])); // valid CRC, channel the board does not have
    const good = Buffer.from(encodeFrame(9000, 'LIFT', ['1']));
    good[good.length - 3] = good[good.length - 3] === 0x30 ? 0x31 : 0x30; // flip a CRC digit
    await rig.sim.writeRaw(good);
    await rig.sim.writeRaw(`$1,LIFT,${'9'.repeat(300)}*0000\n`);
    await rig.sim.writeRaw('\x00\xff garbage \x13\x37 $$$ **\n');
    await expect
      .poll(async () => {
        const e = (await status()).hardware.errors;
        return ['unknown-channel', 'bad-crc', 'too-long', 'garbage'].every((k) => (e[k] ?? 0) > (before[k] ?? 0));
      }, { timeout: 10_000 })
      .toBe(true);
    // Still alive: a good lift right after works — and, as the sentinel, it is the only
    // product any screen showed since the bad frames.
    await rig.sim.lift(2);
    await expect.poll(() => page.getByTestId('product-name').first().textContent(), { timeout: 10_000 }).toBe(product(2).name['zh-CN']);
    expect((await screens.since(from)).map((s) => s.products).filter((ids) => ids.length > 0)).toEqual([[product(2).id]]);
    await rig.sim.put(2);
    await page.getByTestId('attract').waitFor({ timeout: 10_000 });
  });
});
