import type { Db } from './open.ts';

/** A sale line or refund inside a report's range, as the report sums them. */
export interface ReportSaleLine {
  saleId: string;
  createdAt: number;
  productId: string;
  quantity: number;
  lineTotalFen: number;
}

export interface ReportSale {
  saleId: string;
  createdAt: number;
  totalFen: number;
}

export interface ReportRefund {
  createdAt: number;
  amountFen: number;
}

export interface ReportEventRow {
  deviceTime: string;
  payload: string;
}

/**
 * Read-only queries for store reports. Sales come from the sales tables (indexed by time);
 * orders and lifts from the event log by type (index events_type_seq, migration 0009), so
 * reports never depend on an orders table.
 */
export function createReportQueries(db: Db) {
  const sales = db.prepare('SELECT sale_id AS saleId, created_at AS createdAt, total_fen AS totalFen FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at');
  const lines = db.prepare(
    `SELECT l.sale_id AS saleId, s.created_at AS createdAt, l.product_id AS productId, l.quantity, l.line_total_fen AS lineTotalFen
     FROM sales s JOIN sale_lines l ON l.sale_id = s.sale_id WHERE s.created_at >= ? AND s.created_at < ?`,
  );
  const refunds = db.prepare('SELECT created_at AS createdAt, amount_fen AS amountFen FROM sale_refunds WHERE created_at >= ? AND created_at < ?');
  const eventsOfType = db.prepare('SELECT device_time AS deviceTime, payload FROM events WHERE type = ? AND device_time >= ? AND device_time < ?');
  // Lifts are many (analytics): counted per product in SQL rather than parsed one by one. A
  // load-cell touch that moved nothing (count 0) is no lift.
  const liftsByProduct = db.prepare(
    `SELECT json_extract(payload, '$.productId') AS productId, COUNT(*) AS lifts FROM events
     WHERE type = 'shelf.lift' AND device_time >= ? AND device_time < ? AND COALESCE(json_extract(payload, '$.count'), 1) != 0
       AND json_extract(payload, '$.productId') IS NOT NULL
     GROUP BY 1`,
  );
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    sales: (from: number, to: number) => sales.all(from, to) as ReportSale[],
    saleLines: (from: number, to: number) => lines.all(from, to) as ReportSaleLine[],
    refunds: (from: number, to: number) => refunds.all(from, to) as ReportRefund[],
    /** Events of one type whose device time is in [from, to). Device times are ISO UTC strings, so they compare as text. */
    events: (type: string, from: number, to: number) => eventsOfType.all(type, iso(from), iso(to)) as ReportEventRow[],
    /** Shopper lifts per product with device time in [from, to). */
    liftsByProduct: (from: number, to: number) => liftsByProduct.all(iso(from), iso(to)) as Array<{ productId: string; lifts: number }>,
    /** The query plan of the events-by-type read (tests assert it uses the type index). */
    eventsPlan: (): string[] => (db.prepare('EXPLAIN QUERY PLAN SELECT device_time AS deviceTime, payload FROM events WHERE type = ? AND device_time >= ? AND device_time < ?').all('order.created', iso(0), iso(1)) as Array<{ detail: string }>).map((r) => r.detail),
    liftsPlan: (): string[] => (db.prepare(`EXPLAIN QUERY PLAN ${liftsByProduct.source}`).all(iso(0), iso(1)) as Array<{ detail: string }>).map((r) => r.detail),
  };
}
export type ReportQueries = ReturnType<typeof createReportQueries>;
