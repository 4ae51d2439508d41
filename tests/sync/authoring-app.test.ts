import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBrowserGuards } from '../../platform/accounts/browser-guards.ts';
import { registerAuthoringApp } from '../../platform/routes/authoring-app.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { createAdminAccount, signIn } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from './helpers.ts';

/** `/author/` served from a directory of our own (a fake build, or none at all). */
async function appServing(platform: RunningPlatform, dir: string) {
  const app = Fastify();
  await app.register(cookie);
  await app.register((scope, _opts, done) => {
    registerBrowserGuards(scope, platform.deps);
    registerAuthoringApp(scope, platform.deps, dir);
    done();
  });
  return app;
}

describe('authoring app pages (platform/routes/authoring-app.ts)', () => {
  const t = tempDir('authoring-app');
  let platform: RunningPlatform;
  let editorCookie: string;
  let fleetCookie: string;
  const build = path.join(t.dir, 'build');

  beforeAll(async () => {
    platform = await startTestPlatform(path.join(t.dir, 'platform'));
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'editor.a', ['editor']);
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'fleet.a', ['fleet-admin']);
    [editorCookie, fleetCookie] = await Promise.all([signIn(platform.url, 'editor.a'), signIn(platform.url, 'fleet.a')]);
    fs.mkdirSync(path.join(build, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(build, 'authoring.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(build, 'preview.html'), '<!doctype html><title>preview</title>');
    fs.writeFileSync(path.join(build, 'assets', 'app-1a2b.js'), 'export {};');
    fs.writeFileSync(path.join(t.dir, 'secret.js'), 'secret');
  });
  afterAll(() => teardown([['platform', () => platform?.close()], ['temp dir', () => t.cleanup()]]));

  it('sends visitors without a session to the sign-in page with the way back, and refuses accounts without the editor role', async () => {
    const app = await appServing(platform, build);
    const anon = await app.inject({ url: '/author/' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/login?next=%2Fauthor%2F');
    expect((await app.inject({ url: '/author/', headers: { cookie: fleetCookie } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/author/preview.html' })).statusCode).toBe(303);
    await app.close();
  });

  it('serves the app unframable and the preview frameable by the platform itself only', async () => {
    const app = await appServing(platform, build);
    const page = await app.inject({ url: '/author/', headers: { cookie: editorCookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    const preview = await app.inject({ url: '/author/preview.html', headers: { cookie: editorCookie } });
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(preview.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
    // The exception is the preview's alone: every other answer is still DENY.
    expect((await app.inject({ url: '/author/assets/app-1a2b.js' })).headers['x-frame-options']).toBe('DENY');
    await app.close();
  });

  it('serves built assets by name only (no traversal, no dot files, no unknown types)', async () => {
    const app = await appServing(platform, build);
    const js = await app.inject({ url: '/author/assets/app-1a2b.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    for (const url of ['/author/assets/..%2Fsecret.js', '/author/assets/%2E%2E%2F%2E%2E%2Fsecret.js', '/author/assets/../../secret.js', '/author/assets/.hidden.js', '/author/assets/app-1a2b.exe', '/author/assets/missing.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toBe('secret');
    }
    await app.close();
  });

  it('answers a clear 503 page when the authoring app is not built', async () => {
    const app = await appServing(platform, path.join(t.dir, 'no-build'));
    const res = await app.inject({ url: '/author/', headers: { cookie: editorCookie } });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:renderer');
    await app.close();
  });
});
