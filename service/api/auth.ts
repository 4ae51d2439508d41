import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'kiosk_session';
const BOOT_CODE_TTL_MS = 30_000;
const SESSION_TTL_MS = 7 * 24 * 3600_000;

function token(): string {
  return randomBytes(32).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Per-launch local API auth (docs/local-api.md): single-use bootstrap codes (30 s) that the
 * page exchanges once for an HttpOnly session cookie. Nothing survives a restart.
 */
export function createAuth(now: () => number = Date.now) {
  const bootCodes = new Map<string, number>();
  const sessions = new Map<string, number>();

  return {
    /** A new single-use code for the launcher to put in the URL fragment. */
    issueBootCode(): string {
      const code = token();
      bootCodes.set(code, now() + BOOT_CODE_TTL_MS);
      return code;
    },
    /** Consumes a boot code; returns a session token, or null if unknown, used or expired. */
    exchange(code: string): string | null {
      let found: string | null = null;
      for (const [c, expires] of bootCodes) {
        if (expires < now()) bootCodes.delete(c);
        else if (safeEqual(c, code)) found = c;
      }
      if (!found) return null;
      bootCodes.delete(found);
      const session = token();
      sessions.set(session, now() + SESSION_TTL_MS);
      return session;
    },
    isValidSession(session: string | undefined): boolean {
      if (!session) return false;
      const expires = sessions.get(session);
      if (expires === undefined) return false;
      if (expires < now()) {
        sessions.delete(session);
        return false;
      }
      return true;
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;

/** The only Host and Origin the local API accepts (DNS-rebinding and cross-site defence). */
export function expectedOrigin(port: number): { host: string; origin: string } {
  return { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
}
