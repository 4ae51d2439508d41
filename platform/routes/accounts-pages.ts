import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AdminMe, AuditEntry } from '../../contract/authoring.ts';
import { principalFor, principalOf, requireRole, type Principal } from '../accounts/admin-auth.ts';
import { changeAccount, createAccount, publicAccount, type AccountResult } from '../accounts/account-service.ts';
import { sendError } from '../auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { SMALL_BODY_LIMIT } from '../limits.ts';
import { ADMIN_ROLES, type AccountRecord, type AuditRecord } from '../store/account-store.ts';
import { esc } from './admin-page.ts';
import { adminPage, withPage } from './page-shell.ts';

/** GET /v1/admin/me's answer (contract AdminMeSchema). */
function meOf(p: Principal): AdminMe {
  return p.kind === 'token' ? { username: 'token', displayName: '管理令牌 admin token', roles: [...ADMIN_ROLES] } : { username: p.account.username, displayName: p.account.displayName, roles: [...p.account.roles] };
}

const roleBoxes = (checked: readonly string[]) =>
  ADMIN_ROLES.map((r) => `<label><input type="checkbox" name="roles" value="${r}"${checked.includes(r) ? ' checked' : ''}> ${r}</label>`).join(' ');

function accountRow(a: AccountRecord): string {
  return `<tr data-account="${esc(a.username)}"><td>${esc(a.username)}</td><td>${esc(a.displayName)}</td><td>${a.disabled ? 'disabled' : 'active'}</td>
<td><form method="post" action="/accounts/${esc(a.accountId)}">${roleBoxes(a.roles)}
<label><input type="checkbox" name="disabled" value="1"${a.disabled ? ' checked' : ''}> disabled</label>
<label>New password <input name="password" type="password" autocomplete="new-password"></label> <button>Save</button></form></td></tr>`;
}

function accountsBody(accounts: AccountRecord[], message: string | null): string {
  return `<h1>Accounts</h1>${message ? `<p role="alert" id="message">${esc(message)}</p>` : ''}
<table id="accounts"><thead><tr><th>username</th><th>name</th><th>state</th><th>roles, password</th></tr></thead><tbody>${accounts.map(accountRow).join('')}</tbody></table>
<h2>Add an account</h2><form method="post" action="/accounts" id="new-account">
<p><label>Username <input name="username" required></label> <label>Display name <input name="displayName" required></label></p>
<p>${roleBoxes(['editor'])}</p><p><label>Password (12+ characters) <input name="password" type="password" autocomplete="new-password" required></label></p>
<button>Add</button></form>
<p>Editors edit content and run imports; publishers also publish packages to kiosks; fleet admins manage kiosks, enrolment and accounts.</p>`;
}

function auditBody(rows: AuditRecord[]): string {
  const tr = rows.map((r) => `<tr><td>${esc(new Date(r.at).toISOString())}</td><td>${esc(r.actor)}</td><td data-field="action">${esc(r.action)}</td><td>${esc(r.target)}</td><td><code>${esc(r.detail.slice(0, 300))}</code></td></tr>`).join('');
  return `<h1>Audit log</h1><table id="audit"><thead><tr><th>at</th><th>who</th><th>action</th><th>target</th><th>detail</th></tr></thead><tbody>${tr || '<tr><td colspan="5">nothing yet</td></tr>'}</tbody></table>`;
}

/** A form posts `roles` once per ticked box (one string) or not at all; JSON posts an array. */
function formToChange(body: Record<string, unknown>): Record<string, unknown> {
  const roles = body.roles === undefined ? [] : Array.isArray(body.roles) ? body.roles : [body.roles];
  const out: Record<string, unknown> = { roles, disabled: body.disabled === '1' };
  if (typeof body.password === 'string' && body.password !== '') out.password = body.password;
  return out;
}

