import type { Migration } from '../migrate.ts';

/**
 * Shelf boards: protocol per board, how its port is found (USB serial number, by-path
 * position or a plain path), Firmata pin ↔ slot map (JSON, validated by
 * contract/hardware.ts on every read) and whether its identity is confirmed.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'boards',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE boards (
        board_id TEXT PRIMARY KEY,
        protocol TEXT NOT NULL CHECK (protocol IN ('shelf-node', 'firmata')),
        port_serial_number TEXT,
        port_by_path TEXT,
        port_path TEXT,
        baud_rate INTEGER NOT NULL,
        load_cell_rate INTEGER CHECK (load_cell_rate IN (10, 80)),
        slots TEXT,
        confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
        confirmed_at INTEGER,
        updated_at INTEGER NOT NULL,
        CHECK (port_serial_number IS NOT NULL OR port_by_path IS NOT NULL OR port_path IS NOT NULL)
      ) STRICT;
    `);
  },
};
