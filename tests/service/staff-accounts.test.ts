import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../service/config.ts';
import { createLogger } from '../../service/log.ts';
import { startKiosk, type Kiosk } from '../../service/kiosk.ts';
import { Lockout } from '../../service/staff/lockout.ts';
import { hashPin, verifyPin } from '../../service/staff/pin-hash.ts';
import { login, request } from '../support/kiosk-in-process.ts';

let kiosk: Kiosk;
let dataDir: string;
let origin: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-staff-'));
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  const config = loadConfig({}, { dataDir, port: 0, hardware: 'sim', rendererDir, logLevel: 'debug', staffIdleMs: 1500 });
  // Logs at debug to a file, so the test can prove no PIN or set-up code is ever written there.
  kiosk = await startKiosk(config, createLogger({ dataDir, level: 'debug', stdout: false }));
  origin = `http://127.0.0.1:${kiosk.port}`;
}, 30_000);
afterAll(async () => {
  await kiosk?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (cookie: string, p: string, body: unknown) => request(kiosk.port, { method: 'POST', path: p, headers: { cookie, origin }, body });
const get = async (cookie: string, p: string) => {
  const res = await request(kiosk.port, { path: p, headers: { cookie } });
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
};
const staffActions = () => kiosk.db.prepare("SELECT payload FROM events WHERE type = 'staff.action' ORDER BY seq").pluck().all() as string[];

async function until(what: string, check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('staff accounts and PIN sign-in (issue 9)', () => {
  let screen: string;
  let supervisorId: string;
  const SUP_PIN = '135792';
  let code: string;

  it('has no default account: first start offers a one-time set-up code', async () => {
    screen = await login(kiosk);
    const state = await get(screen, '/api/staff/state');
    expect(state.body).toMatchObject({ role: 'screen', account: null, accounts: [] });
    code = String(state.body.setupCode);
    expect(code).toMatch(/^\d{8}$/);
  });

  it('refuses a wrong set-up code and a short PIN, changing nothing', async () => {
    const wrong = await post(screen, '/api/staff/first-setup', { code: code === '00000000' ? '11111111' : '00000000', name: 'Li', pin: SUP_PIN });
    expect(wrong.status).toBe(403);
    const short = await post(screen, '/api/staff/first-setup', { code, name: 'Li', pin: '12345' });
    expect(short.status).toBe(400);
    expect((JSON.parse(short.body) as { message: string }).message).toMatch(/at least 6 digits/);
    expect((await get(screen, '/api/staff/state')).body).toMatchObject({ accounts: [] });
  });

  it('creates the first account, an admin, with the code, once', async () => {
    const res = await post(screen, '/api/staff/first-setup', { code, name: '李主管', pin: SUP_PIN });
    expect(res.status).toBe(200);
    supervisorId = (JSON.parse(res.body) as { id: string }).id;
    const state = await get(screen, '/api/staff/state');
    expect(state.body).toMatchObject({ role: 'admin', setupCode: null });
    expect((await post(screen, '/api/staff/first-setup', { code, name: 'again', pin: SUP_PIN })).status).toBe(409);
  });

  it('lets the first account add staff, and refuses deleting the last supervisor', async () => {
    const short = await post(screen, '/api/staff/accounts', { name: '王', role: 'staff', pin: '1234' });
    expect(short.status).toBe(400);
    const added = await post(screen, '/api/staff/accounts', { name: '王店员', role: 'staff', pin: '246802' });
    expect(added.status).toBe(200);
    // (A supervisor creating an admin is refused: tests/service/kiosk-admin.test.ts; this first account is an admin.)
    const del = await request(kiosk.port, { method: 'DELETE', path: `/api/staff/accounts/${supervisorId}`, headers: { cookie: screen, origin } });
    expect(del.status).toBe(409);
    expect(JSON.parse(del.body)).toMatchObject({ error: 'last-supervisor' });
    const list = await get(screen, '/api/staff/accounts');
    expect((list.body.accounts as unknown[]).length).toBe(2);
  });

  it('locks out after wrong PINs, with the remaining wait, per account and per session', async () => {
    const other = await login(kiosk);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(other, '/api/staff/sign-in', { accountId: supervisorId, pin: '000000' }));
    expect(answers.map((a) => a.status)).toEqual([403, 403, 429]);
    const locked = JSON.parse(answers[2]?.body ?? '{}') as { error: string; retryAfterMs: number };
    expect(locked.error).toBe('locked');
    expect(locked.retryAfterMs).toBeGreaterThan(4000);
    // Even the right PIN waits, from this session and from a fresh one (the account is locked too).
    expect((await post(other, '/api/staff/sign-in', { accountId: supervisorId, pin: SUP_PIN })).status).toBe(429);
    expect((await post(await login(kiosk), '/api/staff/sign-in', { accountId: supervisorId, pin: SUP_PIN })).status).toBe(429);
  });

  it('signs out after the idle limit and records every action as an event', async () => {
    await until('idle sign-out', async () => (await get(screen, '/api/staff/state')).body.role === 'screen');
    const actions = staffActions().map((p) => JSON.parse(p) as { action: string; actor: { name: string } | null; after: unknown });
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['account.create', 'sign-in', 'sign-in-refused', 'sign-out']));
    expect(actions.find((a) => a.action === 'sign-out')).toMatchObject({ after: { reason: 'idle' } });
  });

  it('never writes a PIN or the set-up code to the log or the events', () => {
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    const events = (kiosk.db.prepare('SELECT payload FROM events').pluck().all() as string[]).join('\n');
    for (const secret of [code, SUP_PIN, '246802']) {
      expect(log.includes(secret), secret).toBe(false);
      expect(events.includes(secret), secret).toBe(false);
    }
  });
});

describe('PIN hashing and lockout', () => {
  it('hashes with scrypt and a salt, and verifies', async () => {
    const a = await hashPin('123456');
    const b = await hashPin('123456');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPin('123456', a)).toBe(true);
    expect(await verifyPin('123457', a)).toBe(false);
    expect(await verifyPin('123456', 'garbage')).toBe(false);
  });

  it('grows the wait after the free attempts', () => {
    let t = 0;
    const l = new Lockout(() => t);
    expect([l.fail('k'), l.fail('k'), l.fail('k'), l.fail('k')]).toEqual([0, 0, 5000, 10_000]);
    expect(l.remainingMs('k')).toBe(10_000);
    t = 10_000;
    expect(l.remainingMs('k')).toBe(0);
  });
});
