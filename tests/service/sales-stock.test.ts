import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentManifest } from '../../contract/content.ts';
import { unitPrice } from '../../contract/orders.ts';
import type { CounterLift } from '../../contract/sales.ts';
import type { StockList } from '../../contract/staff.ts';
import type { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { DEMO_BOARD_ID } from '../../service/content/demo.ts';
import { boardState, startHwKiosk, within, type HwKiosk } from '../hardware/support.ts';
import { withLoadSlack } from '../support/budgets.ts';
import { bookOf, saleBody } from '../support/sales.ts';
import { streamWeights } from '../support/weights.ts';

/**
 * A counter sale lowers slot stock exactly once (issue 10), over the real driver and the pty
 * simulator: a switch slot's lift at the counter changes no count and the sale books it; a
 * load-cell slot's lift is booked by the load cell and the sale leaves it alone.
 */
describe('counter sales and slot stock', () => {
  let hw: HwKiosk;
  let sim: ShelfNodeSim;
  let m: ContentManifest;
  const countOf = async (slotId: string) => (await hw.json<StockList>('/api/stock')).slots.find((s) => s.slotId === slotId);
  const productOf = (slotId: string) => hw.kiosk.slots.list().find((s) => s.slotId === slotId)?.productId ?? '';
  const sell = async (productId: string, quantity: number) => {
    const product = m.products.find((p) => p.id === productId);
    if (!product) throw new Error(`no product ${productId}`);
    const res = await hw.api('POST', '/api/sales', saleBody(m, [{ productId, quantity, unitPriceFen: unitPrice(bookOf(m), product, Date.now()).priceFen }]));
    expect(res.status, res.body).toBe(201);
  };
  const liftsSince = async (t0: number) => (await hw.json<{ lifts: CounterLift[] }>(`/api/sales/lifts?after=${t0}`)).lifts;

  beforeAll(async () => {
    hw = await startHwKiosk();
    const simBoards = hw.kiosk.hardware.sim;
    if (!simBoards) throw new Error('sim mode expected');
    sim = simBoards.simulator;
    const manifest = hw.kiosk.catalogue.active()?.manifest;
    if (!manifest) throw new Error('demo content expected');
    m = manifest;
    await within(10_000, async () => (await boardState(hw, DEMO_BOARD_ID)) === 'connected', 'sim board connected');
    expect((await hw.api('POST', '/api/staff/mode', { on: true })).status).toBe(200);
  }, 30_000);
  afterAll(async () => hw?.stop());

  it('switch slot: the lift at the counter offers the product and changes no count; the sale lowers it once', async () => {
    expect((await hw.api('POST', '/api/stock/restock', { slotId: 'A02', added: 5 })).status).toBe(200);
    const t0 = Date.now() - 1;
    await sim.lift(1);
    await within(5000, async () => (await liftsSince(t0)).some((l) => l.slotId === 'A02'), 'lift offered to the counter');
    const [lift] = await liftsSince(t0);
    expect(lift).toMatchObject({ slotId: 'A02', productId: productOf('A02'), count: null });
    expect((await countOf('A02'))?.count).toBe(5);
    await sell(productOf('A02'), 2);
    expect((await countOf('A02'))?.count).toBe(3);
    await sim.put(1); // the lift's put-back after the sale (staff mode: stock work, no count from a switch)
    // Sentinel: the put has been handled once its stock.moved event exists.
    await within(5000, () => hw.events('stock.moved').some((e) => e.payload.slotId === 'A02' && e.payload.direction === 'put'), 'put handled');
    const moved = hw.events('stock.moved').filter((e) => e.payload.slotId === 'A02');
    expect(moved.every((e) => e.payload.countAfter === null)).toBe(true);
    expect((await countOf('A02'))?.count).toBe(3);
  });

  it('never takes a count below zero and leaves never-counted slots to their first restock', async () => {
    await sell(productOf('A02'), 5);
    expect((await countOf('A02'))?.count).toBe(0);
    await sell(productOf('A04'), 1);
    expect((await countOf('A04'))?.count).toBeNull();
  });

  it('load-cell slot: the load cell books the lift, the sale does not book it again', async () => {
    const unit = m.products.find((p) => p.id === productOf('A01'))?.unitWeightG ?? 0;
    const weights = streamWeights(() => sim, 0, 17, 300 + 4 * unit);
    try {
      await within(3000, async () => (await countOf('A01'))?.loadCell === true, 'A01 known as a load cell');
      expect((await hw.api('POST', '/api/stock/restock', { slotId: 'A01', added: 4 })).status).toBe(200);
      await within(withLoadSlack(5000), () => hw.kiosk.hardware.router.loadCells.isSettledAt(DEMO_BOARD_ID, 0, 300 + 4 * unit, unit / 4), 'A01 tared');
      const t0 = Date.now() - 1;
      weights.set(300 + 3 * unit);
      await within(withLoadSlack(5000), async () => (await liftsSince(t0)).some((l) => l.slotId === 'A01' && l.count === 1), 'load cell counted the lift');
      expect((await countOf('A01'))?.count).toBe(3);
      await sell(productOf('A01'), 1);
      expect((await countOf('A01'))?.count).toBe(3);
    } finally {
      weights.stop();
    }
  }, 40_000);
});
