import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { E2E_READY } from '../support/e2e.ts';
import { outboxEvents } from '../support/shopper-page.ts';
import { startSupervisedKiosk, type SupervisedKiosk } from '../support/supervised-kiosk.ts';
import { withLoadSlack } from '../support/budgets.ts';
import { readHealthQueue } from '../../service/launch/supervisor/health-queue.ts';

/**
 * The kiosk appliance's supervisor over real parts (issue 14): the service as a Node child,
 * Debian Chromium as the screen, real SIGKILLs and a real busy loop in the page.
 */
/** A screen is back within this (relaunch + boot exchange + first paint); tests add load slack. */
const SCREEN_RECOVERY_BUDGET_MS = 5000;
const FAST_WATCHDOG = { silentMs: 3000, reloadGraceMs: 8000, longTaskMs: 2500, firstBeatMs: 20_000 };
const BUDGET = { baseMs: 100, capMs: 1000, maxInWindow: 5, windowMs: 10 * 60_000, cooldownMs: 10 * 60_000 };

let kiosk: SupervisedKiosk | null = null;
afterEach(async () => {
  await kiosk?.stop();
  kiosk = null;
});

function attractAfter(k: SupervisedKiosk, from: number, timeoutMs = withLoadSlack(SCREEN_RECOVERY_BUDGET_MS)) {
  return k.waitFor('screen-beat', { from, timeoutMs, where: (e) => e.screen === 'attract' });
}

describe.skipIf(!E2E_READY)('kiosk supervisor (browser fallback, real processes)', () => {
  it('a SIGKILLed Chromium is recreated and shows attract again; shelf events during the restart are all recorded', async () => {
    const k = (kiosk = await startSupervisedKiosk({ serviceBudget: BUDGET, screenBudget: BUDGET, watchdog: FAST_WATCHDOG }));
    await k.waitFor('screen-beat', { where: (e) => e.screen === 'attract' });
    const pid = k.screen.browserPid();
    expect(pid).not.toBeNull();
    const mark = k.events.length;
    process.kill(pid ?? 0, 'SIGKILL');
    // Shoppers keep lifting while the screen is away: the service records every one.
    for (const ch of [0, 1, 2]) {
      await k.sim.lift(ch);
      await k.sim.put(ch);
    }
    const gone = await k.waitFor('screen-gone', { from: mark });
    const back = await attractAfter(k, mark);
    expect(back.at - gone.at).toBeLessThan(withLoadSlack(SCREEN_RECOVERY_BUDGET_MS));
    await expect.poll(() => outboxEvents(k.dataDir).filter((e) => e.type === 'shelf.lift').map((e) => e.payload.channel)).toEqual([0, 1, 2]);
    expect(outboxEvents(k.dataDir).filter((e) => e.type === 'shelf.put')).toHaveLength(3);
    // The recreate is a health event for the platform.
    await expect.poll(() => outboxEvents(k.dataDir).filter((e) => e.type === 'kiosk.supervisor').map((e) => `${String(e.payload.part)}:${String(e.payload.action)}`)).toContain('screen:recreate');
  });

  it('a page stuck in a busy loop is detected by its silence and reloaded', async () => {
    const k = (kiosk = await startSupervisedKiosk({ serviceBudget: BUDGET, screenBudget: BUDGET, watchdog: FAST_WATCHDOG }));
    await k.waitFor('screen-beat', { where: (e) => e.screen === 'attract' });
    const page = k.screen.currentPage();
    if (page === null) throw new Error('no page');
    const mark = k.events.length;
    void page.evaluate('for (;;) {}').catch(() => undefined);
    const reload = await k.waitFor('screen-reload', { from: mark, timeoutMs: withLoadSlack(FAST_WATCHDOG.silentMs + 2000) });
    expect(reload.reason).toMatch(/no heartbeat/);
    await attractAfter(k, k.events.indexOf(reload));
    // Reloaded in place: the browser was not recreated.
    expect(k.events.slice(mark).some((e) => e.type === 'screen-recreate' || e.type === 'screen-gone')).toBe(false);
  });

  it('a SIGKILLed service is restarted and the same page reconnects by itself', async () => {
    const k = (kiosk = await startSupervisedKiosk({ serviceBudget: BUDGET, screenBudget: BUDGET, watchdog: FAST_WATCHDOG }));
    await k.waitFor('screen-beat', { where: (e) => e.screen === 'attract' });
    const browserPid = k.screen.browserPid();
    const mark = k.events.length;
    process.kill(k.service.pid() ?? 0, 'SIGKILL');
    await k.waitFor('service-exit', { from: mark });
    const ready = await k.waitFor('service-ready', { from: mark });
    await attractAfter(k, k.events.indexOf(ready), withLoadSlack(SCREEN_RECOVERY_BUDGET_MS));
    expect(k.events.slice(mark).filter((e) => e.type === 'screen-opened' || e.type === 'screen-recreate' || e.type === 'screen-reload')).toEqual([]);
    expect(k.screen.browserPid()).toBe(browserPid);
  });

  it('more service crashes than the cap → staff error screen and a health event; the service is retried after the cool-down', async () => {
    const cap = { ...BUDGET, maxInWindow: 2, cooldownMs: 4000 };
    const k = (kiosk = await startSupervisedKiosk({ serviceBudget: cap, screenBudget: BUDGET, watchdog: FAST_WATCHDOG }));
    await k.waitFor('screen-beat', { where: (e) => e.screen === 'attract' });
    for (let i = 0; i < 3; i++) {
      const ready = k.events.filter((e) => e.type === 'service-ready').length;
      const mark = k.events.length;
      process.kill(k.service.pid() ?? 0, 'SIGKILL');
      await k.waitFor('service-exit', { from: mark });
      if (i < 2) await k.waitFor('service-ready', { from: mark, where: () => k.events.filter((e) => e.type === 'service-ready').length > ready });
    }
    await k.waitFor('give-up', { where: (e) => e.part === 'service' });
    await k.waitFor('error-screen');
    const page = k.screen.currentPage();
    await expect.poll(async () => page?.locator('[data-testid="kiosk-error"]').getAttribute('data-part')).toBe('service');
    // Queued on disk while the service is down …
    const queued = readHealthQueue(k.dataDir).flatMap((q) => ('event' in q ? [q.event] : []));
    expect(queued.some((e) => e.action === 'give-up' && e.part === 'service')).toBe(true);
    // … and recorded for the platform once the service is back after the cool-down; the kiosk returns.
    const back = await k.waitFor('service-ready', { from: k.events.findIndex((e) => e.type === 'give-up') });
    await attractAfter(k, k.events.indexOf(back), withLoadSlack(SCREEN_RECOVERY_BUDGET_MS));
    await expect.poll(() => outboxEvents(k.dataDir).some((e) => e.type === 'kiosk.supervisor' && e.payload.action === 'give-up')).toBe(true);
    expect(fs.existsSync(k.dataDir)).toBe(true);
  });
});
