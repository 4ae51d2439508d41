import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../contract/events.ts';
import { MAX_EVENTS_PER_PUSH, type KioskCredentials, type PushResponse } from '../../contract/sync.ts';
import { loadPlatformConfig } from '../../platform/config.ts';
import { parseRange } from '../../platform/routes/content-routes.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { ADMIN_TOKEN, enrol, startTestPlatform, tempDir } from './helpers.ts';
import { createAdminAccount, signIn } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';

const t = tempDir('sync-platform');
let platform: RunningPlatform;
const installId = '0190a0a0-0000-7000-8000-0000000000aa';
const streamId = '0190a0a0-0000-7000-8000-0000000000bb';
let creds: KioskCredentials;

beforeAll(async () => {
  platform = await startTestPlatform(join(t.dir, 'platform'));
  creds = await enrol(platform.url, installId);
});
afterAll(() =>
  teardown([
    ['platform', () => platform.close()],
    ['temp dir', () => t.cleanup()],
  ]),
);

function envelope(seq: number, extra: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: uuidv7(),
    installId,
    streamId,
    seq,
    type: 'shelf.health',
    v: 1,
    deviceTime: new Date().toISOString(),
    bootId: '0190a0a0-0000-7000-8000-0000000000cc',
    monoMs: 12.5,
    tzOffset: 480,
    payload: { boardId: 'node-1', state: 'connected' },
    ...extra,
  };
}

function auth(c: KioskCredentials = creds): string {
  return `Bearer ${c.kioskId}:${c.token}`;
}

