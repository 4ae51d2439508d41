import path from 'node:path';
import { openSqlite } from '../../db/sqlite.ts';
import type { Acknowledged } from './kill-harness.ts';

interface OrderRow {
  order_id: string;
  state: string;
  total_fen: number;
  paid_fen: number;
  refunded_fen: number;
}

interface StateChange {
  orderId: string;
  to: string;
  action: string;
  amountFen: number;
}

/**
 * Checks a kiosk database against what clients were told, written apart from the service's
 * code: it reads the raw tables and replays the events itself. Returns every violation found
 * (an empty list is a pass).
 */
export function verifyKioskLedger(dataDir: string, ack: Acknowledged): string[] {
  const db = openSqlite(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  const problems: string[] = [];
  try {
    const rows = new Map((db.prepare('SELECT order_id, state, total_fen, paid_fen, refunded_fen FROM orders').all() as OrderRow[]).map((r) => [r.order_id, r]));
    const created = db.prepare("SELECT json_extract(payload, '$.orderId') AS id, json_extract(payload, '$.totalFen') AS total FROM events WHERE type = 'order.created'").all() as Array<{ id: string; total: number }>;
    const changes = (db.prepare("SELECT payload FROM events WHERE type = 'order.state' ORDER BY seq").pluck().all() as string[]).map((p) => JSON.parse(p) as StateChange);
    const withoutOutbox = db.prepare("SELECT COUNT(*) FROM events e LEFT JOIN outbox o ON o.event_id = e.id WHERE e.type LIKE 'order.%' AND o.event_id IS NULL").pluck().get() as number;
    if (withoutOutbox > 0) problems.push(`${withoutOutbox} order events without an outbox row`);
    const seqs = db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all() as number[];
    if (seqs.some((s, i) => s !== i + 1)) problems.push('event sequence has a gap or a repeat');

    const createdCount = new Map<string, number>();
    for (const c of created) createdCount.set(c.id, (createdCount.get(c.id) ?? 0) + 1);
    for (const [id, n] of createdCount) if (n !== 1) problems.push(`order ${id}: ${n} order.created events`);
    for (const id of rows.keys()) if (!createdCount.has(id)) problems.push(`order ${id}: a row without its order.created event`);
    for (const c of created) if (!rows.has(c.id)) problems.push(`order ${c.id}: an order.created event without its row`);

    for (const [id, view] of ack.orders) {
      const row = rows.get(id);
      if (!row) problems.push(`acknowledged order ${id} is missing`);
      else if (row.total_fen !== view.totalFen) problems.push(`order ${id}: total ${row.total_fen} ≠ acknowledged ${view.totalFen}`);
    }
    // Replay each order's changes: the row must be where its events lead, payments exactly once.
    for (const [id, row] of rows) {
      const mine = changes.filter((c) => c.orderId === id);
      const pays = mine.filter((c) => c.action === 'pay');
      if (pays.length > 1) problems.push(`order ${id}: paid ${pays.length} times`);
      const paid = pays.reduce((s, c) => s + c.amountFen, 0);
      const refunded = mine.filter((c) => c.action === 'refund').reduce((s, c) => s + c.amountFen, 0);
      const last = mine.at(-1)?.to ?? 'created';
      if (row.state !== last) problems.push(`order ${id}: row says ${row.state}, its events end at ${last}`);
      if (row.paid_fen !== paid || row.refunded_fen !== refunded) problems.push(`order ${id}: row paid/refunded ${row.paid_fen}/${row.refunded_fen}, events ${paid}/${refunded}`);
      if (pays.length === 1 && paid !== row.total_fen) problems.push(`order ${id}: paid ${paid} for a total of ${row.total_fen}`);
    }
    for (const id of ack.paid) if (rows.get(id)?.paid_fen !== rows.get(id)?.total_fen || rows.get(id) === undefined) problems.push(`acknowledged payment of ${id} is missing`);
    for (const id of ack.cancelled) if (!['cancelled', 'paid'].includes(rows.get(id)?.state ?? '')) problems.push(`acknowledged cancel of ${id}: state ${rows.get(id)?.state}`);
  } finally {
    db.close();
  }
  return problems;
}

/** Σ of paid order money by the events, and the last `ledger.day` totals, to compare to the fen. */
export function ledgerSums(dataDir: string): { paidByEvents: number; paidByLedger: number; paidCountByEvents: number; paidCountByLedger: number } {
  const db = openSqlite(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    const pays = db.prepare("SELECT json_extract(payload, '$.amountFen') FROM events WHERE type = 'order.state' AND json_extract(payload, '$.action') = 'pay'").pluck().all() as number[];
    const days = db.prepare("SELECT payload FROM events WHERE type = 'ledger.day' ORDER BY seq").pluck().all() as string[];
    const lastPerDay = new Map<string, { ordersPaidFen: number; ordersPaidCount: number }>();
    for (const d of days.map((p) => JSON.parse(p) as { day: string; ordersPaidFen: number; ordersPaidCount: number })) lastPerDay.set(d.day, d);
    const byLedger = [...lastPerDay.values()];
    return {
      paidByEvents: pays.reduce((s, x) => s + x, 0),
      paidCountByEvents: pays.length,
      paidByLedger: byLedger.reduce((s, d) => s + d.ordersPaidFen, 0),
      paidCountByLedger: byLedger.reduce((s, d) => s + d.ordersPaidCount, 0),
    };
  } finally {
    db.close();
  }
}
