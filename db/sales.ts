import { SaleBuyerSchema, type PricedLine, type PaymentMethod } from '../contract/orders.ts';
import type { SaleReceipt, SaleRefund } from '../contract/sales.ts';
import type { Db } from './open.ts';

/** A sale row as written; `lines` in cart order. */
export interface SaleRecord extends Omit<SaleReceipt, 'refunds' | 'refundedFen' | 'actorName'> {
  bodyHash: string;
  eventId: string;
  actorId: string;
  actorName: string;
}

export interface RefundRecord {
  refundId: string;
  saleId: string;
  bodyHash: string;
  eventId: string;
  createdAt: number;
  day: string;
  amountFen: number;
  isVoid: boolean;
  reason: string;
  actorId: string;
  actorName: string;
}

interface SaleRow {
  saleId: string;
  createdAt: number;
  day: string;
  method: PaymentMethod;
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
  tenderedFen: number;
  changeFen: number;
  refundedFen: number;
  contentVersion: number;
  actorName: string;
  buyerName: string | null;
  buyerKind: string | null;
}

const SALE_COLS = `sale_id AS saleId, created_at AS createdAt, day, method, subtotal_fen AS subtotalFen, discount_fen AS discountFen,
  total_fen AS totalFen, tendered_fen AS tenderedFen, change_fen AS changeFen, refunded_fen AS refundedFen, content_version AS contentVersion, actor_name AS actorName,
  buyer_name AS buyerName, buyer_kind AS buyerKind`;

/**
 * Counter sales and refunds over prepared statements. Writes are meant to run inside the
 * caller's transaction together with the event they record (service/sales/sale-service.ts).
 */
export function createSalesStore(db: Db) {
  const insertSale = db.prepare(
    `INSERT INTO sales (sale_id, body_hash, event_id, created_at, day, method, subtotal_fen, discount_fen, total_fen, tendered_fen, change_fen, content_version, actor_id, actor_name, buyer_name, buyer_kind)
     VALUES (@saleId, @bodyHash, @eventId, @createdAt, @day, @method, @subtotalFen, @discountFen, @totalFen, @tenderedFen, @changeFen, @contentVersion, @actorId, @actorName, @buyerName, @buyerKind)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO sale_lines (sale_id, line_no, product_id, quantity, list_price_fen, unit_price_fen, campaign_id, line_total_fen, discount_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRefund = db.prepare(
    `INSERT INTO sale_refunds (refund_id, sale_id, body_hash, event_id, created_at, day, amount_fen, is_void, reason, actor_id, actor_name)
     VALUES (@refundId, @saleId, @bodyHash, @eventId, @createdAt, @day, @amountFen, @isVoid, @reason, @actorId, @actorName)`,
  );
  const addRefunded = db.prepare('UPDATE sales SET refunded_fen = refunded_fen + ? WHERE sale_id = ?');
  const saleById = db.prepare(`SELECT ${SALE_COLS}, body_hash AS bodyHash FROM sales WHERE sale_id = ?`);
  const salesSince = db.prepare(`SELECT ${SALE_COLS} FROM sales WHERE created_at >= ? ORDER BY created_at DESC LIMIT ?`);
  const linesOf = db.prepare(
    `SELECT product_id AS productId, quantity, list_price_fen AS listPriceFen, unit_price_fen AS unitPriceFen, campaign_id AS campaignId, line_total_fen AS lineTotalFen, discount_fen AS discountFen
     FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
  );
  const refundsOf = db.prepare('SELECT refund_id AS refundId, amount_fen AS amountFen, is_void AS isVoid, reason, created_at AS createdAt, actor_name AS actorName FROM sale_refunds WHERE sale_id = ? ORDER BY created_at, refund_id');
  const refundById = db.prepare('SELECT refund_id AS refundId, sale_id AS saleId, body_hash AS bodyHash FROM sale_refunds WHERE refund_id = ?');

  function receipt({ buyerName, buyerKind, ...row }: SaleRow): SaleReceipt {
    const refunds = (refundsOf.all(row.saleId) as Array<Omit<SaleRefund, 'void'> & { isVoid: number }>).map(({ isVoid, ...r }) => ({ ...r, void: isVoid === 1 }));
    const buyer = buyerName !== null && buyerKind !== null ? { buyer: SaleBuyerSchema.parse({ name: buyerName, kind: buyerKind }) } : {};
    return { ...row, lines: linesOf.all(row.saleId) as PricedLine[], refunds, ...buyer };
  }

  return {
    /** Inserts a sale and its lines (inside the caller's transaction). */
    insert(sale: SaleRecord): void {
      const { buyer, ...rest } = sale;
      insertSale.run({ ...rest, buyerName: buyer?.name ?? null, buyerKind: buyer?.kind ?? null });
      sale.lines.forEach((l, i) => insertLine.run(sale.saleId, i + 1, l.productId, l.quantity, l.listPriceFen, l.unitPriceFen, l.campaignId, l.lineTotalFen, l.discountFen));
    },
    /** A sale's receipt and the hash of the request that made it (idempotency). */
    get(saleId: string): { receipt: SaleReceipt; bodyHash: string } | undefined {
      const row = saleById.get(saleId) as (SaleRow & { bodyHash: string }) | undefined;
      if (!row) return undefined;
      const { bodyHash, ...sale } = row;
      return { receipt: receipt(sale), bodyHash };
    },
    /** Sales since `from` (epoch ms), newest first. */
    listSince(from: number, limit: number): SaleReceipt[] {
      return (salesSince.all(from, limit) as SaleRow[]).map(receipt);
    },
    /** Inserts a refund and adds it to its sale's refunded total (inside the caller's transaction). */
    insertRefund(refund: RefundRecord): void {
      insertRefund.run({ ...refund, isVoid: refund.isVoid ? 1 : 0 });
      addRefunded.run(refund.amountFen, refund.saleId);
    },
    refund(refundId: string): { refundId: string; saleId: string; bodyHash: string } | undefined {
      return refundById.get(refundId) as { refundId: string; saleId: string; bodyHash: string } | undefined;
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
export type SalesStore = ReturnType<typeof createSalesStore>;
