import type { Migration } from '../migrate.ts';

/** Staff alerts (board lost, sick sensor, low stock, old backlog): raised once, cleared once. */
export const migration0008: Migration = {
  version: 8,
  name: 'staff-alerts',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE staff_alerts (
        alert_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        raised_at INTEGER NOT NULL,
        cleared_at INTEGER
      ) STRICT;
      CREATE INDEX staff_alerts_open ON staff_alerts (raised_at) WHERE cleared_at IS NULL;
    `);
  },
};
