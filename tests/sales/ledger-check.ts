import type { Db } from '../../db/open.ts';

/** A request the kill test's client sent: a sale or a refund, with the id it chose. */
export interface Op {
  kind: 'sale' | 'refund';
  id: string;
  saleId: string;
  /** The sale's total (its client-side sum) or the refund's amount. */
  amountFen: number;
  body: Record<string, unknown> & { refundId?: string };
  /** pending: no answer (killed in flight); acked: 200/201; refused: any other answer. */
  state: 'pending' | 'acked' | 'refused';
  retried: number;
  status?: number;
  answer?: string;
}

class LedgerError extends Error {
  override name = 'LedgerError';
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new LedgerError(message);
}

interface SaleRow {
  sale_id: string;
  event_id: string;
  total_fen: number;
  refunded_fen: number;
  lines_fen: number | null;
  events: number;
  outbox: number;
}

/** Every sale row is whole: its lines sum to its total, its one event carries the same total, its outbox row exists. */
function checkSales(db: Db): Map<string, SaleRow> {
  const rows = db
    .prepare(
      `SELECT s.sale_id, s.event_id, s.total_fen, s.refunded_fen,
         (SELECT SUM(line_total_fen) FROM sale_lines l WHERE l.sale_id = s.sale_id) AS lines_fen,
         (SELECT COUNT(*) FROM events e WHERE e.type = 'sale.completed' AND json_extract(e.payload, '$.saleId') = s.sale_id AND json_extract(e.payload, '$.totalFen') = s.total_fen) AS events,
         (SELECT COUNT(*) FROM outbox o WHERE o.event_id = s.event_id) AS outbox
       FROM sales s`,
    )
    .all() as SaleRow[];
  for (const r of rows) {
    check(r.lines_fen === r.total_fen, `sale ${r.sale_id}: lines ${r.lines_fen} ≠ total ${r.total_fen}`);
    check(r.events === 1 && r.outbox === 1, `sale ${r.sale_id}: ${r.events} events, ${r.outbox} outbox rows`);
  }
  const orphans = db.prepare("SELECT COUNT(*) FROM events e WHERE e.type = 'sale.completed' AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.event_id = e.id)").pluck().get() as number;
  check(orphans === 0, `${orphans} sale.completed events without their sale`);
  const refundOrphans = db.prepare("SELECT COUNT(*) FROM events e WHERE e.type = 'sale.refunded' AND NOT EXISTS (SELECT 1 FROM sale_refunds r WHERE r.event_id = e.id AND r.amount_fen = json_extract(e.payload, '$.amountFen'))").pluck().get() as number;
  check(refundOrphans === 0, `${refundOrphans} sale.refunded events without their refund row`);
  const badRefunded = db.prepare('SELECT COUNT(*) FROM sales s WHERE s.refunded_fen != COALESCE((SELECT SUM(amount_fen) FROM sale_refunds r WHERE r.sale_id = s.sale_id), 0)').pluck().get() as number;
  check(badRefunded === 0, `${badRefunded} sales whose refunded total differs from their refunds`);
  return new Map(rows.map((r) => [r.sale_id, r]));
}

/**
 * Checks the kiosk's money ledger against what the client saw: every acknowledged sale and
 * refund exists exactly once with the client's amount, nothing refused exists, an
 * unanswered one is either whole or absent, and the sums reconcile to the fen.
 */
export function checkMoneyLedger(db: Db, ops: readonly Op[]) {
  const sales = checkSales(db);
  const refunds = new Map((db.prepare('SELECT refund_id, amount_fen FROM sale_refunds').all() as Array<{ refund_id: string; amount_fen: number }>).map((r) => [r.refund_id, r.amount_fen]));
  let expectedSales = 0;
  let expectedRefunds = 0;
  let pendingPresent = 0;
  for (const op of ops) {
    const held = op.kind === 'sale' ? sales.get(op.id)?.total_fen : refunds.get(op.id);
    if (op.state === 'refused') check(op.kind === 'refund' && held === undefined, `${op.kind} ${op.id} refused (${op.status} ${op.answer}) yet ${held === undefined ? 'absent' : 'written'}`);
    if (op.state === 'acked') check(held === op.amountFen, `acknowledged ${op.kind} ${op.id}: ${op.amountFen} fen expected, ${held} held`);
    if (op.state === 'pending' && held !== undefined) {
      check(held === op.amountFen, `unanswered ${op.kind} ${op.id} is half-written: ${held} ≠ ${op.amountFen}`);
      pendingPresent++;
    }
    if (held !== undefined) {
      if (op.kind === 'sale') expectedSales += op.amountFen;
      else expectedRefunds += op.amountFen;
    }
  }
  const sum = (sql: string): number => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  check(sales.size + refunds.size === ops.filter((o) => (o.kind === 'sale' ? sales.has(o.id) : refunds.has(o.id))).length, 'the ledger holds a sale or refund the client never sent');
  check(sum('SELECT SUM(total_fen) FROM sales') === expectedSales, `sales sum ${sum('SELECT SUM(total_fen) FROM sales')} ≠ client ${expectedSales}`);
  check(sum("SELECT SUM(json_extract(payload, '$.totalFen')) FROM events WHERE type = 'sale.completed'") === expectedSales, 'sale.completed events do not sum to the sales');
  check(sum('SELECT SUM(amount_fen) FROM sale_refunds') === expectedRefunds, 'refunds do not sum to the client');
  check(sum("SELECT SUM(json_extract(payload, '$.amountFen')) FROM events WHERE type = 'sale.refunded'") === expectedRefunds, 'sale.refunded events do not sum to the refunds');
  check(sum('SELECT SUM(refunded_fen) FROM sales') === expectedRefunds, 'refunded totals on sales do not sum to the refunds');
  return {
    acknowledgedSales: ops.filter((o) => o.kind === 'sale' && o.state === 'acked').length,
    acknowledgedRefunds: ops.filter((o) => o.kind === 'refund' && o.state === 'acked').length,
    killedInFlight: ops.filter((o) => o.retried > 0 || o.state === 'pending').length,
    unansweredAtEnd: ops.filter((o) => o.state === 'pending').length,
    unansweredButWritten: pendingPresent,
    salesFen: expectedSales,
    refundsFen: expectedRefunds,
  };
}
