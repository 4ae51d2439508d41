import type { Migration } from '../migrate.ts';

/** Load-cell calibrations saved by staff: zero, scale factor, who and when (drift is read from the history). */
export const migration0007: Migration = {
  version: 7,
  name: 'calibrations',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE calibrations (
        id INTEGER PRIMARY KEY,
        slot_id TEXT NOT NULL,
        zero_grams REAL NOT NULL,
        known_grams REAL NOT NULL,
        factor REAL NOT NULL,
        account_id TEXT NOT NULL,
        saved_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX calibrations_slot ON calibrations (slot_id, saved_at);
    `);
  },
};
