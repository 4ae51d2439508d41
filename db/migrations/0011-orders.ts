import type { Migration } from '../migrate.ts';

/**
 * Shopper orders (issue 10): the kiosk's view of each order, kept beside the events that
 * record every change (`order.created`, `order.state`). The events are the ledger; this table
 * is what screens and the status stream read and update.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'orders',
  minReaderVersion: 1,
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('shelf', 'counter')),
        state TEXT NOT NULL,
        lines TEXT NOT NULL,
        subtotal_fen INTEGER NOT NULL,
        discount_fen INTEGER NOT NULL,
        total_fen INTEGER NOT NULL,
        paid_fen INTEGER NOT NULL DEFAULT 0,
        refunded_fen INTEGER NOT NULL DEFAULT 0,
        content_version INTEGER NOT NULL,
        locale TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        pay_url TEXT,
        scanned INTEGER NOT NULL DEFAULT 0,
        payment_id TEXT,
        platform_error TEXT
      ) STRICT;
      CREATE INDEX orders_open ON orders (expires_at) WHERE state IN ('created', 'awaiting-payment');
    `);
  },
};
