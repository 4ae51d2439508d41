import type { Migration } from '../migrate.ts';

/** Batches put on a slot at restock: batch code and best-before date, for the expiring list. */
export const migration0006: Migration = {
  version: 6,
  name: 'stock-batches',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE stock_batches (
        id INTEGER PRIMARY KEY,
        slot_id TEXT NOT NULL,
        batch_code TEXT NOT NULL,
        best_before TEXT,
        count INTEGER NOT NULL CHECK (count > 0),
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX stock_batches_best_before ON stock_batches (best_before) WHERE best_before IS NOT NULL;
    `);
  },
};
