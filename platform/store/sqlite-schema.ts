import type Database from 'better-sqlite3';

/** Platform schema migrations, forward only; `user_version` records how many ran. */
const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) =>
    db.exec(`
      CREATE TABLE enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL,
        uses_left INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE kiosks (
        kiosk_id TEXT PRIMARY KEY,
        install_id TEXT NOT NULL UNIQUE,
        name TEXT,
        token_hash TEXT NOT NULL,
        prev_token_hash TEXT,
        prev_valid_until INTEGER,
        enrolled_at INTEGER NOT NULL,
        last_contact INTEGER,
        heartbeat TEXT,
        heartbeat_at INTEGER
      ) STRICT;

      -- Every event ever accepted, by id, forever: the de-duplication record.
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        v INTEGER NOT NULL,
        device_time TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        hash TEXT NOT NULL,
        envelope TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_stream_seq ON events (stream_id, seq);
      CREATE INDEX events_received ON events (received_at);

      CREATE TABLE streams (
        stream_id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        max_seq INTEGER NOT NULL,
        distinct_seqs INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        stored_hash TEXT NOT NULL,
        received_hash TEXT NOT NULL,
        at INTEGER NOT NULL,
        UNIQUE (event_id, kind, received_hash)
      ) STRICT;

      CREATE TABLE content_versions (
        version INTEGER PRIMARY KEY,
        published_at INTEGER NOT NULL,
        key_id TEXT NOT NULL,
        media TEXT NOT NULL
      ) STRICT;
    `),
  // Enrolment hardening (issue 12): a code may be scoped to one kiosk (admin re-enrolment), and
  // each redemption is remembered so the same code from the same installId can be retried
  // within a window (an answer lost to a power cut must not strand the kiosk).
  (db) =>
    db.exec(`
      ALTER TABLE enrolment_codes ADD COLUMN kiosk_id TEXT;
      CREATE TABLE enrolment_redemptions (
        code_hash TEXT NOT NULL,
        install_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (code_hash, install_id)
      ) STRICT;
    `),
  // Administrator accounts (issue 11): scrypt password hashes, sessions by the sha256 of their
  // random id, and an append-only audit log of every edit and publish.
  (db) =>
    db.exec(`
      CREATE TABLE accounts (
        account_id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE admin_sessions (
        id_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX admin_sessions_account ON admin_sessions (account_id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
    `),
  // The working catalogue (issue 11): one row per product, one meta row whose revision every
  // change raises; and publish targets (all kiosks, a group, one kiosk) with kiosk groups.
  (db) =>
    db.exec(`
      CREATE TABLE catalogue_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        doc TEXT NOT NULL,
        revision INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE catalogue_products (
        product_id TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        updated_revision INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE content_targets (
        version INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('all', 'group', 'kiosk')),
        value TEXT
      ) STRICT;
      CREATE TABLE kiosk_groups (
        kiosk_id TEXT NOT NULL,
        group_name TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, group_name)
      ) STRICT;
    `),
  // Authoring records (issue 11): producers, pairings and batches beside the products, changed in
  // the same revisioned transaction; a batch's id is `<productId>/<code>`.
  (db) =>
    db.exec(`
      CREATE TABLE catalogue_records (
        kind TEXT NOT NULL CHECK (kind IN ('producer', 'pairing', 'batch')),
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        updated_revision INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;
    `),
];

export function migratePlatform(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`platform database schema ${current} is newer than this platform (${MIGRATIONS.length})`);
  }
  db.transaction(() => {
    for (let i = current; i < MIGRATIONS.length; i++) MIGRATIONS[i]?.(db);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
