import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A platform secret in `<dataDir>/<name>` (mode 0600), created at first start. Processes that
 * share one PostgreSQL database share the data directory too (docs/platform-postgres.md).
 */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The phone page's key of an order: 128 bits, HMAC-derived from a platform secret and the
 * order id, so a repeated POST /v1/orders answers the same URL while the database holds only
 * the key's sha256 (a leaked database reveals no key).
 */
export class OrderKeys {
  constructor(private readonly secret: string) {}

  keyOf(orderId: string): string {
    return createHmac('sha256', this.secret).update(`order-key:${orderId}`).digest().subarray(0, 16).toString('base64url');
  }

  static hash(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }

  /** Constant-time check of a key from a URL against the stored hash. */
  static matches(key: unknown, storedHash: string): boolean {
    if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(key)) return false;
    return timingSafeEqual(Buffer.from(OrderKeys.hash(key)), Buffer.from(storedHash));
  }
}
