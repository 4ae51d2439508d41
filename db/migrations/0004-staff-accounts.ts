import type { Migration } from '../migrate.ts';

/**
 * Staff accounts (issue 9): one per person, with a role and a scrypt PIN hash
 * (`scrypt$N$r$p$salt$hash`). Deleted accounts keep their row (deleted_at) so events that
 * name them still resolve.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'staff-accounts',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE staff_accounts (
        account_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin')),
        pin_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) STRICT;
      CREATE INDEX staff_accounts_active ON staff_accounts (role) WHERE deleted_at IS NULL;
    `);
  },
};
