import type { Pool } from 'pg';
import { campaignDefs, metricDefs } from './sql-text.ts';

/**
 * The analytics tables live in their own schema `analytics` with their own migration table
 * (`analytics.schema_migrations`), apart from the platform's (store/pg-schema.ts), so the two
 * evolve without touching each other's version numbers.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE analytics.cursor (id INTEGER PRIMARY KEY CHECK (id = 1), received_at BIGINT NOT NULL, event_id TEXT NOT NULL, folded BIGINT NOT NULL, skipped BIGINT NOT NULL);
   INSERT INTO analytics.cursor VALUES (1, 0, '', 0, 0);
   -- kiosk first: the one-kiosk view reads (kiosk_id, day range) by this key.
   CREATE TABLE analytics.kiosk_day (kiosk_id TEXT NOT NULL, day TEXT NOT NULL, product_id TEXT NOT NULL, ${metricDefs('BIGINT')}, PRIMARY KEY (kiosk_id, day, product_id));
   -- the dashboard's table: all kiosks, one row per product and day, read by day range.
   CREATE TABLE analytics.product_day (day TEXT NOT NULL, product_id TEXT NOT NULL, ${metricDefs('BIGINT')}, PRIMARY KEY (day, product_id));
   CREATE TABLE analytics.campaign_day (day TEXT NOT NULL, campaign_id TEXT NOT NULL, product_id TEXT NOT NULL, ${campaignDefs('BIGINT')}, PRIMARY KEY (day, campaign_id, product_id));
   CREATE TABLE analytics.unit_day (day TEXT NOT NULL, unit_id TEXT NOT NULL, product_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, qty BIGINT NOT NULL, fen BIGINT NOT NULL, PRIMARY KEY (day, unit_id, product_id));
   CREATE TABLE analytics.docs (doc_id TEXT PRIMARY KEY, state JSONB NOT NULL);
   CREATE TABLE analytics.stock (kiosk_id TEXT NOT NULL, product_id TEXT NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (kiosk_id, product_id));
   CREATE TABLE analytics.catalogue (content_version INTEGER PRIMARY KEY, snapshot JSONB NOT NULL);`,
];

/** Any fixed number, not the platform's: serialises analytics migrations across processes. */
const LOCK = 0x616e6c79;

export async function migrateAnalyticsPg(pool: Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    await c.query('CREATE SCHEMA IF NOT EXISTS analytics');
    await c.query('CREATE TABLE IF NOT EXISTS analytics.schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const v = (await c.query<{ v: number | null }>('SELECT max(version) AS v FROM analytics.schema_migrations')).rows[0]?.v ?? 0;
    if (v > MIGRATIONS.length) throw new Error(`analytics schema ${v} is newer than this platform (${MIGRATIONS.length})`);
    for (let i = v; i < MIGRATIONS.length; i++) {
      await c.query(MIGRATIONS[i] ?? '');
      await c.query('INSERT INTO analytics.schema_migrations (version) VALUES ($1)', [i + 1]);
    }
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}
