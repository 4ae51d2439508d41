import type Database from 'better-sqlite3';
import { openSqlite } from '../store/sqlite-driver.ts';
import type { CallbackStatus } from './provider.ts';

/**
 * The sandbox provider's own books: a separate SQLite file, as a real provider is a separate
 * system (it is the same with the PostgreSQL platform store). Notifications are an outbox:
 * written with the outcome, delivered until acknowledged, so a platform killed mid-callback
 * gets them after its restart.
 */
export interface SandboxPayment {
  id: string;
  paymentId: string;
  orderId: string;
  amountFen: number;
  state: 'pending' | CallbackStatus;
  returnUrl: string;
  refundedFen: number;
}

export interface SandboxNotification {
  id: number;
  paymentRef: string;
  body: string;
  attempts: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sandbox_payments (id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, order_id TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, state TEXT NOT NULL, return_url TEXT NOT NULL, refunded_fen INTEGER NOT NULL, created_at INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS sandbox_refunds (refund_id TEXT PRIMARY KEY, payment_ref TEXT NOT NULL, amount_fen INTEGER NOT NULL, at INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS sandbox_notifications (id INTEGER PRIMARY KEY AUTOINCREMENT, payment_ref TEXT NOT NULL, body TEXT NOT NULL,
    next_at INTEGER NOT NULL, attempts INTEGER NOT NULL, delivered_at INTEGER) STRICT;
  CREATE INDEX IF NOT EXISTS sandbox_notifications_due ON sandbox_notifications (next_at) WHERE delivered_at IS NULL;`;

export function openSandboxStore(file: string) {
  const db: Database.Database = openSqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // A stand-in for an external system, not platform data: its schema is created, never migrated.
  db.exec(SCHEMA);
  const q = {
    insert: db.prepare('INSERT INTO sandbox_payments VALUES (?, ?, ?, ?, ?, ?, 0, ?)'),
    get: db.prepare('SELECT id, payment_id AS paymentId, order_id AS orderId, amount_fen AS amountFen, state, return_url AS returnUrl, refunded_fen AS refundedFen FROM sandbox_payments WHERE id = ?'),
    settle: db.prepare("UPDATE sandbox_payments SET state = ? WHERE id = ? AND state = 'pending'"),
    notify: db.prepare('INSERT INTO sandbox_notifications (payment_ref, body, next_at, attempts) VALUES (?, ?, ?, 0)'),
    due: db.prepare('SELECT id, payment_ref AS paymentRef, body, attempts FROM sandbox_notifications WHERE delivered_at IS NULL AND next_at <= ? ORDER BY id LIMIT ?'),
    delivered: db.prepare('UPDATE sandbox_notifications SET delivered_at = ? WHERE id = ?'),
    retry: db.prepare('UPDATE sandbox_notifications SET attempts = attempts + 1, next_at = ? WHERE id = ?'),
    pending: db.prepare('SELECT COUNT(*) FROM sandbox_notifications WHERE delivered_at IS NULL').pluck(),
    refund: db.prepare('SELECT payment_ref AS paymentRef, amount_fen AS amountFen FROM sandbox_refunds WHERE refund_id = ?'),
    addRefund: db.prepare('INSERT INTO sandbox_refunds VALUES (?, ?, ?, ?)'),
    bumpRefunded: db.prepare('UPDATE sandbox_payments SET refunded_fen = refunded_fen + ? WHERE id = ?'),
  };
  const get = (id: string) => (q.get.get(id) as SandboxPayment | undefined) ?? null;
  return {
    insertPayment: (p: Omit<SandboxPayment, 'state' | 'refundedFen'>, now: number) => void q.insert.run(p.id, p.paymentId, p.orderId, p.amountFen, 'pending', p.returnUrl, now),
    getPayment: get,
    /** Settles a pending payment and queues its notifications in one transaction; false if it was settled already. */
    settle: db.transaction((id: string, state: CallbackStatus, bodies: string[], now: number): boolean => {
      if (q.settle.run(state, id).changes !== 1) return false;
      for (const b of bodies) q.notify.run(id, b, now);
      return true;
    }),
    enqueue: (paymentRef: string, body: string, at: number) => void q.notify.run(paymentRef, body, at),
    due: (now: number, limit: number) => q.due.all(now, limit) as SandboxNotification[],
    markDelivered: (id: number, now: number) => void q.delivered.run(now, id),
    markRetry: (id: number, nextAt: number) => void q.retry.run(nextAt, id),
    undelivered: () => q.pending.get() as number,
    refund: db.transaction((refundId: string, ref: string, amountFen: number, now: number): { ok: true } | { ok: false; message: string } => {
      const held = q.refund.get(refundId) as { paymentRef: string; amountFen: number } | undefined;
      if (held) return held.paymentRef === ref && held.amountFen === amountFen ? { ok: true } : { ok: false, message: 'refund id reused with other details' };
      const p = get(ref);
      if (!p || p.state !== 'paid') return { ok: false, message: 'payment is not paid' };
      if (p.refundedFen + amountFen > p.amountFen) return { ok: false, message: `at most ${p.amountFen - p.refundedFen} fen left to refund` };
      q.addRefund.run(refundId, ref, amountFen, now);
      q.bumpRefunded.run(amountFen, ref);
      return { ok: true };
    }),
    close: () => db.close(),
  };
}

export type SandboxStore = ReturnType<typeof openSandboxStore>;
