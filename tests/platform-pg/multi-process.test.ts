import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PushResponseSchema, type PushResult } from '../../contract/sync.ts';
import { rowToEnvelope, type EventRow } from '../../db/events.ts';
import type { EventEnvelope } from '../../contract/events.ts';
import { databaseFor } from '../support/pg-database.ts';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { ADMIN_TOKEN, enrol, openKiosk, produce, tempDir } from '../sync/helpers.ts';

/**
 * Two real platform processes on one PostgreSQL database: de-duplication holds across them.
 * The same events pushed to both at once are stored once; the same id with another payload
 * is a conflict (an alarm), never an ack, whichever process sees it first.
 */
const t = tempDir('pg-multi');
let dbUrl = '';
let a: PlatformProcess;
let b: PlatformProcess;
let sql: pg.Client;

beforeAll(async () => {
  dbUrl = await databaseFor(join(t.dir, 'platform'));
  const env = { PLATFORM_DATABASE_URL: dbUrl, PLATFORM_DATA_DIR: join(t.dir, 'platform'), PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN };
  // The first one runs the migrations and writes the signing key; the second finds both.
  a = await startPlatformProcess(env);
  b = await startPlatformProcess(env);
  sql = new pg.Client({ connectionString: dbUrl });
  await sql.connect();
});

afterAll(async () => {
  await sql.end();
  await Promise.all([a.stop(), b.stop()]);
  t.cleanup();
});

async function push(base: string, auth: string, events: unknown[]): Promise<PushResult[]> {
  const res = await fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  expect(res.status).toBe(200);
  return PushResponseSchema.parse(await res.json()).results;
}

const count = async (q: string) => Number((await sql.query<{ n: string }>(q)).rows[0]?.n);

it('stores each event once when the same batches reach both processes concurrently', async () => {
  const kiosk = openKiosk(join(t.dir, 'kiosk.db'));
  produce(kiosk, 400);
  const envelopes = (kiosk.db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[]).map((r) => rowToEnvelope(r, kiosk.identity.installId));
  kiosk.db.close();
  const creds = await enrol(a.url, envelopes[0]?.installId ?? '');
  const auth = `Bearer ${creds.kioskId}:${creds.token}`;
  const batches = [envelopes.slice(0, 250), envelopes.slice(150, 400), envelopes];
  // Every batch to both processes, three times over, all in flight together.
  const pushes = [0, 1, 2].flatMap(() => batches.flatMap((batch) => [push(a.url, auth, batch), push(b.url, auth, batch)]));
  const results = (await Promise.all(pushes)).flat();
  const oks = results.filter((r) => r.status === 'ok').map((r) => r.id);
  expect(results.filter((r) => r.status !== 'ok' && r.status !== 'duplicate')).toEqual([]);
  expect(oks.length).toBe(400);
  expect(new Set(oks).size).toBe(400);
  expect(await count('SELECT count(*) AS n FROM events')).toBe(400);
  expect(await count('SELECT count(*) AS n FROM event_ids')).toBe(400);
  expect(await count('SELECT sum(max_seq - distinct_seqs) AS n FROM streams')).toBe(0);
  expect(await count('SELECT sum(distinct_seqs) AS n FROM streams')).toBe(400);
  expect(await count('SELECT count(*) AS n FROM conflicts')).toBe(0);

  // Same id, different payload, to both processes at once: one is stored, the other is an alarm.
  const base = envelopes[399] as EventEnvelope;
  const fresh = { ...base, id: '01900000-0000-7000-8000-0000000000aa', seq: 401 };
  const one = { ...fresh, payload: { ...(fresh.payload as object), note: 'one' } };
  const two = { ...fresh, payload: { ...(fresh.payload as object), note: 'two' } };
  const [r1, r2] = await Promise.all([push(a.url, auth, [one]), push(b.url, auth, [two])]);
  expect([r1[0]?.status, r2[0]?.status].sort()).toEqual(['conflict', 'ok']);
  // A changed payload under an id held before: conflict on either process, never an ack.
  const changed = { ...base, payload: { ...(base.payload as object), note: 'changed' } };
  const [r3, r4] = await Promise.all([push(a.url, auth, [changed]), push(b.url, auth, [changed])]);
  expect([r3[0]?.status, r4[0]?.status]).toEqual(['conflict', 'conflict']);
  expect(await count('SELECT count(*) AS n FROM events')).toBe(401);
  expect(await count(`SELECT count(*) AS n FROM conflicts WHERE kind = 'payload'`)).toBe(2);
});

it('ran on two distinct processes and one database (sentinel for the test above)', () => {
  expect(a.child.pid).not.toBe(b.child.pid);
  expect(a.url).not.toBe(b.url);
});
