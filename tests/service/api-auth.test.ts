import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestKiosk, request, login } from '../support/kiosk-in-process.ts';
import { SnapshotSchema } from '../../contract/api.ts';
import { loginAs } from '../support/staff-login.ts';

let t: Awaited<ReturnType<typeof startTestKiosk>>;
let origin: string;
beforeAll(async () => {
  t = await startTestKiosk();
  origin = `http://127.0.0.1:${t.kiosk.port}`;
});
afterAll(async () => t?.stop());

function wsConnect(headers: Record<string, string>): Promise<{ opened: boolean; status?: number; first?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${t.kiosk.port}/ws`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      ws.terminate();
    });
    ws.on('message', (data: Buffer) => {
      resolve({ opened: true, first: data.toString() });
      ws.close();
    });
    ws.on('error', () => resolve({ opened: false }));
  });
}

describe('local API auth (DESIGN §2)', () => {
  it('replaces the session of a page that reloads with its cookie, instead of adding one (issue 12, item 8)', async () => {
    const held = [await login(t.kiosk)];
    for (let i = 0; i < 3; i++) {
      const code = new URL(t.kiosk.launchUrl()).hash.replace('#boot=', '');
      const res = await request(t.kiosk.port, { method: 'POST', path: '/api/session', headers: { origin, cookie: held.at(-1) ?? '' }, body: { code } });
      expect(res.status).toBe(200);
      held.push(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '');
    }
    const statuses = await Promise.all(held.map(async (cookie) => (await request(t.kiosk.port, { path: '/api/session', headers: { cookie } })).status));
    expect(statuses).toEqual([401, 401, 401, 200]);
  });

  it('refuses API requests without the session cookie', async () => {
    expect((await request(t.kiosk.port, { path: '/api/status' })).status).toBe(401);
    expect((await request(t.kiosk.port, { path: '/media/' + 'a'.repeat(64) })).status).toBe(401);
  });

  it('serves the page shell without a session, with a strict CSP', async () => {
    const res = await request(t.kiosk.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('exchanges a boot code once for an HttpOnly SameSite=Strict cookie', async () => {
    const code = new URL(t.kiosk.launchUrl()).hash.replace('#boot=', '');
    const first = await request(t.kiosk.port, { method: 'POST', path: '/api/session', headers: { origin }, body: { code } });
    expect(first.status).toBe(200);
    const setCookie = String(first.headers['set-cookie']?.[0]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const again = await request(t.kiosk.port, { method: 'POST', path: '/api/session', headers: { origin }, body: { code } });
    expect(again.status).toBe(401);
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await request(t.kiosk.port, { path: '/api/status', headers: { cookie } })).status).toBe(200);
  });

  it('refuses a malformed exchange body with a clear error', async () => {
    const res = await request(t.kiosk.port, { method: 'POST', path: '/api/session', headers: { origin }, body: { nope: 1 } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad-request' });
  });

  it('refuses a foreign Origin on writes, even with a valid code or cookie', async () => {
    const code = new URL(t.kiosk.launchUrl()).hash.replace('#boot=', '');
    const res = await request(t.kiosk.port, { method: 'POST', path: '/api/session', headers: { origin: 'https://evil.example' }, body: { code } });
    expect(res.status).toBe(403);
    const cookie = await login(t.kiosk);
    const sim = await request(t.kiosk.port, { method: 'POST', path: '/api/sim/action', headers: { origin: 'http://127.0.0.1.evil.example', cookie }, body: { action: 'lift', channel: 0 } });
    expect(sim.status).toBe(403);
    const noOrigin = await request(t.kiosk.port, { method: 'POST', path: '/api/sim/action', headers: { cookie }, body: { action: 'lift', channel: 0 } });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses a wrong Host (DNS rebinding), even with a valid cookie', async () => {
    const cookie = await login(t.kiosk);
    for (const host of [`localhost:${t.kiosk.port}`, 'evil.example', `127.0.0.1:${t.kiosk.port + 1}`, '127.0.0.1']) {
      const res = await request(t.kiosk.port, { path: '/api/status', headers: { host, cookie } });
      expect(res.status, host).toBe(421);
    }
  });

  it('refuses WebSocket upgrades without a cookie or from another site; accepts the kiosk page', async () => {
    const cookie = await login(t.kiosk);
    expect(await wsConnect({ origin })).toMatchObject({ opened: false, status: 401 });
    expect(await wsConnect({ origin: 'https://evil.example', cookie })).toMatchObject({ opened: false, status: 403 });
    expect(await wsConnect({ cookie })).toMatchObject({ opened: false, status: 403 });
    const ok = await wsConnect({ origin, cookie });
    expect(ok.opened).toBe(true);
    const msg = JSON.parse(ok.first ?? '{}') as { type: string; snapshot: unknown };
    expect(msg.type).toBe('snapshot');
    const snap = SnapshotSchema.parse(msg.snapshot);
    expect(snap.content?.products.length).toBeGreaterThanOrEqual(24);
  });

  it('rejects invalid simulator commands with a clear error', async () => {
    const cookie = await loginAs(t.kiosk, 'staff');
    const res = await request(t.kiosk.port, { method: 'POST', path: '/api/sim/action', headers: { origin, cookie }, body: { action: 'explode', channel: -1 } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad-request' });
  });
});