async function answerForm(reply: FastifyReply, deps: PlatformDeps, p: Principal, result: AccountResult, done: string) {
  if (result.ok) return reply.redirect('/accounts', 303);
  return reply.code(result.status).send(adminPage(p, 'Accounts', accountsBody(await deps.store.listAccounts(), `${done}: ${result.message}`)));
}

/** Account management (fleet admins) as pages and as JSON, and the audit log. */
export function registerAccountPages(app: FastifyInstance, deps: PlatformDeps): void {
  app.get('/accounts', (req, reply) => withPage(req, reply, deps, 'fleet-admin', async (p) => adminPage(p, 'Accounts', accountsBody(await deps.store.listAccounts(), null))));
  app.post<{ Body: Record<string, unknown> }>('/accounts', { bodyLimit: SMALL_BODY_LIMIT }, (req, reply) =>
    withPage(req, reply, deps, 'fleet-admin', async (p) => {
      const body = req.body ?? {};
      const input = { ...body, roles: body.roles === undefined ? [] : Array.isArray(body.roles) ? body.roles : [body.roles] };
      return answerForm(reply, deps, p, await createAccount(deps, p, input), 'Not added');
    }),
  );
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/accounts/:id', { bodyLimit: SMALL_BODY_LIMIT }, (req, reply) =>
    withPage(req, reply, deps, 'fleet-admin', async (p) => answerForm(reply, deps, p, await changeAccount(deps, p, req.params.id, formToChange(req.body ?? {})), 'Not saved')),
  );
  app.get('/audit', (req, reply) => withPage(req, reply, deps, null, async (p) => adminPage(p, 'Audit log', auditBody(await deps.store.listAudit(500)))));

  // Who is signed in, for the apps to offer only what the roles allow (any role; 401 without a session).
  app.get('/v1/admin/me', async (req, reply) => {
    const p = await principalOf(req, deps);
    if (!p) return sendError(reply, 401, 'unauthorized', 'sign in, or send the admin token');
    return reply.header('cache-control', 'no-store').send(meOf(p));
  });
  const guard = { bodyLimit: SMALL_BODY_LIMIT, onRequest: requireRole(deps, 'fleet-admin') };
  app.get('/v1/admin/accounts', guard, async () => ({ accounts: (await deps.store.listAccounts()).map(publicAccount) }));
  app.post('/v1/admin/accounts', guard, async (req, reply) => {
    const r = await createAccount(deps, await principalFor(req, deps), req.body ?? {});
    return r.ok ? reply.code(201).send(publicAccount(r.value)) : sendError(reply, r.status, r.code, r.message);
  });
  app.patch<{ Params: { id: string } }>('/v1/admin/accounts/:id', guard, async (req, reply) => {
    const r = await changeAccount(deps, await principalFor(req, deps), req.params.id, req.body ?? {});
    return r.ok ? publicAccount(r.value) : sendError(reply, r.status, r.code, r.message);
  });
  // AuditEntry (contract/authoring.ts): `at` in ms, `detail` the stored JSON text; `before` pages back.
  app.get<{ Querystring: { limit?: string; before?: string } }>('/v1/admin/audit', { onRequest: requireRole(deps, 'editor') }, async (req, reply) => {
    const { limit: l, before: b } = req.query;
    const limit = l === undefined ? 200 : /^\d{1,4}$/.test(l) ? Math.min(1000, Math.max(1, Number(l))) : null;
    const before = b === undefined ? undefined : /^\d{1,15}$/.test(b) ? Number(b) : null;
    if (limit === null || before === null) {
      req.log.warn({ query: req.query }, 'audit query refused');
      return sendError(reply, 400, 'bad-request', 'limit: 1–1000; before: a time in ms since the epoch');
    }
    const entries: AuditEntry[] = (await deps.store.listAudit(limit, before)).map((r) => ({ at: r.at, actor: r.actor, action: r.action, target: r.target, detail: r.detail }));
    return { entries };
  });
}
