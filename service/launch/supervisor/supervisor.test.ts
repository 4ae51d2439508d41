import { describe, expect, it } from 'vitest';
import type { ParentMessage } from '../ipc.ts';
import type { SupervisorHealth } from './health-queue.ts';
import { KioskSupervisor, type ScreenHost, type ServiceHost, type SupervisorClock, type SupervisorEvent } from './supervisor.ts';

/**
 * Decision sequencing with a manual clock. The real parts (Node child, Chromium, SIGKILL, a
 * busy loop) are exercised in tests/e2e/supervisor.e2e.test.ts; here only the order of
 * decisions is checked, deterministically.
 */
function manualClock(): SupervisorClock & { advance(ms: number): Promise<void> } {
  let t = 0;
  let timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => t,
    setTimeout(fn, ms) {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return { cancel: () => (timers = timers.filter((x) => x !== timer)) };
    },
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((x) => x !== due);
        t = due.at;
        due.fn();
        await new Promise((r) => setImmediate(r));
      }
      t = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

function harness(maxInWindow = 2) {
  const clock = manualClock();
  const calls: string[] = [];
  const record = (call: string): Promise<void> => {
    calls.push(call);
    return Promise.resolve();
  };
  const health: SupervisorHealth[] = [];
  let handlers: Parameters<ServiceHost['start']>[0] | null = null;
  let gone: ((d: string) => void) | null = null;
  const service: ServiceHost = {
    start: (h) => {
      calls.push('service.start');
      handlers = h;
    },
    bootUrl: () => Promise.resolve('http://127.0.0.1:1/#boot=x'),
    flushHealth: () => undefined,
    stop: () => Promise.resolve(),
  };
  const screen: ScreenHost = {
    open: (_url, onGone) => {
      calls.push('screen.open');
      gone = onGone;
      return Promise.resolve();
    },
    reload: () => record('screen.reload'),
    showError: () => record('screen.error'),
    close: () => record('screen.close'),
  };
  const budget = { baseMs: 100, capMs: 1000, maxInWindow, windowMs: 60_000, cooldownMs: 30_000 };
  const sup = new KioskSupervisor({ service, screen, serviceBudget: budget, screenBudget: budget, watchdog: { silentMs: 3000, reloadGraceMs: 5000, longTaskMs: 2000, firstBeatMs: 10_000 }, queueHealth: (e) => void health.push(e), writeErrorPage: () => '/tmp/error.html', log: () => undefined, clock, tickMs: 100 });
  const events: SupervisorEvent[] = [];
  sup.on((e) => void events.push(e));
  const send = (m: ParentMessage) => handlers?.onMessage(m);
  return { sup, clock, calls, health, events, send, exit: (d: string) => handlers?.onExit(d), screenGone: (d: string) => gone?.(d) };
}

describe('kiosk supervisor decisions', () => {
  it('opens the screen once the service is ready; a restarted service does not reopen it', async () => {
    const h = harness();
    h.sup.start();
    h.send({ type: 'ready', port: 8787 });
    await h.clock.advance(10);
    expect(h.calls).toEqual(['service.start', 'screen.open']);
    h.exit('killed by SIGKILL');
    await h.clock.advance(100);
    h.send({ type: 'ready', port: 8787 });
    await h.clock.advance(10);
    expect(h.calls).toEqual(['service.start', 'screen.open', 'service.start']);
    expect(h.health.map((e) => `${e.part}:${e.action}`)).toEqual(['service:restart']);
  });

  it('reloads a silent screen, recreates it when the reload does not help, and gives up past the cap', async () => {
    const h = harness(2);
    h.sup.start();
    h.send({ type: 'ready', port: 8787 });
    await h.clock.advance(10);
    h.send({ type: 'screen-beat', screen: 'attract', longTaskMs: 0 });
    await h.clock.advance(3100);
    expect(h.calls.at(-1)).toBe('screen.reload');
    await h.clock.advance(5500);
    expect(h.calls.slice(-2)).toEqual(['screen.close', 'screen.open']);
    h.screenGone('browser exited');
    await h.clock.advance(10);
    expect(h.events.map((e) => e.type)).toContain('give-up');
    expect(h.calls.at(-1)).toBe('screen.open');
    expect(h.health.map((e) => `${e.part}:${e.action}`)).toEqual(['screen:reload', 'screen:recreate', 'screen:give-up']);
  });

  it('shows the error screen after too many service exits and retries after the cool-down', async () => {
    const h = harness(2);
    h.sup.start();
    h.send({ type: 'ready', port: 8787 });
    await h.clock.advance(10);
    for (let i = 0; i < 3; i++) {
      h.exit('exit code 1');
      await h.clock.advance(i < 2 ? 1000 : 10);
    }
    expect(h.calls.at(-1)).toBe('screen.error');
    expect(h.calls.filter((c) => c === 'service.start')).toHaveLength(3);
    await h.clock.advance(30_000);
    expect(h.calls.filter((c) => c === 'service.start')).toHaveLength(4);
    h.send({ type: 'ready', port: 8787 });
    await h.clock.advance(10);
    expect(h.calls.at(-1)).toBe('screen.reload');
  });
});
