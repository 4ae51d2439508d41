/** Failures allowed before the first wait. */
export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 5_000;
const MAX_WAIT_MS = 15 * 60_000;

interface Entry {
  failures: number;
  lockedUntil: number;
}

/**
 * Sign-in lockout with a growing delay: after FREE_ATTEMPTS failures each further failure
 * doubles the wait (5 s, 10 s, 20 s … 15 min). Kept per key; the service keys it per account
 * and per session, so neither guessing one account from many sessions nor many accounts
 * from one session gets far. A success clears the key.
 */
export class Lockout {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `key` may try again (0 = now). */
  remainingMs(key: string): number {
    const e = this.entries.get(key);
    return e === undefined ? 0 : Math.max(0, e.lockedUntil - this.now());
  }

  /** Counts a failure; returns the wait it starts (0 while attempts are still free). */
  fail(key: string): number {
    const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0 };
    e.failures += 1;
    const over = e.failures - FREE_ATTEMPTS;
    const wait = over < 0 ? 0 : Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over);
    e.lockedUntil = this.now() + wait;
    this.entries.set(key, e);
    return wait;
  }

  clear(key: string): void {
    this.entries.delete(key);
  }
}
