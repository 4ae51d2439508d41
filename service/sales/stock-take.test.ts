import { describe, expect, it } from 'vitest';
import type { PricedLine } from '../../contract/orders.ts';
import type { SlotStock } from '../../contract/staff.ts';
import { planStockTake } from './stock-take.ts';

const slot = (slotId: string, productId: string, count: number | null, loadCell = false): SlotStock => ({ slotId, boardId: 'b', channel: 0, productId, count, lowAt: 2, offlineChanged: false, updatedAt: null, loadCell });
const line = (productId: string, quantity: number): PricedLine => ({ productId, quantity, listPriceFen: 100, unitPriceFen: 100, campaignId: null, lineTotalFen: 100 * quantity, discountFen: 0 });

describe('planStockTake', () => {
  it('never lowers a load-cell slot: its load cell booked the items already', () => {
    expect(planStockTake([line('p', 2)], [slot('A01', 'p', 5, true)], ['A01'])).toEqual([]);
  });

  it('takes from the slot lifted at the counter first, then the fullest, never below zero', () => {
    const slots = [slot('A01', 'p', 1), slot('A02', 'p', 9), slot('A03', 'p', 4), slot('A04', 'q', 3)];
    expect(planStockTake([line('p', 3)], slots, ['A01'])).toEqual([{ slotId: 'A01', quantity: 1 }, { slotId: 'A02', quantity: 2 }]);
    expect(planStockTake([line('p', 20)], slots, [])).toEqual([{ slotId: 'A02', quantity: 9 }, { slotId: 'A03', quantity: 4 }, { slotId: 'A01', quantity: 1 }]);
  });

  it('leaves never-counted and empty slots to their next restock', () => {
    expect(planStockTake([line('p', 1)], [slot('A01', 'p', null), slot('A02', 'p', 0)], ['A01', 'A02'])).toEqual([]);
  });
});
