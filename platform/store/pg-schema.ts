import type { Pool, PoolClient } from 'pg';

/**
 * PostgreSQL schema migrations, numbered and forward only. Each runs in its own transaction
 * with its row in `schema_migrations`; a transaction-level advisory lock makes several
 * platform processes starting at once run each migration exactly once.
 *
 * Events are split in two:
 * - `event_ids` (not partitioned) is the permanent de-duplication record: the primary key
 *   on `id` must hold across all time, and PostgreSQL only enforces uniqueness across a
 *   partitioned table when the key contains the partition key.
 * - `events` holds the envelopes, range-partitioned by `received_at` (ms) per calendar
 *   month (UTC); partitions are created ahead by pg-partitions.ts, old ones can be detached
 *   and archived without touching the de-duplication record.
 * `stream_seqs` owns each (stream, seq) once: a second id on it is a seq-reuse alarm, found
 * race-free by its primary key even when two processes insert at the same moment.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL,
    uses_left INTEGER NOT NULL
  );
  CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY,
    install_id TEXT NOT NULL UNIQUE,
    name TEXT,
    token_hash TEXT NOT NULL,
    prev_token_hash TEXT,
    prev_valid_until BIGINT,
    enrolled_at BIGINT NOT NULL,
    last_contact BIGINT,
    heartbeat TEXT,
    heartbeat_at BIGINT
  );
  CREATE TABLE event_ids (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    received_at BIGINT NOT NULL
  );
  CREATE TABLE stream_seqs (
    stream_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (stream_id, seq)
  );
  CREATE TABLE events (
    id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    v INTEGER NOT NULL,
    device_time TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    hash TEXT NOT NULL,
    envelope JSONB NOT NULL
  ) PARTITION BY RANGE (received_at);
  -- The fleet page's recent events (ORDER BY received_at DESC) and a kiosk's timeline.
  CREATE INDEX events_received ON events (received_at);
  CREATE INDEX events_kiosk_received ON events (kiosk_id, received_at);
  CREATE TABLE streams (
    stream_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    max_seq BIGINT NOT NULL,
    distinct_seqs BIGINT NOT NULL
  );
  CREATE TABLE conflicts (
    id BIGSERIAL PRIMARY KEY,
    event_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    stored_hash TEXT NOT NULL,
    received_hash TEXT NOT NULL,
    at BIGINT NOT NULL,
    UNIQUE (event_id, kind, received_hash)
  );
  CREATE INDEX conflicts_kiosk ON conflicts (kiosk_id);
  -- Latest state per board, kept at ingest (ordered by stream and seq, never by clock) so the
  -- fleet view does not scan years of shelf.health events.
  CREATE TABLE board_health (
    kiosk_id TEXT NOT NULL,
    board_id TEXT NOT NULL,
    state TEXT NOT NULL,
    detail TEXT,
    stream_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    device_time TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, board_id)
  );
  CREATE TABLE content_versions (
    version INTEGER PRIMARY KEY,
    published_at BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    media JSONB NOT NULL
  );
  `,
  // Enrolment hardening (issue 12): a code may be scoped to one kiosk (admin re-enrolment), and
  // each redemption is remembered so the same code from the same installId can be retried
  // within a window (an answer lost to a power cut must not strand the kiosk).
  `
  ALTER TABLE enrolment_codes ADD COLUMN kiosk_id TEXT;
  CREATE TABLE enrolment_redemptions (
    code_hash TEXT NOT NULL,
    install_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (code_hash, install_id)
  );
  `,
  // Administrator accounts (issue 11), as in the SQLite store.
  `
  CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    roles JSONB NOT NULL,
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE admin_sessions (
    id_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX admin_sessions_account ON admin_sessions (account_id);
  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  `,
  // The working catalogue and publish targets (issue 11), as in the SQLite store.
  `
  CREATE TABLE catalogue_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    doc TEXT NOT NULL,
    revision BIGINT NOT NULL
  );
  CREATE TABLE catalogue_products (
    product_id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    updated_revision BIGINT NOT NULL
  );
  CREATE TABLE content_targets (
    version INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('all', 'group', 'kiosk')),
    value TEXT
  );
  CREATE TABLE kiosk_groups (
    kiosk_id TEXT NOT NULL,
    group_name TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, group_name)
  );
  `,
  // Authoring records (producers, pairings, batches), as in the SQLite store.
  `
  CREATE TABLE catalogue_records (
    kind TEXT NOT NULL CHECK (kind IN ('producer', 'pairing', 'batch')),
    id TEXT NOT NULL,
    doc TEXT NOT NULL,
    updated_revision BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  `,
];

/** Any fixed number: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 0x6b696f73;

async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** Runs the migrations this database has not seen yet; refuses a newer schema than this code. */
export async function migratePg(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can still collide.
    await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    });
    for (let i = 0; i < MIGRATIONS.length; i++) {
      const version = i + 1;
      await inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
        if (done.rowCount) return;
        await client.query(MIGRATIONS[i] ?? '');
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      });
    }
    const newest = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const v = newest.rows[0]?.v ?? 0;
    if (v > MIGRATIONS.length) throw new Error(`platform database schema ${v} is newer than this platform (${MIGRATIONS.length})`);
  } finally {
    client.release();
  }
}
