import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit, principalOf, startSession } from '../accounts/admin-auth.ts';
import { dummyHash, hashPassword, MAX_PASSWORD_LENGTH, passwordProblem, verifyPassword } from '../accounts/passwords.ts';
import { clearSessionCookie } from '../accounts/session-cookie.ts';
import { hashToken, sameSecret } from '../auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { ADMIN_ROLES } from '../store/account-store.ts';
import { esc, page } from './admin-page.ts';
import { PAGE_CSP } from './page-shell.ts';

import { USERNAME } from '../accounts/account-service.ts';
const FORM_LIMIT = 8 * 1024;

const LoginSchema = z.object({
  username: z.string().trim().toLowerCase().max(64),
  password: z.string().max(MAX_PASSWORD_LENGTH * 4),
  next: z.string().max(512).optional(),
});
const SetupSchema = z.object({
  token: z.string().max(512),
  username: z.string().trim().toLowerCase().regex(USERNAME, 'a username is 2–32 of a-z 0-9 . _ - (starting with a letter or digit)'),
  displayName: z.string().trim().min(1).max(80),
  password: z.string().max(MAX_PASSWORD_LENGTH * 4),
  password2: z.string().max(MAX_PASSWORD_LENGTH * 4),
});

/** Only a local path may be a redirect target (no `//host`, no scheme): no open redirect. */
export function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store').send(body);
}

function loginPage(message: string | null, next: string, firstSetup: boolean): string {
  const setup = firstSetup ? '<p id="first-setup">No account exists yet: <a href="/setup">create the first one with the admin token</a>.</p>' : '';
  return page('Sign in', `<h1>Kiosk platform</h1>${setup}${message ? `<p role="alert" id="message">${esc(message)}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${esc(next)}">
<p><label>Username <input name="username" autocomplete="username" required></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<button id="sign-in">Sign in</button></form>`);
}

function setupPage(message: string | null): string {
  return page('First set-up', `<h1>First administrator</h1>
<p>The platform has no account yet. The admin token (printed at start, stored in the data directory) creates the first one; it gets every role (editor, publisher, fleet admin) and adds the others.</p>
${message ? `<p role="alert" id="message">${esc(message)}</p>` : ''}
<form method="post" action="/setup">
<p><label>Admin token <input name="token" type="password" autocomplete="off" required></label></p>
<p><label>Username <input name="username" autocomplete="username" required></label></p>
<p><label>Display name <input name="displayName" required></label></p>
<p><label>Password (12+ characters) <input name="password" type="password" autocomplete="new-password" required></label></p>
<p><label>Password again <input name="password2" type="password" autocomplete="new-password" required></label></p>
<button id="create">Create and sign in</button></form>`);
}

async function login(req: FastifyRequest, reply: FastifyReply, deps: PlatformDeps) {
  const body = LoginSchema.safeParse(req.body ?? {});
  const firstSetup = (await deps.store.countAccounts()) === 0;
  if (!body.success) return html(reply, 400, loginPage('Enter a username and a password.', '/', firstSetup));
  const { username, password } = body.data;
  const next = safeNext(body.data.next);
  const wait = deps.loginThrottle.retryAfterS(req.ip, username);
  if (wait > 0) {
    req.log.warn({ username, ip: req.ip }, 'sign-in throttled');
    return html(reply.header('retry-after', String(wait)), 429, loginPage(`Too many failed sign-ins: try again in ${wait} s.`, next, firstSetup));
  }
  const account = await deps.store.getAccountByUsername(username);
  // Unknown names cost the same scrypt, so timing does not tell which accounts exist.
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
  if (!account || !ok || account.disabled) {
    deps.loginThrottle.recordFailure(req.ip, username);
    req.log.warn({ username, ip: req.ip }, 'sign-in failed');
    return html(reply, 401, loginPage('Wrong username or password.', next, firstSetup));
  }
  deps.loginThrottle.recordSuccess(username);
  await startSession(req, reply, deps, account);
  await audit(deps, { kind: 'account', account, sessionHash: '' }, 'sign-in', `account:${account.username}`);
  return reply.redirect(next, 303);
}

async function setup(req: FastifyRequest, reply: FastifyReply, deps: PlatformDeps) {
  if ((await deps.store.countAccounts()) > 0) return reply.redirect('/login', 303);
  const wait = deps.loginThrottle.retryAfterS(req.ip, '(setup)');
  if (wait > 0) return html(reply.header('retry-after', String(wait)), 429, setupPage(`Too many failed attempts: try again in ${wait} s.`));
  const body = SetupSchema.safeParse(req.body ?? {});
  if (!body.success) return html(reply, 400, setupPage(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
  const b = body.data;
  if (!sameSecret(hashToken(b.token), hashToken(deps.adminToken))) {
    deps.loginThrottle.recordFailure(req.ip, '(setup)');
    req.log.warn({ ip: req.ip }, 'first set-up with a wrong admin token');
    return html(reply, 401, setupPage('That is not the admin token.'));
  }
  const problem = passwordProblem(b.password) ?? (b.password === b.password2 ? null : 'the two passwords differ');
  if (problem) return html(reply, 400, setupPage(problem));
  const account = { accountId: randomUUID(), username: b.username, displayName: b.displayName, roles: [...ADMIN_ROLES], passwordHash: await hashPassword(b.password), disabled: false, createdAt: deps.now() };
  if (!(await deps.store.createFirstAccount(account))) return reply.redirect('/login', 303);
  await audit(deps, { kind: 'token' }, 'account.create-first', `account:${account.username}`, { roles: account.roles });
  await startSession(req, reply, deps, account);
  return reply.redirect('/', 303);
}

/** `/login`, `/logout` and `/setup` (the first account, with the admin token). */
export function registerSignInPages(app: FastifyInstance, deps: PlatformDeps): void {
  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    if (await principalOf(req, deps)) return reply.redirect(safeNext(req.query.next), 303);
    return html(reply, 200, loginPage(null, safeNext(req.query.next), (await deps.store.countAccounts()) === 0));
  });
  app.post('/login', { bodyLimit: FORM_LIMIT }, (req, reply) => login(req, reply, deps));
  app.post('/logout', { bodyLimit: FORM_LIMIT }, async (req, reply) => {
    const p = await principalOf(req, deps);
    if (p?.kind === 'account') {
      await deps.store.deleteSession(p.sessionHash);
      await audit(deps, p, 'sign-out', `account:${p.account.username}`);
    }
    clearSessionCookie(req, reply, deps.publicOrigin);
    return reply.redirect('/login', 303);
  });
  app.get('/setup', async (_req, reply) => {
    if ((await deps.store.countAccounts()) > 0) return reply.redirect('/login', 303);
    return html(reply, 200, setupPage(null));
  });
  app.post('/setup', { bodyLimit: FORM_LIMIT }, (req, reply) => setup(req, reply, deps));
}
