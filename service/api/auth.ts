import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'kiosk_session';
const BOOT_CODE_TTL_MS = 30_000;
const SESSION_TTL_MS = 7 * 24 * 3600_000;

/**
 * What a bootstrap session is for. `screen` is the kiosk page; `status` and `dev` are the
 * service's own small pages, whose sessions reach only the routes their page needs
 * (route-access.ts), never the staff or shopper routes.
 */
export type SessionScope = 'screen' | 'status' | 'dev';

/**
 * One cookie per scope: opening /status in the kiosk's own browser must not replace the kiosk
 * page's session with a status-page one (the shopper socket would then be refused).
 */
export const SCOPE_COOKIES: Readonly<Record<SessionScope, string>> = { screen: SESSION_COOKIE, status: 'kiosk_status_session', dev: 'kiosk_dev_session' };

/** The scope a boot code for `pathname` grants. */
export function scopeForPath(pathname: string): SessionScope {
  if (pathname === '/status' || pathname.startsWith('/status/')) return 'status';
  if (pathname === '/dev' || pathname.startsWith('/dev/')) return 'dev';
  return 'screen';
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** Equal-length compare in constant time; a length difference returns false at once (lengths are not secret). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

interface SessionRecord {
  expires: number;
  scope: SessionScope;
}

/**
 * Per-launch local API auth (docs/local-api.md): single-use bootstrap codes (30 s) that the
 * page exchanges once for an HttpOnly session cookie. Nothing survives a restart. Staff
 * roles sit on top of a screen session (service/staff/staff-service.ts).
 */
export function createAuth(now: () => number = Date.now) {
  const bootCodes = new Map<string, { expires: number; scope: SessionScope }>();
  const sessions = new Map<string, SessionRecord>();
  const scopeOf = (session: string | undefined): SessionScope | undefined => {
    if (!session) return undefined;
    const record = sessions.get(session);
    if (record === undefined) return undefined;
    if (record.expires < now()) {
      sessions.delete(session);
      return undefined;
    }
    return record.scope;
  };

  return {
    /** A new single-use code for the launcher to put in the URL fragment. */
    issueBootCode(scope: SessionScope = 'screen'): string {
      const code = token();
      bootCodes.set(code, { expires: now() + BOOT_CODE_TTL_MS, scope });
      return code;
    },
    /** Consumes a boot code; returns a session token, or null if unknown, used or expired. */
    exchange(code: string): string | null {
      let found: string | null = null;
      for (const [c, entry] of bootCodes) {
        if (entry.expires < now()) bootCodes.delete(c);
        else if (safeEqual(c, code)) found = c;
      }
      const entry = found === null ? undefined : bootCodes.get(found);
      if (found === null || entry === undefined) return null;
      bootCodes.delete(found);
      const session = token();
      sessions.set(session, { expires: now() + SESSION_TTL_MS, scope: entry.scope });
      return session;
    },
    /** The scope of a live session, or undefined when there is none. */
    scopeOf,
    isValidSession: (session: string | undefined): boolean => scopeOf(session) !== undefined,
  };
}
export type Auth = ReturnType<typeof createAuth>;

/** The only Host and Origin the local API accepts (DNS-rebinding and cross-site defence). */
export function expectedOrigin(port: number): { host: string; origin: string } {
  return { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
}
