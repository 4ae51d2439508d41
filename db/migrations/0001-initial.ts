import type { Migration } from '../migrate.ts';

/** Identity, events + outbox, content packages, planogram and settings. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        stream_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        v INTEGER NOT NULL,
        device_time TEXT NOT NULL,
        boot_id TEXT NOT NULL,
        mono_ms REAL NOT NULL,
        tz_offset INTEGER NOT NULL,
        payload TEXT NOT NULL,
        synced_at INTEGER,
        UNIQUE (stream_id, seq)
      ) STRICT;

      -- One row per event not yet acknowledged by the platform. Deleted only on ack.
      CREATE TABLE outbox (
        event_id TEXT PRIMARY KEY REFERENCES events(id),
        priority INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        enqueued_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        dead_reason TEXT,
        dead_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (priority, seq) WHERE dead_reason IS NULL;

      CREATE TABLE content_packages (
        version INTEGER PRIMARY KEY,
        manifest TEXT NOT NULL,
        signature TEXT,
        source TEXT NOT NULL,
        installed_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE content_active (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL REFERENCES content_packages(version),
        activated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE media (
        sha256 TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        bytes INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE slots (
        slot_id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL,
        channel INTEGER NOT NULL,
        product_id TEXT,
        UNIQUE (board_id, channel)
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
