import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../platform/server.ts';
import { request, startTestKiosk } from '../support/kiosk-in-process.ts';
import { testSeed } from '../support/seed.ts';
import { teardown, type TeardownStep } from '../support/teardown.ts';
import { tempDir } from '../sync/helpers.ts';
import { KNOWN_LOCAL_API_FINDINGS } from './known-findings.ts';
import { fuzzLocalApi } from './local-api-fuzz.ts';
import { fuzzPlatform } from './platform-fuzz.ts';
import { loginAs } from '../support/staff-login.ts';

/** The short malformed-input sweep (`npm run fuzz` runs the full counts). */
const t = tempDir('fuzz');
const steps: TeardownStep[] = [];
afterAll(() => teardown([...steps, ['temp dir', () => t.cleanup()]]));
const seed = testSeed(20261130);

describe('malformed-input sweep (short)', () => {
  it('platform: every route, 300 requests, with and without credentials: no 5xx, clear 4xx refusals, still serving', async () => {
    const r = await fuzzPlatform({ dir: t.dir, count: 300, seed });
    expect(r.routes).toBeGreaterThanOrEqual(15);
    expect(r.findings, `seed ${seed}`).toEqual([]);
    expect(r.sentinel).toBe('200 ok');
    expect(r.rssGrowthMb).toBeLessThan(512);
  }, 120_000);

  it('local API: every registered route, 300 requests, plus 300 WebSocket frames: no 5xx, still serving', async () => {
    const { http: h, ws } = await fuzzLocalApi({ count: 300, wsCount: 300, seed });
    expect(h.routes).toBeGreaterThanOrEqual(10);
    // Findings inside service/api/ are being rewritten by the staff-mode work: listed, not fixed here.
    expect(h.findings.filter((f) => !KNOWN_LOCAL_API_FINDINGS.some((k) => k.matches(f))), `seed ${seed}`).toEqual([]);
    expect(h.sentinel).toBe('GET /api/status 200');
    expect(ws.sentinel).toBe('locale recorded');
    expect(h.rssGrowthMb + ws.rssGrowthMb).toBeLessThan(512);
  }, 120_000);
});

describe('fuzz findings, fixed (regression tests)', () => {
  it('platform: a truncated gzip body nobody reads (no parser for its type) is refused, not a crash', async () => {
    const p = await startPlatform({ dataDir: path.join(t.dir, 'gzip'), adminToken: 'gzip-admin-token-0123456789' });
    steps.unshift(['gzip platform', () => p.close()]);
    const gz = gzipSync(JSON.stringify({ code: 'x'.repeat(40), installId: uuidv7() }));
    const send = (contentType: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${p.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': contentType, 'content-encoding': 'gzip' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(gz.subarray(0, gz.length - 6));
      });
    // multipart has no parser: fastify answers 415 without reading, and the inflater's later
    // 'error' event had no listener — it took the whole platform down.
    expect(await send('multipart/form-data; boundary=x')).toBe(415);
    expect(await send('application/json')).toBe(400);
    // Sentinel: the same platform still answers.
    expect((await fetch(`${p.url}/v1/keys`)).status).toBe(200);
  });

  it('platform: an event nesting 5,000 levels deep is refused with 400, not a stack overflow 500', async () => {
    const p = await startPlatform({ dataDir: path.join(t.dir, 'deep'), adminToken: 'deep-admin-token-0123456789' });
    steps.unshift(['deep platform', () => p.close()]);
    const installId = uuidv7();
    const c = await enrolWith(p.url, 'deep-admin-token-0123456789', installId);
    const ev = JSON.stringify({ id: uuidv7(), installId, streamId: uuidv7(), seq: 1, type: 'future.kind', v: 1, deviceTime: new Date().toISOString(), bootId: uuidv7(), monoMs: 1, tzOffset: 0, payload: {} });
    const body = `{"events":[${ev.slice(0, -1)},"zz":${'['.repeat(5000)}${']'.repeat(5000)}}]}`;
    const res = await fetch(`${p.url}/v1/events`, { method: 'POST', headers: { authorization: c, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too-deep');
    const ok = await fetch(`${p.url}/v1/events`, { method: 'POST', headers: { authorization: c, 'content-type': 'application/json' }, body: `{"events":[${ev}]}` });
    expect(((await ok.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('ok');
  });

  it('local API: a failing serial-port listing answers with an explained empty list, not a 500', async () => {
    const k = await startTestKiosk({}, { listPorts: () => Promise.reject(new Error('spawn udevadm ENOENT')) });
    steps.unshift(['ports kiosk', () => k.stop()]);
    // Port listing is a supervisor's set-up task (route-access.ts).
    const res = await request(k.kiosk.port, { path: '/api/hardware/ports', headers: { cookie: await loginAs(k.kiosk, 'supervisor') } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ports: [], error: 'port-listing-failed' });
  });
});

async function enrolWith(url: string, admin: string, installId: string): Promise<string> {
  const res = await fetch(`${url}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: '{}' });
  const { code } = (await res.json()) as { code: string };
  const r = await fetch(`${url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, installId }) });
  const c = (await r.json()) as { kioskId: string; token: string };
  return `Bearer ${c.kioskId}:${c.token}`;
}
