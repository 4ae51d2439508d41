import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PlatformDeps } from '../deps.ts';
import { ADMIN_ROLES, type AccountRecord, type AdminRole } from '../store/account-store.ts';
import { audit, type Principal } from './admin-auth.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, passwordProblem } from './passwords.ts';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const Roles = z.array(z.enum(ADMIN_ROLES)).min(1, 'an account needs at least one role').max(3);

export const NewAccountSchema = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME, 'a username is 2–32 of a-z 0-9 . _ - (starting with a letter or digit)'),
  displayName: z.string().trim().min(1, 'a display name is required').max(80),
  roles: Roles,
  password: z.string().max(MAX_PASSWORD_LENGTH * 4),
});
export const AccountChangeSchema = z.object({
  roles: Roles.optional(),
  disabled: z.boolean().optional(),
  password: z.string().max(MAX_PASSWORD_LENGTH * 4).optional(),
});

export type AccountResult = { ok: true; value: AccountRecord } | { ok: false; status: number; code: string; message: string };

const fail = (status: number, code: string, message: string): AccountResult => ({ ok: false, status, code, message });

/** What an account looks like outside the store: never its password hash. */
export function publicAccount(a: AccountRecord) {
  return { accountId: a.accountId, username: a.username, displayName: a.displayName, roles: a.roles, disabled: a.disabled, createdAt: new Date(a.createdAt).toISOString() };
}

export async function createAccount(deps: PlatformDeps, by: Principal, input: unknown): Promise<AccountResult> {
  const parsed = NewAccountSchema.safeParse(input);
  if (!parsed.success) return fail(400, 'bad-request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const b = parsed.data;
  const problem = passwordProblem(b.password);
  if (problem) return fail(400, 'weak-password', problem);
  const roles = [...new Set(b.roles)];
  const account: AccountRecord = { accountId: randomUUID(), username: b.username, displayName: b.displayName, roles, passwordHash: await hashPassword(b.password), disabled: false, createdAt: deps.now() };
  if (!(await deps.store.createAccount(account))) return fail(409, 'username-taken', `the username ${b.username} is taken`);
  await audit(deps, by, 'account.create', `account:${account.username}`, { roles });
  return { ok: true, value: account };
}

async function isLastFleetAdmin(deps: PlatformDeps, account: AccountRecord): Promise<boolean> {
  const admins = (await deps.store.listAccounts()).filter((a) => !a.disabled && a.roles.includes('fleet-admin'));
  return admins.length === 1 && admins[0]?.accountId === account.accountId;
}

/** Changes roles, disables/enables or resets the password; any change ends the account's sessions. */
export async function changeAccount(deps: PlatformDeps, by: Principal, accountId: string, input: unknown): Promise<AccountResult> {
  const parsed = AccountChangeSchema.safeParse(input);
  if (!parsed.success) return fail(400, 'bad-request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const account = await deps.store.getAccount(accountId);
  if (!account) return fail(404, 'not-found', 'no such account');
  const c = parsed.data;
  const losesAdmin = c.disabled === true || (c.roles !== undefined && !c.roles.includes('fleet-admin'));
  if (losesAdmin && (await isLastFleetAdmin(deps, account))) return fail(409, 'last-fleet-admin', 'the last enabled fleet admin cannot lose that role or be disabled');
  if (c.password !== undefined) {
    const problem = passwordProblem(c.password);
    if (problem) return fail(400, 'weak-password', problem);
  }
  const roles: AdminRole[] | undefined = c.roles === undefined ? undefined : [...new Set(c.roles)];
  await deps.store.updateAccount(accountId, {
    ...(roles === undefined ? {} : { roles }),
    ...(c.disabled === undefined ? {} : { disabled: c.disabled }),
    ...(c.password === undefined ? {} : { passwordHash: await hashPassword(c.password) }),
  });
  await deps.store.deleteSessionsOf(accountId);
  await audit(deps, by, 'account.change', `account:${account.username}`, { roles, disabled: c.disabled, passwordReset: c.password !== undefined });
  return { ok: true, value: (await deps.store.getAccount(accountId)) ?? account };
}
