import type { Migration } from '../migrate.ts';

/**
 * Counter sales and their refunds (issue 10). Each row is written in the transaction that
 * appends its `sale.completed` / `sale.refunded` event (and outbox row). `body_hash` makes the
 * client-chosen ids idempotent: the same id with the same body is the same sale. Also an index
 * for store reports over the event log by type and time.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'sales',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE sales (
        sale_id TEXT PRIMARY KEY,
        body_hash TEXT NOT NULL,
        event_id TEXT NOT NULL REFERENCES events(id),
        created_at INTEGER NOT NULL,
        day TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('cash', 'qr', 'card')),
        subtotal_fen INTEGER NOT NULL CHECK (subtotal_fen >= 0),
        discount_fen INTEGER NOT NULL CHECK (discount_fen >= 0),
        total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
        tendered_fen INTEGER NOT NULL CHECK (tendered_fen >= total_fen),
        change_fen INTEGER NOT NULL CHECK (change_fen = tendered_fen - total_fen),
        refunded_fen INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= total_fen),
        content_version INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sales_by_time ON sales (created_at);

      CREATE TABLE sale_lines (
        sale_id TEXT NOT NULL REFERENCES sales(sale_id),
        line_no INTEGER NOT NULL,
        product_id TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        list_price_fen INTEGER NOT NULL CHECK (list_price_fen >= 0),
        unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
        campaign_id TEXT,
        line_total_fen INTEGER NOT NULL CHECK (line_total_fen = unit_price_fen * quantity),
        discount_fen INTEGER NOT NULL CHECK (discount_fen >= 0),
        PRIMARY KEY (sale_id, line_no)
      ) STRICT;

      CREATE TABLE sale_refunds (
        refund_id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales(sale_id),
        body_hash TEXT NOT NULL,
        event_id TEXT NOT NULL REFERENCES events(id),
        created_at INTEGER NOT NULL,
        day TEXT NOT NULL,
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        is_void INTEGER NOT NULL CHECK (is_void IN (0, 1)),
        reason TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sale_refunds_by_sale ON sale_refunds (sale_id);
      CREATE INDEX sale_refunds_by_time ON sale_refunds (created_at);

      -- Store reports read orders and lifts of one type within a time range. events_type_seq
      -- (0009) finds the type but then visits every row of it to test the time: a month of lifts
      -- for a report of today. Events are written at human pace, so one more index costs little.
      CREATE INDEX events_type_time ON events (type, device_time);
    `);
  },
};
