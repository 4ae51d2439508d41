import type { Migration } from '../migrate.ts';

/**
 * Sync client state: credentials, last contact, server clock offset, last error; the
 * platform's time of acknowledgement beside each event's device time; an index for the
 * dead-letter list staff see.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'sync',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Server time (ISO) of the push that acknowledged the event, beside its device_time.
      ALTER TABLE events ADD COLUMN server_time TEXT;

      CREATE INDEX outbox_dead ON outbox (dead_at) WHERE dead_reason IS NOT NULL;
    `);
  },
};
