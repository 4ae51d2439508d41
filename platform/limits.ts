import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/**
 * Platform limits (docs/security.md). All kiosks of a store may sit behind one NAT address, so
 * the per-IP limit is generous; the per-kiosk limits apply only after authentication, so
 * nobody can spend another kiosk's budget by naming it.
 */
export interface PlatformLimits {
  /** Requests per minute per client address (before authentication or body parsing). */
  perIpPerMinute: number;
  /** Requests per minute per authenticated kiosk. */
  perKioskPerMinute: number;
  /** Events a kiosk may push per hour (quota; a week's backlog is ~200k). */
  eventsPerKioskPerHour: number;
  /** Largest canonical event of an unknown type or version (stored as it is). */
  maxUnknownEventBytes: number;
  /** Largest canonical event of any type. */
  maxEventBytes: number;
}

export const DEFAULT_LIMITS: PlatformLimits = {
  perIpPerMinute: 6000,
  perKioskPerMinute: 1200,
  eventsPerKioskPerHour: 500_000,
  maxUnknownEventBytes: 16 * 1024,
  maxEventBytes: 64 * 1024,
};

/** Small bodies for everything but an event push: refused before they are read in full. */
export const SMALL_BODY_LIMIT = 64 * 1024;

/** Per-address limit with @fastify/rate-limit at onRequest: before auth, before the body is read. */
export async function registerIpRateLimit(app: FastifyInstance, limits: PlatformLimits): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: limits.perIpPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'rate-limited', message: `too many requests from this address; retry in ${Math.ceil(ctx.ttl / 1000)} s` }),
  });
}

/**
 * Fixed-window counters per key (kiosk id): `take(key, n)` spends n units, or answers how many
 * seconds until the window resets. Keys are authenticated kiosks, so the map stays small.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string, n = 1): { ok: true } | { ok: false; retryAfterS: number } {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, used: 0 };
      this.windows.set(key, w);
    }
    if (w.used + n > this.max) return { ok: false, retryAfterS: Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000)) };
    w.used += n;
    return { ok: true };
  }
}
