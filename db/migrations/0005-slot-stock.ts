import type { Migration } from '../migrate.ts';

/** Items on each slot (from restocks and confirmed load-cell counts) and its low-stock mark. */
export const migration0005: Migration = {
  version: 5,
  name: 'slot-stock',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE slot_stock (
        slot_id TEXT PRIMARY KEY,
        count INTEGER NOT NULL CHECK (count >= 0),
        low_at INTEGER NOT NULL DEFAULT 2 CHECK (low_at >= 0),
        offline_changed INTEGER NOT NULL DEFAULT 0 CHECK (offline_changed IN (0, 1)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
