import { createHash } from 'node:crypto';
import { changeDue, ledgerDay, priceCart, type PriceBook, type PricingErrorCode, type RefundRequest, type SaleBuyer, type SaleRequest } from '../../contract/orders.ts';
import type { CounterLift, SaleReceipt } from '../../contract/sales.ts';
import type { SlotStock } from '../../contract/staff.ts';
import type { EventStore } from '../../db/events.ts';
import type { SalesStore } from '../../db/sales.ts';
import type { StockStore } from '../../db/stock.ts';
import type { Logger } from '../log.ts';
import type { Actor } from '../staff/staff-service.ts';
import { planStockTake, type StockTake } from './stock-take.ts';

export type SaleResult<T> = { ok: true; value: T; created: boolean } | { ok: false; status: number; error: string; message: string; currentPriceFen?: number; productId?: string };

export interface SaleServiceDeps {
  sales: SalesStore;
  stock: StockStore;
  events: EventStore;
  /** Prices of the active content package; null before any content is installed. */
  priceBook(): PriceBook | null;
  /** Slots with their counts and whether a load cell counts them (stock-service list). */
  slotStock(): SlotStock[];
  logger: Logger;
  now?: () => number;
  /** Minutes east of UTC at `at` (the kiosk's local day for voids and reports). */
  tzOffsetAt?: (at: number) => number;
}

const PRICING_STATUS: Record<PricingErrorCode, number> = { empty: 400, 'too-many-lines': 400, 'duplicate-line': 400, 'bad-quantity': 400, 'unknown-product': 422, 'price-changed': 409, 'total-too-large': 422 };
/** Staff-mode lifts the counter screen can still pick up. */
const LIFTS_KEPT = 50;

const fail = (status: number, error: string, message: string, extra: { currentPriceFen?: number; productId?: string } = {}): SaleResult<never> => ({ ok: false, status, error, message, ...extra });
const hashOf = (body: unknown): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');
export const localTzOffset = (at: number): number => 0 - new Date(at).getTimezoneOffset() || 0;

/** A group purchase's buyer unit for `sale.completed`: its id from its name (NFKC, spaces collapsed), so one name is one unit on every kiosk. */
export function buyerUnit(buyer: SaleBuyer): { unitId: string; name: string; kind: SaleBuyer['kind'] } {
  const key = buyer.name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return { unitId: `u-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`, name: buyer.name, kind: buyer.kind };
}

/**
 * Counter sales and their refunds. A sale is priced against the active content package,
 * written as sales rows + `sale.completed` event + outbox row + slot stock in ONE transaction
 * (synchronous=FULL: committed before the route answers and the screen shows the receipt).
 * Ids come from the client, so a retried request is the same sale; the same id with another
 * body is refused (409).
 */
export class SaleService {
  private readonly lifts: CounterLift[] = [];
  private readonly now: () => number;
  private readonly tzOffsetAt: (at: number) => number;

  constructor(private readonly deps: SaleServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.tzOffsetAt = deps.tzOffsetAt ?? localTzOffset;
  }

  sell(actor: Actor, req: SaleRequest): SaleResult<SaleReceipt> {
    const bodyHash = hashOf(req);
    return this.deps.sales.transaction(() => {
      const existing = this.deps.sales.get(req.saleId);
      if (existing) return existing.bodyHash === bodyHash ? { ok: true as const, value: existing.receipt, created: false } : fail(409, 'sale-id-reused', `sale ${req.saleId} exists with different lines or payment`);
      const book = this.deps.priceBook();
      if (!book) return fail(503, 'no-content', 'no catalogue is installed');
      const at = this.now();
      const priced = priceCart(book, req.lines, at);
      if (!priced.ok) return fail(PRICING_STATUS[priced.error.code], priced.error.code, priced.error.message, { ...(priced.error.currentPriceFen !== undefined ? { currentPriceFen: priced.error.currentPriceFen } : {}), ...(priced.error.productId ? { productId: priced.error.productId } : {}) });
      const change = changeDue(priced.value.totalFen, req.method, req.tenderedFen);
      if (!change.ok) return fail(change.error.code === 'short-tender' ? 422 : 400, change.error.code, change.error.message);
      const cart = priced.value;
      // The buyer unit: in the event (the platform's group-purchase view) and on the row (the receipt).
      const buyer = req.buyer ? { buyer: buyerUnit(req.buyer) } : {};
      const event = this.deps.events.append('sale.completed', { saleId: req.saleId, ...cart, method: req.method, tenderedFen: change.value.tenderedFen, changeFen: change.value.changeFen, actor: { ...actor }, ...buyer });
      this.deps.sales.insert({ saleId: req.saleId, bodyHash, eventId: event.id, createdAt: at, day: ledgerDay(at, this.tzOffsetAt(at)), ...cart, method: req.method, ...change.value, actorId: actor.accountId, actorName: actor.name, ...(req.buyer ? { buyer: req.buyer } : {}) });
      this.takeStock(planStockTake(cart.lines, this.deps.slotStock(), this.recentLiftSlots()), at);
      const written = this.deps.sales.get(req.saleId);
      if (!written) throw new Error(`sale ${req.saleId} vanished inside its own transaction`);
      return { ok: true as const, value: written.receipt, created: true };
    });
  }

