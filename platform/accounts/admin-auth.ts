import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, isAdmin, sendError } from '../auth.ts';
import type { PlatformDeps } from '../deps.ts';
import type { AccountRecord, AdminRole } from '../store/account-store.ts';
import { readSessionCookie, setSessionCookie } from './session-cookie.ts';

/** A session ends 30 minutes after its last use, and 12 hours after sign-in whatever the use. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;
/** last_seen is written at most this often (a page load is not a database write). */
const TOUCH_EVERY_MS = 60_000;

/** Who is calling: the admin token (automation; every role) or a signed-in account. */
export type Principal = { kind: 'token' } | { kind: 'account'; account: AccountRecord; sessionHash: string };

export function hasRole(p: Principal, role: AdminRole): boolean {
  return p.kind === 'token' || p.account.roles.includes(role);
}

/** How the audit log names a principal. */
export function actorOf(p: Principal): string {
  return p.kind === 'token' ? 'token' : `account:${p.account.username}`;
}

/** Starts a session: a 256-bit random id in the cookie, only its sha256 in the store. */
export async function startSession(req: FastifyRequest, reply: FastifyReply, deps: PlatformDeps, account: AccountRecord): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  const now = deps.now();
  await deps.store.createSession({ idHash: hashToken(id), accountId: account.accountId, createdAt: now, lastSeen: now, expiresAt: now + SESSION_MAX_MS });
  setSessionCookie(req, reply, deps.publicOrigin, id, SESSION_MAX_MS / 1000);
}

async function sessionPrincipal(req: FastifyRequest, deps: PlatformDeps): Promise<Principal | null> {
  const id = readSessionCookie(req, deps.publicOrigin);
  if (id === null) return null;
  const idHash = hashToken(id);
  const session = await deps.store.getSession(idHash);
  const now = deps.now();
  if (!session) return null;
  if (session.expiresAt <= now || session.lastSeen + SESSION_IDLE_MS <= now) {
    await deps.store.deleteSession(idHash);
    return null;
  }
  const account = await deps.store.getAccount(session.accountId);
  if (!account || account.disabled) return null;
  if (now - session.lastSeen >= TOUCH_EVERY_MS) await deps.store.touchSession(idHash, now);
  return { kind: 'account', account, sessionHash: idHash };
}

const principals = new WeakMap<FastifyRequest, Principal | null>();

/** The caller, resolved once per request: a Bearer admin token, else the session cookie. */
export async function principalOf(req: FastifyRequest, deps: PlatformDeps): Promise<Principal | null> {
  if (principals.has(req)) return principals.get(req) ?? null;
  const p: Principal | null = isAdmin(req, deps.adminToken) ? { kind: 'token' } : await sessionPrincipal(req, deps);
  principals.set(req, p);
  return p;
}

/** onRequest guard for JSON admin routes: 401 without credentials, 403 without the role. */
export function requireRole(deps: PlatformDeps, role: AdminRole) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const p = await principalOf(req, deps);
    if (!p) return sendError(reply, 401, 'unauthorized', 'sign in, or send the admin token');
    if (!hasRole(p, role)) return sendError(reply, 403, 'forbidden', `needs the ${role} role`);
    return undefined;
  };
}

/** The principal a guarded handler runs for (the guard has already refused anyone else). */
export async function principalFor(req: FastifyRequest, deps: PlatformDeps): Promise<Principal> {
  const p = await principalOf(req, deps);
  if (!p) throw Object.assign(new Error('not signed in'), { statusCode: 401, code: 'unauthorized' });
  return p;
}

/** Records one audited action. */
export async function audit(deps: PlatformDeps, p: Principal, action: string, target: string, detail: unknown = {}): Promise<void> {
  await deps.store.appendAudit({ at: deps.now(), actor: actorOf(p), action, target, detail: JSON.stringify(detail) });
}
