import http from 'node:http';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../contract/events.ts';
import type { KioskCredentials, PushResponse } from '../../contract/sync.ts';
import type { PlatformLimits } from '../../platform/limits.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { teardown, type TeardownStep } from '../support/teardown.ts';
import { enrol, startTestPlatform, tempDir } from './helpers.ts';

const t = tempDir('platform-limits');
const steps: TeardownStep[] = [];
afterAll(() => teardown([...steps, ['temp dir', () => t.cleanup()]]));

async function platformWith(name: string, limits: Partial<PlatformLimits> = {}): Promise<RunningPlatform> {
  const p = await startTestPlatform(join(t.dir, name), { limits });
  steps.unshift([`platform ${name}`, () => p.close()]);
  return p;
}

const auth = (c: KioskCredentials) => `Bearer ${c.kioskId}:${c.token}`;

function envelope(installId: string, streamId: string, seq: number, extra: Partial<EventEnvelope> = {}): EventEnvelope {
  return { id: uuidv7(), installId, streamId, seq, type: 'shelf.health', v: 1, deviceTime: new Date().toISOString(), bootId: uuidv7(), monoMs: 1, tzOffset: 480, payload: { boardId: 'node-1', state: 'connected' }, ...extra };
}

async function push(p: RunningPlatform, c: KioskCredentials, events: unknown[]): Promise<{ status: number; headers: Headers; body: PushResponse & { error?: { code: string } } }> {
  const res = await fetch(`${p.url}/v1/events`, { method: 'POST', headers: { authorization: auth(c), 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as PushResponse & { error?: { code: string } } };
}

async function heartbeat(p: RunningPlatform, c: KioskCredentials): Promise<Response> {
  const body = { kioskId: c.kioskId, sentAt: new Date().toISOString(), backlog: { money: { count: 0, oldestAgeMs: null }, stock: { count: 0, oldestAgeMs: null }, analytics: { count: 0, oldestAgeMs: null } }, deadLetters: 0, contentVersion: 1 };
  return fetch(`${p.url}/v1/heartbeat`, { method: 'POST', headers: { authorization: auth(c), 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Sends only the headers of a big POST and resolves with the status the platform answers before any body. */
function headersOnly(p: RunningPlatform, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${p.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.flushHeaders();
  });
}

describe('platform limits (issue 12, item 7)', () => {
  it('rate-limits per address with @fastify/rate-limit: 429, Retry-After and a JSON error', async () => {
    const p = await platformWith('per-ip', { perIpPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${p.url}/v1/keys`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await fetch(`${p.url}/v1/keys`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate-limited');
  });

  it('rate-limits per authenticated kiosk; callers naming a kiosk without its token cannot spend its budget', async () => {
    const p = await platformWith('per-kiosk', { perKioskPerMinute: 3 });
    const a = await enrol(p.url, '0190a0a0-0000-7000-8000-00000000a001');
    const b = await enrol(p.url, '0190a0a0-0000-7000-8000-00000000b001');
    for (let i = 0; i < 10; i++) expect((await heartbeat(p, { ...a, token: 'not-the-token-not-the-token' })).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await heartbeat(p, a)).status).toBe(200);
    const limited = await heartbeat(p, a);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await heartbeat(p, b)).status).toBe(200);
  });

  it('authenticates before reading a body: an unknown caller’s 10 MiB push gets 401 without it being sent', async () => {
    const p = await platformWith('auth-first');
    expect(await headersOnly(p, '/v1/events', { authorization: 'Bearer nobody:nothing-nothing-nothing' })).toBe(401);
    expect(await headersOnly(p, '/v1/admin/enrolment-codes', { authorization: 'Bearer wrong' })).toBe(401);
    // Unauthenticated enrolment takes only a small body.
    expect(await headersOnly(p, '/v1/enrol', {})).toBe(413);
  });

  it('binds a stream to the kiosk that first wrote it', async () => {
    const p = await platformWith('streams');
    const ia = '0190a0a0-0000-7000-8000-00000000a002';
    const ib = '0190a0a0-0000-7000-8000-00000000b002';
    const a = await enrol(p.url, ia);
    const b = await enrol(p.url, ib);
    const stream = uuidv7();
    expect((await push(p, a, [envelope(ia, stream, 1)])).body.results[0]?.status).toBe('ok');
    const intruder = await push(p, b, [envelope(ib, stream, 2), envelope(ib, uuidv7(), 1)]);
    expect(intruder.body.results.map((r) => r.status)).toEqual(['rejected', 'ok']);
    expect(intruder.body.results[0]?.reason).toMatch(/another kiosk/);
    expect((await push(p, a, [envelope(ia, stream, 2)])).body.results[0]?.status).toBe('ok');
  });

  it('enforces a per-kiosk event quota with 429 and Retry-After', async () => {
    const p = await platformWith('quota', { eventsPerKioskPerHour: 10 });
    const i = '0190a0a0-0000-7000-8000-00000000a003';
    const c = await enrol(p.url, i);
    const s = uuidv7();
    expect((await push(p, c, Array.from({ length: 10 }, (_, n) => envelope(i, s, n + 1)))).status).toBe(200);
    const over = await push(p, c, [envelope(i, s, 11)]);
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('quota-exceeded');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('accepts unknown event types and versions, but bounded in size', async () => {
    const p = await platformWith('unknown');
    const i = '0190a0a0-0000-7000-8000-00000000a004';
    const c = await enrol(p.url, i);
    const s = uuidv7();
    const big = { blob: 'x'.repeat(20 * 1024) };
    const out = await push(p, c, [
      envelope(i, s, 1, { type: 'future.thing', v: 3, payload: big }),
      envelope(i, s, 2, { type: 'shelf.health', v: 9, payload: big }),
      envelope(i, s, 3, { type: 'future.thing', v: 3, payload: { small: true } }),
      envelope(i, s, 4),
    ]);
    expect(out.body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'ok', 'ok']);
    expect(out.body.results[0]?.reason).toMatch(/too large/);
  });
});
