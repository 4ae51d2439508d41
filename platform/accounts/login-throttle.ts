/**
 * Sign-in rate limit: failed attempts counted per client address and per username in a
 * sliding window. Past the limit every attempt (right or wrong) is refused until the window
 * moves on, so guessing is slow and a wrong guess never tells more than a right one.
 */
export interface LoginThrottleOptions {
  windowMs: number;
  maxFailuresPerAddress: number;
  maxFailuresPerUsername: number;
  /** Keys tracked at most (oldest dropped first): memory stays bounded under a spray. */
  maxKeys: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { windowMs: 15 * 60_000, maxFailuresPerAddress: 30, maxFailuresPerUsername: 5, maxKeys: 10_000 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: LoginThrottleOptions,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait before another attempt, or 0 when one is allowed. */
  retryAfterS(address: string, username: string): number {
    const a = this.waitFor(`ip:${address}`, this.opts.maxFailuresPerAddress);
    const u = this.waitFor(`user:${username}`, this.opts.maxFailuresPerUsername);
    return Math.max(a, u);
  }

  recordFailure(address: string, username: string): void {
    for (const key of [`ip:${address}`, `user:${username}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > this.opts.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** A successful sign-in clears the username's count (not the address's: one address may spray many names). */
  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.opts.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private waitFor(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    const first = list[list.length - max] ?? this.now();
    return Math.max(1, Math.ceil((first + this.opts.windowMs - this.now()) / 1000));
  }
}
