import pg from 'pg';
import type { BoardHealthRecord, KioskEventStats, TimelineEvent } from './fleet-store.ts';
import { pgAccountMethods } from './pg-accounts.ts';
import { pgCatalogueMethods, pgTargetMethods } from './pg-catalogue.ts';
import { pgImportJobMethods } from './pg-import-jobs.ts';
import { ingestPg } from './pg-ingest.ts';
import { createPartitionKeeper } from './pg-partitions.ts';
import { migratePg } from './pg-schema.ts';
import { redeemPg } from './pg-enrolment.ts';
import { migrateOrdersPg, pgOrderMethods } from '../orders/pg-orders.ts';
import type {
  ConflictRecord,
  ContentVersionRecord,
  IncomingEvent,
  IngestOutcome,
  KioskRecord,
  PlatformStore,
  StoredEventSummary,
  StreamRecord,
} from './platform-store.ts';

export interface PgStoreOptions {
  /** Connections per platform process (default 10); PostgreSQL's max_connections bounds the sum. */
  poolSize?: number;
}

// BIGINT columns hold ms timestamps and seqs, far below 2^53: read them as numbers.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (v: string) => Number(v) : (pg.types.getTypeParser(oid, format as 'text') as (v: string) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

const KIOSK_COLUMNS = `kiosk_id AS "kioskId", install_id AS "installId", name, token_hash AS "tokenHash",
  prev_token_hash AS "prevTokenHash", prev_valid_until AS "prevValidUntil", enrolled_at AS "enrolledAt",
  last_contact AS "lastContact", heartbeat, heartbeat_at AS "heartbeatAt"`;

/** Serialization failures and deadlocks are retried; the transaction had no effect. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Opens the PostgreSQL store (`PLATFORM_DATABASE_URL`): a connection pool, migrations run at
 * open, monthly event partitions kept ahead. Several platform processes may share one database.
 */
