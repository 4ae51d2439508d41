import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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

export interface SessionRecord {
  lastUsed: number;
  scope: SessionScope;
}

/** Where page sessions outlive a service restart (issue 14): only sha256 hashes of the tokens are stored. */
export interface SessionPersistence {
  load(): Array<[hash: string, record: SessionRecord]>;
  save(entries: Array<[hash: string, record: SessionRecord]>): void;
}

/** A session's last use is written back at most this often (a page polls; the disk need not). */
const PERSIST_TOUCH_MS = 60_000;

function hashToken(t: string): string {
  return createHash('sha256').update(t).digest('hex');
}

/**
 * Local API auth (docs/local-api.md): single-use bootstrap codes (30 s) that the page exchanges
 * once for an HttpOnly session cookie. Boot codes never survive a restart; page sessions do when
 * `persist` is given (kept as token hashes), so a screen reconnects by itself after the service
 * was restarted by its supervisor. Staff roles sit on top of a screen session
 * (service/staff/staff-service.ts) and end with the process.
 */
export function createAuth(now: () => number = Date.now, persist?: SessionPersistence) {
  const bootCodes = new Map<string, { expires: number; scope: SessionScope }>();
  // Keyed by the token's hash: what is in memory (and on disk) cannot be replayed as a cookie.
  const sessions = new Map<string, SessionRecord>(persist?.load() ?? []);
  const save = (): void => persist?.save([...sessions]);
  const isExpired = (record: SessionRecord): boolean => record.lastUsed + SESSION_IDLE_MS[record.scope] < now();
  const scopeOf = (session: string | undefined): SessionScope | undefined => {
    if (!session) return undefined;
    const key = hashToken(session);
    const record = sessions.get(key);
    if (record === undefined) return undefined;
    sessions.delete(key);
    if (isExpired(record)) {
      save();
      return undefined;
    }
    // Re-inserted on every use: the Map's first entry of a scope is its least recently used.
    const t = now();
    sessions.set(key, { ...record, lastUsed: t });
    if (t - record.lastUsed >= PERSIST_TOUCH_MS) save();
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
      const replaced = previous[entry.scope] === undefined ? undefined : hashToken(previous[entry.scope] ?? '');
      if (replaced !== undefined && sessions.get(replaced)?.scope === entry.scope) sessions.delete(replaced);
      makeRoom(entry.scope);
      const session = token();
      sessions.set(hashToken(session), { lastUsed: now(), scope: entry.scope });
      save();
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
