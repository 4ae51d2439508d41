import type { Migration } from '../migrate.ts';

/**
 * The group-purchase unit (单位采购) a counter sale was made for, on the sale row itself, so the
 * receipt (which a unit needs for its accounts) can print it. Additive: older code ignores the
 * columns (minReaderVersion stays 1).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'sale-buyer',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      ALTER TABLE sales ADD COLUMN buyer_name TEXT;
      ALTER TABLE sales ADD COLUMN buyer_kind TEXT;
    `);
  },
};
