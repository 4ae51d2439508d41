import { describe, expect, it } from 'vitest';
import { judgeScreen, RestartBudget, type ScreenObservation } from './policy.ts';

const budget = { baseMs: 250, capMs: 2000, maxInWindow: 5, windowMs: 10 * 60_000, cooldownMs: 60_000 };
const watchdog = { silentMs: 10_000, reloadGraceMs: 15_000, longTaskMs: 5000, firstBeatMs: 30_000 };

describe('restart budget', () => {
  it('backs off exponentially up to the cap, gives up after 5 failures in 10 minutes', () => {
    let t = 0;
    const b = new RestartBudget(budget, () => t);
    const delays = [1, 2, 3, 4, 5].map(() => {
      const d = b.fail();
      t += 1000;
      return d.kind === 'restart' ? d.delayMs : null;
    });
    expect(delays).toEqual([250, 500, 1000, 2000, 2000]);
    expect(b.fail()).toEqual({ kind: 'give-up', retryInMs: 60_000, failuresInWindow: 6 });
  });

  it('forgets failures older than the window', () => {
    let t = 0;
    const b = new RestartBudget(budget, () => t);
    for (let i = 0; i < 5; i++) b.fail();
    t = 10 * 60_000 + 1;
    expect(b.fail()).toEqual({ kind: 'restart', delayMs: 250, failuresInWindow: 1 });
    expect(b.failuresInWindow()).toBe(1);
  });
});

describe('screen watchdog', () => {
  const base: ScreenObservation = { startedAt: 0, lastBeatAt: 1000, reloadedAt: null, lastLongTaskMs: 0, serviceUp: true, serviceUpSince: 0 };

  it('is content while heartbeats arrive', () => {
    expect(judgeScreen(base, 10_999, watchdog)).toEqual({ kind: 'ok' });
  });

  it('reloads a silent page, then recreates it when the reload did not bring heartbeats back', () => {
    expect(judgeScreen(base, 11_000, watchdog).kind).toBe('reload');
    const reloaded = { ...base, reloadedAt: 11_000 };
    expect(judgeScreen(reloaded, 25_999, watchdog)).toEqual({ kind: 'ok' });
    expect(judgeScreen(reloaded, 26_000, watchdog).kind).toBe('recreate');
  });

  it('reloads a page that reports a long task', () => {
    expect(judgeScreen({ ...base, lastLongTaskMs: 6000 }, 2000, watchdog)).toEqual({ kind: 'reload', reason: 'long task 6000 ms' });
    expect(judgeScreen({ ...base, lastLongTaskMs: 4999 }, 2000, watchdog).kind).toBe('ok');
  });

  it('waits while the service is down, and gives the page time to reconnect after it is back', () => {
    expect(judgeScreen({ ...base, serviceUp: false }, 60_000, watchdog).kind).toBe('ok');
    expect(judgeScreen({ ...base, serviceUpSince: 55_000 }, 60_000, watchdog).kind).toBe('ok');
    expect(judgeScreen({ ...base, serviceUpSince: 55_000 }, 65_000, watchdog).kind).toBe('reload');
  });

  it('gives a new screen longer for its first heartbeat', () => {
    const fresh = { ...base, lastBeatAt: null, startedAt: 0 };
    expect(judgeScreen(fresh, 29_999, watchdog).kind).toBe('ok');
    expect(judgeScreen(fresh, 30_000, watchdog)).toEqual({ kind: 'reload', reason: 'no first heartbeat' });
  });
});
