import { describe, expect, it } from 'vitest';
import type { ProductDayRow } from './backend.ts';
import type { CatalogueSnapshot } from './catalogue.ts';
import { RollupFolder, type RawEvent } from './fold.ts';
import { buildImpact } from './impact.ts';
import { zeroCounters, type DocState } from './metrics.ts';
import { buildUnsold, DEFAULT_THRESHOLDS } from './unsold.ts';

const dim = (productId: string, over: Partial<CatalogueSnapshot['products'][number]> = {}) => ({
  productId, name: productId, county: '东源县', township: null, producer: '合作社甲', pairing: '盐田区 → 东源县', households: null, harvestMonth: null, contentVersion: 3, ...over,
});
const CAT: CatalogueSnapshot = { contentVersion: 3, campaigns: [], products: [dim('rice', { households: 4230 }), dim('tea', { households: 4230, harvestMonth: 10 }), dim('melon', { county: '鄯善县', pairing: null })] };
const row = (day: string, productId: string, c: Partial<ProductDayRow>): ProductDayRow => ({ ...zeroCounters(), day, productId, ...c });

describe('impact report', () => {
  it('shows a pairing’s households once (the content repeats one total), and unit shares of assistance products', () => {
    const r = buildImpact([row('2026-11-02', 'rice', { paid_fen: 500, counter_fen: 100 }), row('2026-11-03', 'tea', { counter_fen: 400 })],
      [{ day: '2026-11-02', unitId: 'u1', name: '单位', kind: 'budget-unit', productId: 'rice', qty: 1, fen: 200 }, { day: '2026-11-02', unitId: 'u1', name: '单位', kind: 'budget-unit', productId: 'paper', qty: 1, fen: 800 }],
      CAT, { from: '2026-11-01', to: '2026-11-30' }, 'month');
    expect(r.byPairing[0]).toMatchObject({ key: '盐田区 → 东源县', salesFen: 1000, households: 4230, products: 2 });
    expect(r.units[0]).toMatchObject({ totalFen: 1000, assistanceFen: 200, share: 0.2, meetsTarget: false });
    expect(r.byPeriod.map((p) => p.key)).toEqual(['2026-11']);
  });
});

describe('unsold-produce warning', () => {
  it('names low sell-through and low conversion, raises severity in the harvest window, and gives the trend', () => {
    const rows = [
      row('2026-11-20', 'tea', { lifts: 100, orders: 1, paid_qty: 2, restocked_qty: 40 }),
      row('2026-10-10', 'tea', { paid_qty: 4 }),
      row('2026-11-20', 'rice', { lifts: 100, orders: 30, paid_qty: 30 }),
    ];
    const r = buildUnsold(rows, [{ productId: 'tea', count: 38, kiosks: 2 }, { productId: 'rice', count: 5, kiosks: 1 }], CAT, '2026-11-28', DEFAULT_THRESHOLDS);
    expect(r.rows.map((x) => x.productId)).toEqual(['tea']);
    expect(r.rows[0]).toMatchObject({ reasons: ['low-sell-through', 'low-conversion', 'long-stock-cover'], severity: 'high', inHarvestWindow: true, sold: 2, soldPrevious: 4, trend: -0.5, sellThrough: 0.05 });
    expect(r.rows[0]?.weekly).toEqual([4, 0, 0, 0, 0, 0, 2, 0]); // oldest week first; 11-20 is 8 days before 'to'
  });
});

describe('rollup fold', () => {
  const ev = (id: string, type: string, payload: Record<string, unknown>, deviceTime = '2026-11-02T02:00:00.000Z'): RawEvent => ({ id, kioskId: 'k1', receivedAt: 1, envelope: { type, deviceTime, tzOffset: 480, payload } });
  const created = ev('e1', 'order.created', { orderId: 'o1', source: 'shelf', lines: [{ productId: 'rice', quantity: 2, listPriceFen: 300, unitPriceFen: 300, campaignId: null, lineTotalFen: 600, discountFen: 0 }, { productId: 'tea', quantity: 1, listPriceFen: 400, unitPriceFen: 400, campaignId: 'c1', lineTotalFen: 400, discountFen: 0 }], subtotalFen: 1000, discountFen: 0, totalFen: 1000, contentVersion: 1, expiresAt: 'x' });
  const pay = ev('e2', 'order.state', { orderId: 'o1', from: 'awaiting-payment', to: 'paid', action: 'pay', amountFen: 1000, paidFen: 1000, refundedFen: 0, paymentId: 'p', reason: null, actor: null }, '2026-11-02T17:00:00.000Z');

  it('applies a payment that arrived before its order once the order arrives, on the payment’s own day', () => {
    const first = new RollupFolder(new Map()).fold([pay]);
    expect(first.kioskDay.size).toBe(0);
    const stored = new Map<string, DocState>([...first.docs].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as DocState]));
    const second = new RollupFolder(stored).fold([created]);
    expect(second.kioskDay.get('2026-11-03\u0000k1\u0000rice')).toMatchObject({ paid_qty: 2, paid_fen: 600, paid_lines: 1 });
    expect(second.kioskDay.get('2026-11-02\u0000k1\u0000rice')).toMatchObject({ ordered_qty: 2, ordered_fen: 600, orders: 1 });
    expect(second.campaignDay.get('2026-11-03\u0000c1\u0000tea')).toMatchObject({ paid_qty: 1, paid_fen: 400 });
  });

  it('counts an unparseable payload as skipped, never as a figure', () => {
    const d = new RollupFolder(new Map()).fold([ev('e3', 'shelf.lift', { productId: 42 }), ev('e4', 'shelf.lift', { slotId: 'A1', boardId: 'b', channel: 1, productId: 'rice', priceFen: 1, contentVersion: 1, planogramVersion: 1, sessionId: 's' })]);
    expect(d.skipped).toBe(1);
    expect(d.kioskDay.get('2026-11-02\u0000k1\u0000rice')?.lifts).toBe(1);
  });
});