async function push(events: unknown[], c: KioskCredentials = creds, gzip = true): Promise<{ status: number; body: PushResponse }> {
  const json = JSON.stringify({ events });
  const res = await fetch(`${platform.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: auth(c), 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
    body: gzip ? gzipSync(json) : json,
  });
  return { status: res.status, body: (await res.json()) as PushResponse };
}

async function admin(path: string, body: unknown): Promise<Response> {
  return fetch(`${platform.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('platform ingest', () => {
  it('stores once, answers duplicate, and alarms on a different payload under the same id', async () => {
    const a = envelope(1);
    const b = envelope(2);
    expect((await push([a, b])).body.results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect((await push([a, b], creds, false)).body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const changed = { ...a, payload: { boardId: 'node-1', state: 'lost' } };
    const r = await push([changed, a]);
    expect(r.body.results.map((x) => x.status)).toEqual(['conflict', 'duplicate']);
    expect((await platform.deps.store.conflicts(5))[0]).toMatchObject({ eventId: a.id, kind: 'payload' });
  });

  it('rejects malformed events one by one with reasons and accepts unknown types and versions', async () => {
    const good = envelope(3);
    const badTime = { ...envelope(4), deviceTime: 'yesterday' };
    const badPayload = envelope(5, { type: 'sale.recorded', payload: { saleId: 1 } });
    const foreign = envelope(6, { installId: '0190a0a0-0000-7000-8000-0000000000ff' });
    const future = envelope(7, { type: 'shelf.new-thing', v: 3, payload: { anything: true } });
    const newerVersion = envelope(8, { v: 2, payload: { shape: 'changed' } });
    const r = await push([good, badTime, badPayload, foreign, 'not an object', future, newerVersion]);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.status)).toEqual(['ok', 'rejected', 'rejected', 'rejected', 'rejected', 'ok', 'ok']);
    expect(r.body.results[1]?.reason).toMatch(/deviceTime/);
    expect(r.body.results[2]?.reason).toMatch(/^payload of sale.recorded v1/);
    expect(r.body.results[3]?.reason).toMatch(/installId/);
  });

  it('tracks (streamId, seq) gaps', async () => {
    const streams = await platform.deps.store.streams();
    // seqs 1,2,3,7,8 arrived (4,5,6 were rejected): 3 missing below 8.
    expect(streams).toEqual([expect.objectContaining({ streamId, maxSeq: 8, count: 5, missing: 3 })]);
  });

  it('answers 401 without credentials and 413 for an oversized batch', async () => {
    expect((await push([envelope(9)], { kioskId: creds.kioskId, token: 'wrong-token-wrong-token' })).status).toBe(401);
    const many = Array.from({ length: MAX_EVENTS_PER_PUSH + 1 }, () => ({}));
    expect((await push(many)).status).toBe(413);
  });
});

describe('platform enrolment and credentials', () => {
  it('takes an admin-created enrolment code once', async () => {
    const code = ((await (await admin('/v1/admin/enrolment-codes', { uses: 1 })).json()) as { code: string }).code;
    const body = (code: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, installId: '0190a0a0-0000-7000-8000-000000000011' }) });
    expect((await fetch(`${platform.url}/v1/enrol`, body(code))).status).toBe(200);
    const other = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, installId: '0190a0a0-0000-7000-8000-000000000012' }) };
    expect((await fetch(`${platform.url}/v1/enrol`, other)).status).toBe(403);
    expect((await fetch(`${platform.url}/v1/enrol`, body('not-a-code-at-all'))).status).toBe(403);
  });

  it('keeps the kioskId of an installId and keeps the old token until the new one is used', async () => {
    const other = await enrol(platform.url, '0190a0a0-0000-7000-8000-000000000022');
    const res = await fetch(`${platform.url}/v1/credentials/rotate`, { method: 'POST', headers: { authorization: auth(other) } });
    const rotated = (await res.json()) as KioskCredentials;
    expect(rotated.kioskId).toBe(other.kioskId);
    const hb = (c: KioskCredentials) =>
      fetch(`${platform.url}/v1/heartbeat`, {
        method: 'POST',
        headers: { authorization: auth(c), 'content-type': 'application/json' },
        body: JSON.stringify({ kioskId: c.kioskId, sentAt: new Date().toISOString(), backlog: { money: { count: 2, oldestAgeMs: 60_000 }, stock: { count: 0, oldestAgeMs: null }, analytics: { count: 40, oldestAgeMs: 5000 } }, deadLetters: 1, contentVersion: 7 }),
      });
    expect((await hb(other)).status).toBe(200);
    expect((await hb(rotated)).status).toBe(200);
    expect((await hb(other)).status).toBe(401);
    const again = await enrol(platform.url, '0190a0a0-0000-7000-8000-000000000022', rotated);
    expect(again.kioskId).toBe(other.kioskId);
    expect((await hb(rotated)).status).toBe(401);
  });

  it('generates an admin token at first start when none is configured, and reuses it', () => {
    const dir = join(t.dir, 'cfg');
    const first = loadPlatformConfig({ PLATFORM_DATA_DIR: dir });
    expect(first.adminToken.length).toBeGreaterThanOrEqual(32);
    expect(first.adminTokenFile).toBe(join(dir, 'admin-token'));
    expect(statSync(first.adminTokenFile!).mode & 0o077).toBe(0);
    expect(loadPlatformConfig({ PLATFORM_DATA_DIR: dir }).adminToken).toBe(first.adminToken);
    expect(first.port).toBe(8790);
  });
});

describe('platform pages and ranges', () => {
  it('parses byte ranges', () => {
    expect(parseRange('bytes=10-', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBeNull();
    expect(parseRange('items=1-2', 100)).toBeNull();
  });

  it('shows the fleet page only after sign-in, with kiosks, backlog and conflicts', async () => {
    const anon = await fetch(`${platform.url}/`, { redirect: 'manual' });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/login?next=%2F');
    expect(await anon.text()).not.toContain(creds.kioskId);
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'fleet', ['fleet-admin']);
    const cookie = await signIn(platform.url, 'fleet');
    const html = await (await fetch(`${platform.url}/`, { headers: { cookie } })).text();
    expect(html).toContain(creds.kioskId);
    expect(html).toContain('money 2 (oldest 1 min)');
    expect(html).toContain('Conflicts');
    expect(html).toContain('shelf.health');
  });
});
