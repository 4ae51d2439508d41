import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_RANK, type Role } from '../../contract/staff.ts';
import type { RegisteredRoute } from '../../service/api/server.ts';
import { ROUTE_ACCESS, UndeclaredRouteError } from '../../service/api/route-access.ts';
import { startTestKiosk, request, login } from '../support/kiosk-in-process.ts';
import { loginAs } from '../support/staff-login.ts';
import { createApiServer } from '../../service/api/server.ts';
import { createAuth } from '../../service/api/auth.ts';
import { WsHub } from '../../service/api/ws-hub.ts';
import { createLogger } from '../../service/log.ts';

let t: Awaited<ReturnType<typeof startTestKiosk>>;
let origin: string;
const cookies = {} as Record<Role | 'status' | 'dev', string>;

beforeAll(async () => {
  t = await startTestKiosk();
  origin = `http://127.0.0.1:${t.kiosk.port}`;
  cookies.screen = await login(t.kiosk);
  cookies.staff = await loginAs(t.kiosk, 'staff');
  cookies.supervisor = await loginAs(t.kiosk, 'supervisor');
  cookies.admin = await loginAs(t.kiosk, 'admin');
  for (const page of ['status', 'dev'] as const) {
    const code = new URL(t.kiosk.launchUrl(`/${page}`)).hash.replace('#boot=', '');
    const res = await request(t.kiosk.port, { method: 'POST', path: '/api/session', headers: { origin }, body: { code } });
    cookies[page] = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  }
}, 30_000);
afterAll(async () => t?.stop());

function concrete(url: string): string {
  return url.replace(':sha', 'a'.repeat(64)).replace(':id', 'nobody');
}

/** The status a route answers `cookie` with (only whether the access hook let it through matters). */
async function statusFor(route: RegisteredRoute, cookie: string | undefined): Promise<number> {
  const res = await request(t.kiosk.port, {
    method: route.method,
    path: concrete(route.url),
    headers: { origin, ...(cookie ? { cookie } : {}) },
    ...(route.method === 'GET' || route.method === 'HEAD' || route.method === 'DELETE' ? {} : { body: {} }),
  });
  return res.status;
}

const ROLES: Role[] = ['screen', 'staff', 'supervisor', 'admin'];

describe('roles on the local API (issue 9)', () => {
  it('registers only declared routes, and every declared route exists in sim mode', () => {
    const registered = t.kiosk.routes();
    expect(registered.length).toBeGreaterThan(Object.keys(ROUTE_ACCESS).length);
    for (const key of Object.keys(ROUTE_ACCESS)) {
      expect(registered.some((r) => `${r.method} ${r.url}` === key), key).toBe(true);
    }
  });

  it('refuses every route to every lower role, the screen session and the other pages', async () => {
    const checked: string[] = [];
    for (const route of t.kiosk.routes()) {
      if (route.method === 'HEAD' || route.access.role === 'public') continue;
      const name = `${route.method} ${route.url}`;
      checked.push(name);
      expect(await statusFor(route, undefined), `${name} without a session`).toBe(401);
      const needed = ROLE_RANK[route.access.role];
      for (const role of ROLES.filter((r) => ROLE_RANK[r] < needed)) {
        expect(await statusFor(route, cookies[role]), `${name} as ${role}`).toBe(403);
      }
      for (const page of ['status', 'dev'] as const) {
        const status = await statusFor(route, cookies[page]);
        if (route.access.pages?.includes(page)) expect([401, 403], `${name} from /${page}`).not.toContain(status);
        else expect(status, `${name} from the /${page} page session`).toBe(403);
      }
      // The route's own role gets past the access check (the handler may still refuse the empty body).
      const own = route.access.role;
      const ownCookie = cookies[own];
      // (sign-out would end the shared test session; it is a screen route anyway.)
      if (name !== 'POST /api/staff/sign-out') expect([401, 403], `${name} as ${own}`).not.toContain(await statusFor(route, ownCookie));
    }
    expect(checked).toEqual(expect.arrayContaining(['PUT /api/hardware/boards', 'POST /api/sync/export-unsent', 'GET /api/support/flight-recording', 'POST /api/hardware/boards/:id/confirm', 'DELETE /api/staff/accounts/:id', 'PUT /api/staff/settings']));
  }, 60_000);

  it('gives the shopper screen its catalogue, socket and health, and nothing of staff', async () => {
    const get = (path: string) => request(t.kiosk.port, { path, headers: { cookie: cookies.screen } });
    expect((await get('/api/session')).status).toBe(200);
    expect((await get('/api/status')).status).toBe(200);
    expect((await get('/api/staff/state')).status).toBe(200);
    for (const path of ['/api/hardware/boards', '/api/hardware/status', '/api/sync/status', '/api/support/flight-recording?board=shelf-A', '/api/stock']) {
      expect((await get(path)).status, path).toBe(403);
    }
    const exportRes = await request(t.kiosk.port, { method: 'POST', path: '/api/sync/export-unsent', headers: { cookie: cookies.screen, origin } });
    expect(exportRes.status).toBe(403);
    expect(JSON.parse(exportRes.body)).toMatchObject({ error: 'forbidden' });
  });

  it('keeps page sessions in their own cookies, so opening /status never logs the kiosk page out', async () => {
    expect(cookies.status).toMatch(/^kiosk_status_session=/);
    expect(cookies.dev).toMatch(/^kiosk_dev_session=/);
    const both = `${cookies.screen}; ${cookies.status}`;
    expect((await request(t.kiosk.port, { path: '/api/session', headers: { cookie: both } })).status).toBe(200);
    expect((await request(t.kiosk.port, { path: '/api/hardware/status', headers: { cookie: both } })).status).toBe(200);
    expect((await request(t.kiosk.port, { path: '/api/stock', headers: { cookie: both } })).status).toBe(403);
  });

  it('refuses to start a server with a route that declares no role', async () => {
    const logger = createLogger({ level: 'silent', stdout: false });
    const app = await createApiServer({
      port: () => 0,
      auth: createAuth(),
      hub: new WsHub(() => { throw new Error('unused'); }, logger),
      rendererDir: `${t.dataDir}/renderer`,
      mediaDir: t.dataDir,
      mediaType: () => undefined,
      logger,
      callerOf: () => undefined,
      touch: () => undefined,
      status: () => ({}),
      onClientMessage: () => undefined,
    });
    expect(() => app.get('/api/undeclared', () => 'x')).toThrow(UndeclaredRouteError);
    await app.close();
  });
});