export async function openPgStore(connectionString: string, opts: PgStoreOptions = {}): Promise<PlatformStore> {
  const pool = new pg.Pool({ connectionString, max: opts.poolSize ?? 10, types, idleTimeoutMillis: 30_000 });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await migratePg(pool);
    await migrateOrdersPg(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const partitions = createPartitionKeeper(pool);
  await partitions.ensure(Date.now());

  async function transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || code === undefined || !RETRYABLE.has(code)) throw err;
      } finally {
        client.release();
      }
    }
  }
  const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows;
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await rows<T>(sql, params))[0] ?? null;

  return {
    createEnrolmentCode: async (codeHash, expiresAt, uses, kioskId) =>
      void (await pool.query('INSERT INTO enrolment_codes (code_hash, expires_at, uses_left, kiosk_id) VALUES ($1, $2, $3, $4)', [codeHash, expiresAt, uses, kioskId])),
    redeemEnrolmentCode: (r) => transaction((c) => redeemPg(c, r)),
    upsertKiosk: async (k) =>
      (await one<KioskRecord>(
        `INSERT INTO kiosks (kiosk_id, install_id, name, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (install_id) DO UPDATE SET name = COALESCE(excluded.name, kiosks.name), token_hash = excluded.token_hash,
           prev_token_hash = NULL, prev_valid_until = NULL
         RETURNING ${KIOSK_COLUMNS}`,
        [k.kioskId, k.installId, k.name, k.tokenHash, k.now],
      )) as KioskRecord,
    getKiosk: (kioskId) => one<KioskRecord>(`SELECT ${KIOSK_COLUMNS} FROM kiosks WHERE kiosk_id = $1`, [kioskId]),
    getKioskByInstall: (installId) => one<KioskRecord>(`SELECT ${KIOSK_COLUMNS} FROM kiosks WHERE install_id = $1`, [installId]),
    listKiosks: () => rows<KioskRecord>(`SELECT ${KIOSK_COLUMNS} FROM kiosks ORDER BY enrolled_at, kiosk_id`),
    rotateToken: async (kioskId, newHash, prevValidUntil) => {
      // A null grace revokes the old token at once (admin rotation after a leak).
      const prev = prevValidUntil === null ? 'NULL' : 'token_hash';
      await pool.query(`UPDATE kiosks SET prev_token_hash = ${prev}, prev_valid_until = $1, token_hash = $2 WHERE kiosk_id = $3`, [prevValidUntil, newHash, kioskId]);
    },
    dropPreviousToken: async (kioskId) =>
      void (await pool.query('UPDATE kiosks SET prev_token_hash = NULL, prev_valid_until = NULL WHERE kiosk_id = $1', [kioskId])),
    touchKiosk: async (kioskId, now) => void (await pool.query('UPDATE kiosks SET last_contact = $1 WHERE kiosk_id = $2', [now, kioskId])),
    saveHeartbeat: async (kioskId, json, now) =>
      void (await pool.query('UPDATE kiosks SET heartbeat = $1, heartbeat_at = $2, last_contact = $2 WHERE kiosk_id = $3', [json, now, kioskId])),

    ingest: async (kioskId: string, events: IncomingEvent[], now: number): Promise<IngestOutcome[]> => {
      if (events.length === 0) return [];
      await partitions.ensure(now);
      return transaction((c) => ingestPg(c, kioskId, events, now));
    },
    countEvents: async () => (await one<{ n: number }>('SELECT count(*) AS n FROM event_ids'))?.n ?? 0,
    recentEvents: (limit) =>
      rows<StoredEventSummary>(
        `SELECT id, kiosk_id AS "kioskId", type, stream_id AS "streamId", seq, device_time AS "deviceTime", received_at AS "receivedAt", hash
         FROM events ORDER BY received_at DESC, seq DESC LIMIT $1`,
        [limit],
      ),
    eventHashes: async () => new Map((await rows<{ id: string; hash: string }>('SELECT id, hash FROM event_ids')).map((r) => [r.id, r.hash])),
    conflicts: (limit) =>
      rows<ConflictRecord>(
        `SELECT event_id AS "eventId", kiosk_id AS "kioskId", kind, stored_hash AS "storedHash", received_hash AS "receivedHash", at
         FROM conflicts ORDER BY id DESC LIMIT $1`,
        [limit],
      ),
    streams: () =>
      rows<StreamRecord>(
        `SELECT stream_id AS "streamId", kiosk_id AS "kioskId", max_seq AS "maxSeq", distinct_seqs AS count,
                max_seq - distinct_seqs AS missing FROM streams ORDER BY stream_id`,
      ),

    latestContent: () =>
      one<ContentVersionRecord>('SELECT version, published_at AS "publishedAt", key_id AS "keyId", media FROM content_versions ORDER BY version DESC LIMIT 1'),
    addContentVersion: async (rec) =>
      void (await pool.query('INSERT INTO content_versions (version, published_at, key_id, media) VALUES ($1, $2, $3, $4::jsonb)', [
        rec.version, rec.publishedAt, rec.keyId, JSON.stringify(rec.media),
      ])),

    boardHealth: () =>
      rows<BoardHealthRecord>(
        'SELECT kiosk_id AS "kioskId", board_id AS "boardId", state, detail, device_time AS "deviceTime" FROM board_health ORDER BY kiosk_id, board_id',
      ),
    kioskEventStats: () =>
      rows<KioskEventStats>(
        `SELECT k.kiosk_id AS "kioskId", COALESCE(s.events, 0) AS events, COALESCE(s.missing, 0) AS missing, COALESCE(c.n, 0) AS conflicts
         FROM kiosks k
         LEFT JOIN (SELECT kiosk_id, sum(distinct_seqs)::bigint AS events, sum(max_seq - distinct_seqs)::bigint AS missing FROM streams GROUP BY kiosk_id) s USING (kiosk_id)
         LEFT JOIN (SELECT kiosk_id, count(*)::bigint AS n FROM conflicts GROUP BY kiosk_id) c USING (kiosk_id)`,
      ),
    kioskTimeline: (kioskId, limit, before) =>
      rows<TimelineEvent>(
        `SELECT id, type, stream_id AS "streamId", seq, device_time AS "deviceTime", received_at AS "receivedAt", (envelope->'payload')::text AS payload
         FROM events WHERE kiosk_id = $1 AND (received_at, seq, id) < ($3, $4, $5)
         ORDER BY received_at DESC, seq DESC, id DESC LIMIT $2`,
        [kioskId, limit, before?.receivedAt ?? Number.MAX_SAFE_INTEGER, before?.seq ?? 0, before?.id ?? ''],
      ),

    ...pgOrderMethods(pool, transaction),
    ...pgAccountMethods(pool, transaction),
    ...pgCatalogueMethods(pool, transaction),
    ...pgTargetMethods(pool, transaction),
    ...pgImportJobMethods(pool),
    database: () => Promise.resolve({ kind: 'pg' as const, pool }),
    close: () => pool.end(),
  };
}
