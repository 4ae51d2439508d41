import { createHash } from 'node:crypto';
import { canonicalJson } from '../../contract/sync.ts';
import type { EventEnvelope } from '../../contract/events.ts';
import { METRICS } from '../../platform/analytics/metrics.ts';
import { openPgStore } from '../../platform/store/pg-store.ts';
import type { IncomingEvent, PlatformStore } from '../../platform/store/platform-store.ts';
import { openSqliteStore } from '../../platform/store/sqlite-store.ts';
import { databaseFor, usesPostgres } from '../support/pg-database.ts';
import { kioskDay, newKiosk, seeded, type KioskSim } from './generator.ts';
import { independentPg, independentSqlite, type ByKey } from './independent-sql.ts';

/** A platform store on SQLite in dir, or on PostgreSQL in the vitest `pg` project. */
export async function openTestStore(dir: string): Promise<PlatformStore> {
  return usesPostgres() ? openPgStore(await databaseFor(dir)) : openSqliteStore(`${dir}/platform.sqlite`);
}

export function incoming(env: EventEnvelope): IncomingEvent {
  const json = canonicalJson(env);
  return { id: env.id, streamId: env.streamId, seq: env.seq, type: env.type, v: env.v, deviceTime: env.deviceTime, hash: createHash('sha256').update(json).digest('hex'), json };
}

export interface GenOptions { kiosks: number; days: number; start: string; seed: number; mean: number }

/** Generates kiosk days and ingests them through the store's own ingest (per kiosk-day batches, received a minute after the day's last event). */
export async function ingestGenerated(store: PlatformStore, o: GenOptions): Promise<number> {
  const rng = seeded(o.seed);
  const kiosks: KioskSim[] = Array.from({ length: o.kiosks }, (_, i) => newKiosk(rng, `k${i}`));
  let n = 0;
  for (let d = 0; d < o.days; d++) {
    const day = new Date(Date.parse(`${o.start}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    for (const k of kiosks) {
      const batch: EventEnvelope[] = [];
      kioskDay(k, rng, day, o.mean, (_k, env) => batch.push(env));
      if (batch.length === 0) continue;
      const last = Math.max(...batch.map((e) => Date.parse(e.deviceTime)));
      const out = await store.ingest(k.kioskId, batch.map(incoming), last + 60_000);
      if (out.some((r) => r.status !== 'ok')) throw new Error(`ingest refused: ${JSON.stringify(out.find((r) => r.status !== 'ok'))}`);
      n += batch.length;
    }
  }
  return n;
}

/** The rollup's kiosk × day × product rows and its refunds per kiosk-day, read with plain SQL. */
export async function rollupRows(store: PlatformStore): Promise<{ byKey: ByKey; refunds: ByKey }> {
  const db = await store.database();
  const sql = (table: string) => `SELECT kiosk_id AS k, day AS d, product_id AS p, ${METRICS.join(', ')} FROM ${table}`;
  const rows = (db.kind === 'sqlite' ? db.db.prepare(sql('analytics_kiosk_day')).all() : (await db.pool.query(sql('analytics.kiosk_day'))).rows) as Array<Record<string, string | number>>;
  const byKey: ByKey = new Map();
  const refunds: ByKey = new Map();
  for (const r of rows) {
    const figures = Object.fromEntries(METRICS.filter((m) => m !== 'refund_fen' && m !== 'refunds').map((m) => [m, Number(r[m])]));
    byKey.set(`${r.k}|${r.d}|${r.p}`, figures);
    const rk = `${r.k}|${r.d}|`;
    refunds.set(rk, { refund_fen: (refunds.get(rk)?.refund_fen ?? 0) + Number(r.refund_fen) });
  }
  return { byKey, refunds };
}

export async function independent(store: PlatformStore): Promise<{ byKey: ByKey; refunds: ByKey }> {
  const db = await store.database();
  return db.kind === 'sqlite' ? independentSqlite(db.db) : independentPg(db.pool);
}
