/**
 * Supervision policy for the kiosk appliance (issue 14), as pure functions over an injected
 * clock: the Electron shell and the browser fallback both run it, so what the tests prove on
 * the fallback is the same decision the shell makes.
 */

/** Restart budget for one supervised part (the service, or the screen). */
export interface RestartBudgetOptions {
  /** First restart delay; doubles per failure in the window. */
  baseMs: number;
  /** Largest restart delay. */
  capMs: number;
  /** Failures allowed in `windowMs` before the part is given up (e.g. 5 in 10 minutes). */
  maxInWindow: number;
  windowMs: number;
  /** After giving up, one more attempt is made this long after the last failure. */
  cooldownMs: number;
}

/** What to do after a failure. */
export type RestartDecision =
  | { kind: 'restart'; delayMs: number; failuresInWindow: number }
  /** The cap is reached: show the staff error screen, raise a health event, retry after `retryInMs`. */
  | { kind: 'give-up'; retryInMs: number; failuresInWindow: number };

export const DEFAULT_SERVICE_BUDGET: RestartBudgetOptions = { baseMs: 250, capMs: 4000, maxInWindow: 5, windowMs: 10 * 60_000, cooldownMs: 10 * 60_000 };
export const DEFAULT_SCREEN_BUDGET: RestartBudgetOptions = { baseMs: 250, capMs: 4000, maxInWindow: 5, windowMs: 10 * 60_000, cooldownMs: 10 * 60_000 };

/** Capped exponential backoff with a failure cap per sliding window. */
export class RestartBudget {
  private failures: number[] = [];

  constructor(
    private readonly opts: RestartBudgetOptions,
    private readonly now: () => number,
  ) {}

  /** Records a failure and decides what follows it. */
  fail(): RestartDecision {
    const t = this.now();
    this.failures = this.failures.filter((f) => f > t - this.opts.windowMs);
    this.failures.push(t);
    const n = this.failures.length;
    if (n > this.opts.maxInWindow) return { kind: 'give-up', retryInMs: this.opts.cooldownMs, failuresInWindow: n };
    return { kind: 'restart', delayMs: Math.min(this.opts.capMs, this.opts.baseMs * 2 ** (n - 1)), failuresInWindow: n };
  }

  /** Failures still inside the window. */
  failuresInWindow(): number {
    const t = this.now();
    return this.failures.filter((f) => f > t - this.opts.windowMs).length;
  }
}

/** Watchdog thresholds for the screen. */
export interface WatchdogOptions {
  /** No heartbeat for this long (service up, screen started) → reload the page. */
  silentMs: number;
  /** Still no heartbeat this long after a reload → recreate the screen (new window / browser). */
  reloadGraceMs: number;
  /** A single long task this long (reported by the page after it ended) → reload. */
  longTaskMs: number;
  /** A screen that never sent its first heartbeat gets this long before it counts as hung. */
  firstBeatMs: number;
}

export const DEFAULT_WATCHDOG: WatchdogOptions = { silentMs: 10_000, reloadGraceMs: 15_000, longTaskMs: 5_000, firstBeatMs: 30_000 };

/** What the watchdog knows about the screen at one instant. */
export interface ScreenObservation {
  /** The screen (window / browser) was started or recreated at this time. */
  startedAt: number;
  /** Last heartbeat received, null before the first. */
  lastBeatAt: number | null;
  /** When the last reload was asked for (null: none since the last heartbeat). */
  reloadedAt: number | null;
  /** The longest task the page reported in its last heartbeat. */
  lastLongTaskMs: number;
  /** Heartbeats cannot arrive while the service is down: the watchdog waits for it. */
  serviceUp: boolean;
  /** When the service last became ready (the page needs time to reconnect). */
  serviceUpSince: number;
}

export type WatchdogVerdict = { kind: 'ok' } | { kind: 'reload'; reason: string } | { kind: 'recreate'; reason: string };

/**
 * Decides whether the screen is healthy. A hung page sends no heartbeat (its main thread is
 * stuck), so silence is the main signal; a page that reports a long task after the fact is
 * reloaded too. Escalation: reload first, recreate when the reload did not bring it back.
 */
export function judgeScreen(o: ScreenObservation, now: number, opts: WatchdogOptions): WatchdogVerdict {
  if (!o.serviceUp) return { kind: 'ok' };
  if (o.reloadedAt !== null) {
    const since = Math.max(o.reloadedAt, o.serviceUpSince);
    return now - since >= opts.reloadGraceMs ? { kind: 'recreate', reason: 'no heartbeat after reload' } : { kind: 'ok' };
  }
  if (o.lastBeatAt === null) {
    const since = Math.max(o.startedAt, o.serviceUpSince);
    return now - since >= opts.firstBeatMs ? { kind: 'reload', reason: 'no first heartbeat' } : { kind: 'ok' };
  }
  if (o.lastLongTaskMs >= opts.longTaskMs) return { kind: 'reload', reason: `long task ${Math.round(o.lastLongTaskMs)} ms` };
  // The page reconnects with backoff after a service restart: count silence from whichever is later.
  const since = Math.max(o.lastBeatAt, o.serviceUpSince);
  return now - since >= opts.silentMs ? { kind: 'reload', reason: `no heartbeat for ${now - since} ms` } : { kind: 'ok' };
}
