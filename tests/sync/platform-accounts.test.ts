import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../platform/server.ts';
import { createAdminAccount, signIn, TEST_PASSWORD } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from './helpers.ts';

/**
 * Administrator accounts on the reference platform (issue 11): first set-up with the admin
 * token, scrypt passwords, sessions in a cookie holding only a random id, roles, CSRF and
 * framing defences, the sign-in throttle, and the audit log. Runs on both stores.
 */
const t = tempDir('platform-accounts');
let platform: RunningPlatform;
let clock = Date.UTC(2026, 10, 30, 8);

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${platform.url}${path}`, { method: 'POST', headers, body, redirect: 'manual' });
}

const formHeaders = (extra: Record<string, string> = {}) => ({ origin: platform.url, 'content-type': 'application/x-www-form-urlencoded', ...extra });
const jsonHeaders = (cookie: string, extra: Record<string, string> = {}) => ({ cookie, origin: platform.url, 'content-type': 'application/json', ...extra });

beforeAll(async () => {
  platform = await startTestPlatform(t.dir, { now: () => clock });
});
afterAll(() => teardown([['platform', () => platform.close()], ['temp dir', () => t.cleanup()]]));

describe('first set-up', () => {
  it('creates the first account only with the admin token, from the platform origin, once', async () => {
    const login = await (await fetch(`${platform.url}/login`)).text();
    expect(login).toContain('id="first-setup"');
    const fields = { token: ADMIN_TOKEN, username: 'Chen.Li', displayName: '陈丽', password: TEST_PASSWORD, password2: TEST_PASSWORD };
    const noOrigin = await post('/setup', form(fields), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(noOrigin.status).toBe(403);
    expect(((await noOrigin.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect((await post('/setup', form({ ...fields, token: 'wrong-token-wrong-token' }), formHeaders())).status).toBe(401);
    expect((await post('/setup', form({ ...fields, password2: 'something else entirely' }), formHeaders())).status).toBe(400);
    expect((await post('/setup', form({ ...fields, password: 'short', password2: 'short' }), formHeaders())).status).toBe(400);
    expect(await platform.deps.store.countAccounts()).toBe(0);

    const ok = await post('/setup', form(fields), formHeaders());
    expect(ok.status).toBe(303);
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^platform_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const account = await platform.deps.store.getAccountByUsername('chen.li');
    expect(account?.roles).toEqual(['editor', 'publisher', 'fleet-admin']);
    expect(account?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(account?.passwordHash).not.toContain(TEST_PASSWORD);

    const again = await post('/setup', form({ ...fields, username: 'other' }), formHeaders());
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/login');
    expect(await platform.deps.store.countAccounts()).toBe(1);
  });

  it('stores only the hash of the session id', async () => {
    const cookie = await signIn(platform.url, 'chen.li');
    const id = cookie.split('=')[1] ?? '';
    expect(await platform.deps.store.getSession(id)).toBeNull();
  });
});

describe('sessions and roles', () => {
  it('shows admin pages to a signed-in fleet admin and ends the session at sign-out', async () => {
    const cookie = await signIn(platform.url, 'chen.li');
    const home = await fetch(`${platform.url}/`, { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<h1>Fleet</h1>');
    expect((await fetch(`${platform.url}/fleet`, { headers: { cookie } })).status).toBe(200);
    const out = await post('/logout', '', formHeaders({ cookie }));
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/platform_session=;/);
    const after = await fetch(`${platform.url}/fleet`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?next=%2Ffleet');
  });

  it('gives each role only its own routes', async () => {
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'editor1', ['editor']);
    const editor = await signIn(platform.url, 'editor1');
    expect((await fetch(`${platform.url}/fleet`, { headers: { cookie: editor } })).status).toBe(403);
    expect((await fetch(`${platform.url}/v1/admin/overview`, { headers: { cookie: editor } })).status).toBe(403);
    expect((await post('/v1/admin/enrolment-codes', '{}', jsonHeaders(editor))).status).toBe(403);
    expect((await post('/v1/admin/content/publish', JSON.stringify({ dir: '/nonexistent' }), jsonHeaders(editor))).status).toBe(403);
    const home = await (await fetch(`${platform.url}/`, { headers: { cookie: editor } })).text();
    expect(home).not.toContain('<h1>Fleet</h1>');
    expect(home).not.toContain('href="/accounts"');
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'pub1', ['publisher']);
    const publisher = await signIn(platform.url, 'pub1');
    const publish = await post('/v1/admin/content/publish', JSON.stringify({ dir: '/nonexistent' }), jsonHeaders(publisher));
    expect(publish.status).toBe(422);
  });

  it('ends a session after 30 minutes idle and refuses a disabled account', async () => {
    const cookie = await signIn(platform.url, 'editor1');
    clock += 29 * 60_000;
    expect((await fetch(`${platform.url}/audit`, { headers: { cookie } })).status).toBe(200);
    clock += 29 * 60_000;
    expect((await fetch(`${platform.url}/audit`, { headers: { cookie } })).status).toBe(200);
    clock += 31 * 60_000;
    expect((await fetch(`${platform.url}/audit`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);

    const fresh = await signIn(platform.url, 'editor1');
    const admin = await signIn(platform.url, 'chen.li');
    const accounts = (await (await fetch(`${platform.url}/v1/admin/accounts`, { headers: { cookie: admin } })).json()) as { accounts: Array<{ accountId: string; username: string }> };
    const id = accounts.accounts.find((a) => a.username === 'editor1')?.accountId ?? '';
    const disable = await fetch(`${platform.url}/v1/admin/accounts/${id}`, { method: 'PATCH', headers: jsonHeaders(admin), body: JSON.stringify({ disabled: true }) });
    expect(disable.status).toBe(200);
    expect((await fetch(`${platform.url}/audit`, { headers: { cookie: fresh }, redirect: 'manual' })).status).toBe(303);
    await expect(signIn(platform.url, 'editor1')).rejects.toThrow(/401/);
  });

  it('keeps the last fleet admin', async () => {
    const admin = await signIn(platform.url, 'chen.li');
    const me = await platform.deps.store.getAccountByUsername('chen.li');
    const res = await fetch(`${platform.url}/v1/admin/accounts/${me?.accountId}`, { method: 'PATCH', headers: jsonHeaders(admin), body: JSON.stringify({ roles: ['editor'] }) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('last-fleet-admin');
  });

  it('refuses bad account input with the field at fault and changes nothing', async () => {
    const before = await platform.deps.store.countAccounts();
    const bad = async (body: unknown) => {
      const res = await fetch(`${platform.url}/v1/admin/accounts`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, error: ((await res.json()) as { error: { code: string; message: string } }).error };
    };
    expect(await bad({ username: 'x y', displayName: 'a', roles: ['editor'], password: TEST_PASSWORD })).toMatchObject({ status: 400, error: { message: expect.stringContaining('username') as unknown } });
    expect(await bad({ username: 'ok1', displayName: 'a', roles: ['root'], password: TEST_PASSWORD })).toMatchObject({ status: 400, error: { message: expect.stringContaining('roles') as unknown } });
    expect(await bad({ username: 'ok1', displayName: 'a', roles: ['editor'], password: 'short' })).toMatchObject({ status: 400, error: { code: 'weak-password' } });
    expect(await bad({ username: 'chen.li', displayName: 'a', roles: ['editor'], password: TEST_PASSWORD })).toMatchObject({ status: 409, error: { code: 'username-taken' } });
    expect(await platform.deps.store.countAccounts()).toBe(before);
  });
});

describe('browser defences', () => {
  it('refuses a cross-site or Origin-less write that carries the session cookie', async () => {
    const cookie = await signIn(platform.url, 'chen.li');
    const evil = await post('/v1/admin/enrolment-codes', '{}', jsonHeaders(cookie, { origin: 'https://evil.example' }));
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { code: string } }).error.code).toBe('csrf');
    const none = await post('/v1/admin/enrolment-codes', '{}', { cookie, 'content-type': 'application/json' });
    expect(none.status).toBe(403);
    expect((await post('/accounts', form({ username: 'mallory', displayName: 'm', roles: 'fleet-admin', password: TEST_PASSWORD }), { cookie, origin: 'null', 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(403);
    expect(await platform.deps.store.getAccountByUsername('mallory')).toBeNull();
    const ok = await post('/v1/admin/enrolment-codes', '{}', jsonHeaders(cookie));
    expect(ok.status).toBe(200);
    // A login form posted from another site (login CSRF) is refused too.
    expect((await post('/login', form({ username: 'chen.li', password: TEST_PASSWORD }), formHeaders({ origin: 'https://evil.example' }))).status).toBe(403);
  });

  it('forbids framing on every page', async () => {
    const cookie = await signIn(platform.url, 'chen.li');
    for (const path of ['/login', '/', '/fleet', '/accounts', '/audit', '/v1/keys']) {
      const res = await fetch(`${platform.url}${path}`, { headers: { cookie } });
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      if (res.headers.get('content-type')?.startsWith('text/html')) expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('throttles sign-in per username, right password included, until the window passes', async () => {
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'throttled', ['editor']);
    for (let i = 0; i < 5; i++) expect((await post('/login', form({ username: 'throttled', password: 'wrong password!!' }), formHeaders())).status).toBe(401);
    const blocked = await post('/login', form({ username: 'throttled', password: TEST_PASSWORD }), formHeaders());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    clock += 15 * 60_000 + 1000;
    expect((await post('/login', form({ username: 'throttled', password: TEST_PASSWORD }), formHeaders())).status).toBe(303);
  });

  it('redirects only to local paths after sign-in', async () => {
    const res = await post('/login', form({ username: 'chen.li', password: TEST_PASSWORD, next: '//evil.example/x' }), formHeaders());
    expect(res.headers.get('location')).toBe('/');
    const local = await post('/login', form({ username: 'chen.li', password: TEST_PASSWORD, next: '/fleet?status=ok' }), formHeaders());
    expect(local.headers.get('location')).toBe('/fleet?status=ok');
  });
});

describe('audit log', () => {
  it('records sign-ins, account changes and admin actions with who did them', async () => {
    const cookie = await signIn(platform.url, 'chen.li');
    const res = await fetch(`${platform.url}/v1/admin/audit?limit=1000`, { headers: { cookie } });
    const { entries } = (await res.json()) as { entries: Array<{ actor: string; action: string; target: string }> };
    const seen = new Set(entries.map((e) => `${e.actor} ${e.action} ${e.target}`));
    expect(seen).toContain('token account.create-first account:chen.li');
    expect(seen).toContain('token account.create account:editor1');
    expect(seen).toContain('account:chen.li account.change account:editor1');
    expect(seen).toContain('account:chen.li enrolment-code.create fleet');
    expect(seen).toContain('account:chen.li sign-in account:chen.li');
    expect(JSON.stringify(entries)).not.toContain(TEST_PASSWORD);
  });
});

describe('behind TLS', () => {
  it('uses a __Host- Secure cookie when the public URL is https', async () => {
    const dir = tempDir('platform-accounts-tls');
    const p = await startTestPlatform(dir.dir, { publicUrl: 'https://platform.example.org' });
    try {
      await createAdminAccount(p.url, ADMIN_TOKEN, 'tls', ['editor']);
      const res = await fetch(`${p.url}/login`, { method: 'POST', headers: { origin: 'https://platform.example.org', 'content-type': 'application/x-www-form-urlencoded' }, body: form({ username: 'tls', password: TEST_PASSWORD }), redirect: 'manual' });
      expect(res.status).toBe(303);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^__Host-platform_session=/);
      expect(setCookie).toMatch(/; Secure/i);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).not.toMatch(/Domain=/i);
      // The loopback name is never read on such a platform.
      const id = setCookie.split(';')[0]?.split('=')[1] ?? '';
      expect((await fetch(`${p.url}/audit`, { headers: { cookie: `platform_session=${id}` }, redirect: 'manual' })).status).toBe(303);
      expect((await fetch(`${p.url}/audit`, { headers: { cookie: `__Host-platform_session=${id}` } })).status).toBe(200);
    } finally {
      await p.close();
      dir.cleanup();
    }
  });
});
