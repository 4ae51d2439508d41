import type { Migration } from '../migrate.ts';

/** Staff screens list recent events of one type (staff actions, restocks): an index keeps that off a full scan. */
export const migration0009: Migration = {
  version: 9,
  name: 'events-by-type',
  minReaderVersion: 1,
  up(db) {
    db.exec('CREATE INDEX events_type_seq ON events (type, seq)');
  },
};
