import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../content/build-package.ts';
import { demoManifestInput } from '../../content/build-demo.ts';
import type { Kiosk } from '../../service/kiosk.ts';
import { login, request, startTestKiosk } from '../support/kiosk-in-process.ts';
import { signPackage, testSigningKey } from '../support/signing.ts';
import { loginAs } from '../support/staff-login.ts';

/**
 * Kiosk administration (issue 11): the first account is an admin; settings stored in the
 * kiosk's database with environment overrides; a signed package installed from a folder with
 * progress, bad ones refused with their reason while the old content stays; rollback.
 */
const key = testSigningKey();
const stranger = testSigningKey();
let t: Awaited<ReturnType<typeof startTestKiosk>>;
let kiosk: Kiosk;
let admin: string;
let origin: string;

async function call(method: string, p: string, body?: unknown, cookie = admin) {
  const res = await request(kiosk.port, { method, path: p, headers: { cookie, origin }, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: JSON.parse(res.body || '{}') as Record<string, unknown> };
}

/** The demo catalogue as `version`, first product renamed, signed by `signer`; `spoil` damages it after signing. */
async function pkg(version: number, name: string, signer = key, spoil?: (dir: string, media: string[]) => void): Promise<string> {
  const dir = path.join(t.dataDir, 'usb', `v${version}-${Math.random().toString(36).slice(2, 8)}`);
  const { input, mediaFiles } = demoManifestInput();
  const products = input.products.map((p, i) => (i === 0 ? { ...p, name: { ...p.name, 'zh-CN': name } } : p));
  await buildPackage({ ...input, version, products }, mediaFiles, dir);
  signPackage(dir, signer);
  spoil?.(dir, fs.readdirSync(path.join(dir, 'media')));
  return dir;
}

async function install(dir: string) {
  const started = await call('POST', '/api/admin/content/install', { path: dir });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  let progress = started.body;
  const seen: number[] = [];
  const end = Date.now() + 20_000;
  while (progress.state !== 'done' && progress.state !== 'failed') {
    if (Date.now() > end) throw new Error('install did not finish');
    await new Promise((r) => setTimeout(r, 20));
    progress = (await call('GET', '/api/admin/content/install')).body;
    seen.push(Number(progress.bytesDone));
  }
  return { progress, seen };
}

const activeName = () => kiosk.catalogue.active()?.manifest.products[0]?.name['zh-CN'];

beforeAll(async () => {
  t = await startTestKiosk({ platformKeys: [key.publicKey.spki], idleMs: 45_000, fixed: ['idleMs'] });
  kiosk = t.kiosk;
  origin = `http://127.0.0.1:${kiosk.port}`;
  admin = await loginAs(kiosk, 'admin');
}, 30_000);
afterAll(() => t?.stop());

describe('kiosk admin', () => {
  it('makes the first set-up account an admin', async () => {
    const other = await startTestKiosk();
    const fresh = other.kiosk;
    try {
      const screen = await login(fresh);
      const state = await request(fresh.port, { path: '/api/staff/state', headers: { cookie: screen } });
      const code = (JSON.parse(state.body) as { setupCode: string }).setupCode;
      const res = await request(fresh.port, { method: 'POST', path: '/api/staff/first-setup', headers: { cookie: screen, origin: `http://127.0.0.1:${fresh.port}` }, body: { code, name: '店长', pin: '246813' } });
      expect(JSON.parse(res.body)).toMatchObject({ role: 'admin' });
      const settings = await request(fresh.port, { path: '/api/admin/settings', headers: { cookie: screen } });
      expect(settings.status).toBe(200);
    } finally {
      await other.stop();
    }
  });

  it('keeps settings to admins', async () => {
    const supervisor = await loginAs(kiosk, 'supervisor');
    expect((await call('GET', '/api/admin/settings', undefined, supervisor)).status).toBe(403);
    expect((await call('PUT', '/api/admin/settings', { zone: 'brand' }, supervisor)).status).toBe(403);
    expect((await call('POST', '/api/admin/content/rollback', {}, supervisor)).status).toBe(403);
    expect((await call('POST', '/api/staff/accounts', { name: 'boss', role: 'admin', pin: '246802' }, supervisor)).body).toMatchObject({ error: 'role-too-high' });
    expect((await call('POST', '/api/staff/accounts', { name: '第二管理员', role: 'admin', pin: '246802' })).status).toBe(200);
  });

  it('stores settings in the kiosk database; the environment still wins', async () => {
    const before = (await call('GET', '/api/admin/settings')).body as { values: Record<string, unknown>; sources: Record<string, string> };
    expect(before.sources).toMatchObject({ idleMs: 'env', zone: 'default', defaultLocale: 'default' });
    expect(before.values.idleMs).toBe(45_000);
    const put = await call('PUT', '/api/admin/settings', { zone: 'live-stream', defaultLocale: 'en', orientation: 'portrait', staffIdleMs: 300_000 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ values: { zone: 'live-stream', defaultLocale: 'en', orientation: 'portrait', staffIdleMs: 300_000 }, sources: { zone: 'stored' }, restartNeeded: false });
    const fixed = await call('PUT', '/api/admin/settings', { idleMs: 90_000 });
    expect(fixed).toMatchObject({ status: 409, body: { error: 'set-by-environment' } });
    for (const bad of [{ zone: 'roof' }, { idleMs: 5 }, { platformUrl: 'http://platform.example.org' }, { unknown: 1 }, { platformUrl: 'javascript:alert(1)' }]) {
      const r = await call('PUT', '/api/admin/settings', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(String(r.body.message)).not.toBe('');
    }
    expect((await call('GET', '/api/admin/settings')).body).toMatchObject({ values: { zone: 'live-stream', idleMs: 45_000 } });
    const url = await call('PUT', '/api/admin/settings', { platformUrl: 'https://platform.example.org' });
    expect(url.body).toMatchObject({ restartNeeded: true });
    const changes = kiosk.db.prepare("SELECT payload FROM events WHERE type = 'staff.action' AND payload LIKE '%settings.change%'").pluck().all() as string[];
    expect(changes.some((c) => c.includes('"zone":"live-stream"'))).toBe(true);
  });

  it('installs a signed package from a folder with progress, and rolls back', async () => {
    const dir = await pkg(2, '从 U 盘安装的名称');
    const total = fs.readdirSync(path.join(dir, 'media')).reduce((n, f) => n + fs.statSync(path.join(dir, 'media', f)).size, 0);
    const { progress, seen } = await install(dir);
    expect(progress).toMatchObject({ state: 'done', version: 2, bytesTotal: total * 2, bytesDone: total * 2, error: null });
    expect(seen.every((v, i) => i === 0 || v >= (seen[i - 1] ?? 0))).toBe(true);
    expect(activeName()).toBe('从 U 盘安装的名称');
    expect((await call('GET', '/api/admin/content')).body).toMatchObject({ active: 2, previous: 1 });
    const back = await call('POST', '/api/admin/content/rollback', {});
    expect(back.body).toMatchObject({ active: 1, previous: null });
    expect(activeName()).not.toBe('从 U 盘安装的名称');
    expect(kiosk.catalogue.newestInstalledVersion()).toBe(2);
    expect((await call('POST', '/api/admin/content/rollback', {})).body).toMatchObject({ error: 'no-previous' });
  });

  it('refuses a bad signature, a wrong hash, truncated media and a relative path, keeping the active content', async () => {
    const active = kiosk.catalogue.active()?.manifest.version;
    const cases: Array<[string, string]> = [
      [await pkg(3, 'x', stranger), 'signature-invalid'],
      [await pkg(3, 'x', key, (d, m) => fs.writeFileSync(path.join(d, 'media', m[0]!), Buffer.alloc(fs.statSync(path.join(d, 'media', m[0]!)).size, 7))), 'media-hash-mismatch'],
      [await pkg(3, 'x', key, (d, m) => fs.truncateSync(path.join(d, 'media', m[1]!), 10)), 'media-size-mismatch'],
      [await pkg(3, 'x', key, (d) => fs.appendFileSync(path.join(d, 'manifest.json'), ' ')), 'signature-invalid'],
      [path.join(t.dataDir, 'no-such-folder'), 'manifest-missing'],
    ];
    for (const [dir, code] of cases) {
      const { progress } = await install(dir);
      expect(progress, dir).toMatchObject({ state: 'failed', error: { code } });
      expect(String((progress.error as { message: string }).message)).not.toBe('');
      expect(kiosk.catalogue.active()?.manifest.version).toBe(active);
    }
    expect((await call('POST', '/api/admin/content/install', { path: 'relative/usb' })).body).toMatchObject({ error: 'bad-path' });
  });
});
