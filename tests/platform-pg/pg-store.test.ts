import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { monthOf } from '../../platform/store/pg-partitions.ts';
import { openPgStore } from '../../platform/store/pg-store.ts';
import type { IncomingEvent } from '../../platform/store/platform-store.ts';
import { databaseFor } from '../support/pg-database.ts';
import { tempDir } from '../sync/helpers.ts';

const t = tempDir('pg-store');
afterAll(() => t.cleanup());

function ev(seq: number): IncomingEvent {
  const id = `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`;
  return { id, streamId: 's1', seq, type: 'shelf.lift', v: 1, deviceTime: '2026-01-01T00:00:00Z', hash: `h${seq}`, json: JSON.stringify({ id, payload: {} }) };
}

it('migrates once when several processes open a fresh database at the same moment', async () => {
  const url = await databaseFor(join(t.dir, 'concurrent'));
  const stores = await Promise.all([openPgStore(url), openPgStore(url), openPgStore(url)]);
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  try {
    // Each migration exactly once, in order, whatever their number (features add migrations).
    const versions = (await sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(versions.length).toBeGreaterThanOrEqual(4);
  } finally {
    await sql.end();
    await Promise.all(stores.map((s) => s.close()));
  }
});

it('creates the month of an event and the next two when ingest crosses into it', async () => {
  const url = await databaseFor(join(t.dir, 'partitions'));
  const store = await openPgStore(url);
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const partitions = async () =>
    (await sql.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events' ORDER BY 1`)).rows.map((r) => r.name);
  try {
    const now = Date.now();
    const current = [0, 1, 2].map((i) => monthOf(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() + i, 1)).name);
    expect(await partitions()).toEqual(current);
    const later = Date.UTC(2031, 4, 17);
    expect(await store.ingest('k', [ev(1)], later)).toEqual([{ status: 'ok' }]);
    expect(await partitions()).toEqual([...current, 'events_y2031m05', 'events_y2031m06', 'events_y2031m07']);
    const where = await sql.query<{ p: string }>(`SELECT tableoid::regclass::text AS p FROM events`);
    expect(where.rows).toEqual([{ p: 'events_y2031m05' }]);
    // The de-duplication record spans partitions: the same id in another month is a duplicate.
    expect(await store.ingest('k', [ev(1)], now)).toEqual([{ status: 'duplicate' }]);
  } finally {
    await sql.end();
    await store.close();
  }
});

it('refuses a database whose schema is newer than the code', async () => {
  const url = await databaseFor(join(t.dir, 'newer'));
  const store = await openPgStore(url);
  await store.close();
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  await sql.query('INSERT INTO schema_migrations (version) VALUES (99)');
  await sql.end();
  await expect(openPgStore(url)).rejects.toThrow(/newer than this platform/);
});

it('names partitions by UTC month with bounds at the month edges', () => {
  expect(monthOf(Date.UTC(2026, 11, 31, 23, 59))).toEqual({ start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1), name: 'events_y2026m12' });
});