  refund(actor: Actor, saleId: string, req: RefundRequest): SaleResult<SaleReceipt> {
    const bodyHash = hashOf({ saleId, ...req });
    return this.deps.sales.transaction(() => {
      const prior = this.deps.sales.refund(req.refundId);
      const sale = this.deps.sales.get(saleId);
      if (prior) return prior.bodyHash === bodyHash && sale ? { ok: true as const, value: sale.receipt, created: false } : fail(409, 'refund-id-reused', `refund ${req.refundId} exists with a different sale, amount or reason`);
      if (!sale) return fail(404, 'unknown-sale', `no sale ${saleId}`);
      const at = this.now();
      const { receipt } = sale;
      const left = receipt.totalFen - receipt.refundedFen;
      if (req.void) {
        if (receipt.day !== ledgerDay(at, this.tzOffsetAt(at))) return fail(409, 'void-other-day', `a void is for sales of today; sale ${saleId} is of ${receipt.day}: refund it instead`);
        if (receipt.refundedFen > 0 || req.amountFen !== receipt.totalFen) return fail(409, 'void-not-full', `a void refunds the whole sale (${receipt.totalFen} fen) and nothing may be refunded before`);
      }
      if (req.amountFen > left) return fail(409, 'refund-too-large', `at most ${left} fen of this sale is left to refund`);
      const event = this.deps.events.append('sale.refunded', { saleId, refundId: req.refundId, amountFen: req.amountFen, void: req.void, reason: req.reason, actor: { ...actor } });
      this.deps.sales.insertRefund({ refundId: req.refundId, saleId, bodyHash, eventId: event.id, createdAt: at, day: ledgerDay(at, this.tzOffsetAt(at)), amountFen: req.amountFen, isVoid: req.void, reason: req.reason, actorId: actor.accountId, actorName: actor.name });
      const written = this.deps.sales.get(saleId);
      if (!written) throw new Error(`sale ${saleId} vanished inside its own transaction`);
      return { ok: true as const, value: written.receipt, created: true };
    });
  }

  get(saleId: string): SaleReceipt | undefined {
    return this.deps.sales.get(saleId)?.receipt;
  }

  /** Sales of the last `days` local days, newest first (at most 200). */
  recent(days: number): SaleReceipt[] {
    return this.deps.sales.listSince(this.now() - days * 86_400_000, 200);
  }

  /** A lift while staff mode is on: the counter screen adds its product (it asks for lifts after it opened). */
  noteLift(slotId: string, productId: string | null, count: number | null): void {
    this.lifts.push({ at: this.now(), slotId, productId, count });
    if (this.lifts.length > LIFTS_KEPT) this.lifts.splice(0, this.lifts.length - LIFTS_KEPT);
  }

  liftsAfter(after: number): CounterLift[] {
    return this.lifts.filter((l) => l.at > after);
  }

  private recentLiftSlots(): string[] {
    return [...this.lifts].reverse().map((l) => l.slotId);
  }

  private takeStock(takes: StockTake[], at: number): void {
    for (const t of takes) {
      const row = this.deps.stock.get(t.slotId);
      if (row) this.deps.stock.set(t.slotId, row.count - t.quantity, row.offlineChanged, at);
    }
  }
}
