import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'kiosk_session';
const BOOT_CODE_TTL_MS = 30_000;
/**
 * A session lives while it is used (sliding): a kiosk screen talks far more often than once a
 * day, a status or dev page is opened for a task. A cookie copied off the machine stops
 * working a day after the screen stopped using it, not a week later.
 */
export const SESSION_IDLE_MS: Readonly<Record<'screen' | 'status' | 'dev', number>> = { screen: 24 * 3600_000, status: 8 * 3600_000, dev: 8 * 3600_000 };
/** Live sessions per scope; a new one past the cap ends the least recently used. */
export const MAX_SESSIONS_PER_SCOPE = 8;

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
  lastUsed: number;
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
  const isExpired = (record: SessionRecord): boolean => record.lastUsed + SESSION_IDLE_MS[record.scope] < now();
  const scopeOf = (session: string | undefined): SessionScope | undefined => {
    if (!session) return undefined;
    const record = sessions.get(session);
    if (record === undefined) return undefined;
    sessions.delete(session);
    if (isExpired(record)) return undefined;
    // Re-inserted on every use: the Map's first entry of a scope is its least recently used.
    sessions.set(session, { ...record, lastUsed: now() });
    return record.scope;
  };
  /** Drops expired sessions, then the least recently used of `scope` until one more fits under the cap. */
  const makeRoom = (scope: SessionScope): void => {
    for (const [id, record] of sessions) if (isExpired(record)) sessions.delete(id);
    const ofScope = [...sessions].filter(([, r]) => r.scope === scope).map(([id]) => id);
    for (const id of ofScope.slice(0, Math.max(0, ofScope.length - MAX_SESSIONS_PER_SCOPE + 1))) sessions.delete(id);
  };

  return {
    /** A new single-use code for the launcher to put in the URL fragment. */
    issueBootCode(scope: SessionScope = 'screen'): string {
      const code = token();
      bootCodes.set(code, { expires: now() + BOOT_CODE_TTL_MS, scope });
      return code;
    },
    /**
     * Consumes a boot code; returns a session token, or null if unknown, used or expired. A page
     * that reloads sends the cookie it already has (`previous`, per scope): that session is
     * replaced, so reloads never pile sessions up.
     */
    exchange(code: string, previous: Partial<Record<SessionScope, string>> = {}): string | null {
      let found: string | null = null;
      for (const [c, entry] of bootCodes) {
        if (entry.expires < now()) bootCodes.delete(c);
        else if (safeEqual(c, code)) found = c;
      }
      const entry = found === null ? undefined : bootCodes.get(found);
      if (found === null || entry === undefined) return null;
      bootCodes.delete(found);
      const replaced = previous[entry.scope];
      if (replaced !== undefined && sessions.get(replaced)?.scope === entry.scope) sessions.delete(replaced);
      makeRoom(entry.scope);
      const session = token();
      sessions.set(session, { lastUsed: now(), scope: entry.scope });
      return session;
    },
    /** The scope of a live session, or undefined when there is none. */
    scopeOf,
    isValidSession: (session: string | undefined): boolean => scopeOf(session) !== undefined,
    /** Live sessions of a scope (status page, tests). */
    countSessions: (scope: SessionScope): number => [...sessions.values()].filter((r) => r.scope === scope && !isExpired(r)).length,
  };
}
export type Auth = ReturnType<typeof createAuth>;

/** The only Host and Origin the local API accepts (DNS-rebinding and cross-site defence). */
export function expectedOrigin(port: number): { host: string; origin: string } {
  return { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
}
