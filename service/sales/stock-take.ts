import type { PricedLine } from '../../contract/orders.ts';
import type { SlotStock } from '../../contract/staff.ts';

/** Items a sale takes off one slot's count. */
export interface StockTake {
  slotId: string;
  quantity: number;
}

/**
 * Which slot counts a counter sale lowers, so that every item leaving a shelf is booked
 * exactly once:
 *
 * - A slot with a load cell is never lowered by a sale: the load cell already booked the
 *   items when they left (a shopper's lift through `counted`, a lift at the counter in staff
 *   mode through `stock.moved`). Lowering it again would count them twice; an item sold from
 *   the store room leaves that slot untouched, which is also right.
 * - A switch or analog slot cannot count, so its lifts change no count; the sale is what
 *   books the items. The slots lifted most recently at the counter go first, then the
 *   fullest; a count never goes below zero, and a slot never counted (no restock yet) is left
 *   to its first restock.
 *
 * Pure: the caller writes the result inside the sale's transaction.
 */
export function planStockTake(lines: readonly PricedLine[], slots: readonly SlotStock[], recentlyLifted: readonly string[]): StockTake[] {
  const takes: StockTake[] = [];
  const liftRank = (slotId: string): number => {
    const i = recentlyLifted.indexOf(slotId);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  for (const line of lines) {
    const candidates = slots
      .filter((s) => s.productId === line.productId && !s.loadCell && s.count !== null && s.count > 0)
      .sort((a, b) => liftRank(a.slotId) - liftRank(b.slotId) || (b.count ?? 0) - (a.count ?? 0) || a.slotId.localeCompare(b.slotId));
    let left = line.quantity;
    for (const slot of candidates) {
      if (left === 0) break;
      const take = Math.min(left, slot.count ?? 0);
      takes.push({ slotId: slot.slotId, quantity: take });
      left -= take;
    }
  }
  return takes;
}
