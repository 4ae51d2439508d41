import type { Migration } from '../migrate.ts';

/**
 * Rated capacity of a shelf-node board's load cells (kg; NULL = 5 kg). The pick detector
 * scales its starting noise, tare and drift expectations with it (issue 13): a 20 kg cell
 * shows four times the grams of noise of a 5 kg one. Additive: older apps ignore the column.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'board-load-cell-capacity',
  minReaderVersion: 1,
  up(db) {
    db.exec('ALTER TABLE boards ADD COLUMN load_cell_capacity_kg REAL CHECK (load_cell_capacity_kg IS NULL OR load_cell_capacity_kg > 0)');
  },
};
