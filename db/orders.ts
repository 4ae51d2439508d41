import type { OrderState, PricedLine } from '../contract/orders.ts';
import type { Db } from './open.ts';

/** The kiosk's record of one order (db/migrations/0011-orders.ts). */
export interface OrderRecord {
  orderId: string;
  source: 'shelf' | 'counter';
  state: OrderState;
  lines: PricedLine[];
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
  paidFen: number;
  refundedFen: number;
  contentVersion: number;
  locale: string;
  createdAt: number;
  expiresAt: number;
  updatedAt: number;
  payUrl: string | null;
  scanned: boolean;
  paymentId: string | null;
  platformError: string | null;
}

interface OrderRow {
  order_id: string;
  source: 'shelf' | 'counter';
  state: OrderState;
  lines: string;
  subtotal_fen: number;
  discount_fen: number;
  total_fen: number;
  paid_fen: number;
  refunded_fen: number;
  content_version: number;
  locale: string;
  created_at: number;
  expires_at: number;
  updated_at: number;
  pay_url: string | null;
  scanned: number;
  payment_id: string | null;
  platform_error: string | null;
}

function fromRow(r: OrderRow): OrderRecord {
  return {
    orderId: r.order_id,
    source: r.source,
    state: r.state,
    lines: JSON.parse(r.lines) as PricedLine[],
    subtotalFen: r.subtotal_fen,
    discountFen: r.discount_fen,
    totalFen: r.total_fen,
    paidFen: r.paid_fen,
    refundedFen: r.refunded_fen,
    contentVersion: r.content_version,
    locale: r.locale,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    updatedAt: r.updated_at,
    payUrl: r.pay_url,
    scanned: r.scanned === 1,
    paymentId: r.payment_id,
    platformError: r.platform_error,
  };
}

/** Order rows. Writers call these inside the transaction that appends the matching event. */
export function createOrderStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO orders (order_id, source, state, lines, subtotal_fen, discount_fen, total_fen, content_version, locale, created_at, expires_at, updated_at)
     VALUES (@orderId, @source, @state, @lines, @subtotalFen, @discountFen, @totalFen, @contentVersion, @locale, @createdAt, @expiresAt, @createdAt)`,
  );
  const byId = db.prepare('SELECT * FROM orders WHERE order_id = ?');
  const setLedger = db.prepare('UPDATE orders SET state = @state, paid_fen = @paidFen, refunded_fen = @refundedFen, payment_id = COALESCE(@paymentId, payment_id), updated_at = @now WHERE order_id = @orderId');
  const setRegistered = db.prepare('UPDATE orders SET pay_url = ?, platform_error = NULL, updated_at = ? WHERE order_id = ?');
  const setPlatformError = db.prepare('UPDATE orders SET platform_error = ?, updated_at = ? WHERE order_id = ?');
  const setScanned = db.prepare('UPDATE orders SET scanned = 1, updated_at = ? WHERE order_id = ? AND scanned = 0');
  const open = db.prepare("SELECT * FROM orders WHERE state IN ('created', 'awaiting-payment') ORDER BY expires_at");
  const recent = db.prepare('SELECT * FROM orders ORDER BY created_at DESC LIMIT ?');
  const byCode = db.prepare("SELECT * FROM orders WHERE state IN ('created', 'awaiting-payment') AND upper(substr(order_id, -6)) = ? ORDER BY created_at DESC");

  return {
    insert(o: Pick<OrderRecord, 'orderId' | 'source' | 'state' | 'lines' | 'subtotalFen' | 'discountFen' | 'totalFen' | 'contentVersion' | 'locale' | 'createdAt' | 'expiresAt'>): void {
      insert.run({ ...o, lines: JSON.stringify(o.lines) });
    },
    get(orderId: string): OrderRecord | null {
      const row = byId.get(orderId) as OrderRow | undefined;
      return row ? fromRow(row) : null;
    },
    setLedger(orderId: string, l: { state: OrderState; paidFen: number; refundedFen: number; paymentId: string | null }, now: number): void {
      setLedger.run({ orderId, ...l, now });
    },
    setRegistered(orderId: string, payUrl: string, now: number): void {
      setRegistered.run(payUrl, now, orderId);
    },
    setPlatformError(orderId: string, message: string, now: number): void {
      setPlatformError.run(message.slice(0, 300), now, orderId);
    },
    /** True when this call marked it (the first scan). */
    markScanned(orderId: string, now: number): boolean {
      return setScanned.run(now, orderId).changes === 1;
    },
    /** Orders still waiting for payment, soonest expiry first (a partial index keeps this small). */
    open(): OrderRecord[] {
      return (open.all() as OrderRow[]).map(fromRow);
    },
    /** Open orders whose pay-at-counter code (last six hex digits of the id) is `code`. */
    openByCounterCode(code: string): OrderRecord[] {
      return (byCode.all(code.toUpperCase()) as OrderRow[]).map(fromRow);
    },
    recent(limit: number): OrderRecord[] {
      return (recent.all(limit) as OrderRow[]).map(fromRow);
    },
  };
}
export type OrderStore = ReturnType<typeof createOrderStore>;
