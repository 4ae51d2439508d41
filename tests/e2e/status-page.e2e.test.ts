import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import { launchChromium } from '../support/browser.ts';
import { E2E_READY } from '../support/e2e.ts';
import { startShelfRig, type ShelfRig } from '../support/shelf-rig.ts';
import { teardown } from '../support/teardown.ts';

describe.skipIf(!E2E_READY)('staff status page (/status)', () => {
  let rig: ShelfRig;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    rig = await startShelfRig();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 90_000);

  afterAll(() =>
    teardown([
      ['browser', () => browser?.close()],
      ['shelf rig', () => rig?.stop()],
    ]),
  );

  it('shows the board, and an honest sync ledger while offline, and exports the unsent events', async () => {
    await rig.sim.lift(0);
    await rig.sim.put(0);
    await page.goto(await rig.service.bootUrl('/status'));
    await expect.poll(() => page.locator('tr[data-board="shelf-A"]').textContent(), { timeout: 10_000 }).toContain('connected');
    await expect.poll(() => page.locator('#sync').textContent(), { timeout: 10_000 }).toMatch(/analytics: [1-9]\d* unsent/);
    expect(await page.locator('#sync').textContent()).toContain('none (offline)');
    await page.getByRole('button', { name: /Export unsent ledger/ }).click();
    await expect.poll(() => page.locator('#exported').textContent(), { timeout: 10_000 }).toMatch(/unsent-.*\.jsonl$/);
    const file = (await page.locator('#exported').textContent()) ?? '';
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(expect.arrayContaining(['shelf.lift', 'shelf.put']));
  });
});
