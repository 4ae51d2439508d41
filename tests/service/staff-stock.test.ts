import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { DEMO_BOARD_ID } from '../../service/content/demo.ts';
import { boardState, connectScreen, startHwKiosk, within, type HwKiosk, type ScreenClient } from '../hardware/support.ts';
import { streamWeights } from '../support/weights.ts';
import { withLoadSlack } from '../support/budgets.ts';

/** Stock, restock with LED, scan-to-bind and calibration over the simulated shelf-node board (issue 9). */
describe('staff stock work on the simulated shelf', () => {
  let hw: HwKiosk;
  let sim: ShelfNodeSim;
  let screen: ScreenClient;
  let unit: number;
  const post = (p: string, body: unknown) => hw.api('POST', p, body);
  const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

  beforeAll(async () => {
    hw = await startHwKiosk();
    const simBoards = hw.kiosk.hardware.sim;
    if (!simBoards) throw new Error('sim mode expected');
    sim = simBoards.simulator;
    unit = hw.kiosk.catalogue.active()?.manifest.products[0]?.unitWeightG ?? 0;
    await within(10_000, async () => (await boardState(hw, DEMO_BOARD_ID)) === 'connected', 'sim board connected');
    screen = await connectScreen(hw);
    expect((await post('/api/staff/mode', { on: true })).status).toBe(200);
  }, 30_000);

  afterAll(async () => {
    screen?.close();
    await hw?.stop();
  });

  it('refuses negative, fractional and absurd counts and unknown slots, changing nothing', async () => {
    for (const added of [-1, 0, 2.5, 100_000]) {
      const res = await post('/api/stock/restock', { slotId: 'A02', added });
      expect(res.status, String(added)).toBe(400);
      expect(json(res.body).message).toMatch(/count/);
    }
    expect((await post('/api/stock/restock', { slotId: 'Z99', added: 1 })).status).toBe(404);
    expect((await post('/api/stock/restock', { slotId: 'A11', added: 1 })).status).toBe(409);
    expect(hw.events('stock.restocked')).toHaveLength(0);
  });

  it('lights the slot LED and takes the count from the load cell', async () => {
    const weights = streamWeights(() => sim, 0, 7, 300);
    try {
      await within(3000, () => hw.kiosk.hardware.status().boards.some((b) => b.sensors.some((s) => s.channel === 0)), 'load cell seen');
      const sel = await post('/api/stock/select', { slotId: 'A01' });
      expect(json(sel.body)).toMatchObject({ slotId: 'A01', led: true });
      await within(3000, () => sim.leds.get(0) === 'blink', 'LED frame on the board');
      await within(3000, async () => (await hw.json<{ slotId: string }>('/api/stock/selected')).slotId === 'A01', 'selected');
      // The detector tares from verified quiet windows: wait until it has, at the stream's own pace.
      await within(withLoadSlack(5000), () => hw.kiosk.hardware.router.loadCells.isSettledAt(DEMO_BOARD_ID, 0, 300, unit / 4), 'A01 tared at 300 g');
      weights.set(300 + 2 * unit);
      await within(withLoadSlack(5000), async () => (await hw.json<{ pendingCount: number }>('/api/stock/selected')).pendingCount === 2, 'load cell counted 2');
      const res = await post('/api/stock/restock', { slotId: 'A01', added: 2, batchCode: 'B-1', bestBefore: '2020-01-01' });
      expect(res.status).toBe(200);
      expect(json(res.body)).toMatchObject({ slotId: 'A01', count: 2 });
      expect(hw.events('stock.restocked').at(-1)?.payload).toMatchObject({ slotId: 'A01', added: 2, countAfter: 2, confirmedBy: 'load-cell', batchCode: 'B-1' });
      const list = await hw.json<{ expiring: Array<{ slotId: string }> }>('/api/stock');
      expect(list.expiring).toEqual([expect.objectContaining({ slotId: 'A01', batchCode: 'B-1' })]);
      await post('/api/stock/select', { slotId: null });
      await within(3000, () => sim.leds.get(0) === 'off', 'LED off');
    } finally {
      weights.stop();
    }
  }, 40_000);

  it('binds by barcode; unknown barcodes change nothing; the next lift shows the product', async () => {
    const product = hw.kiosk.catalogue.active()?.manifest.products[4];
    if (!product?.barcode) throw new Error('demo products need barcodes');
    const before = hw.kiosk.slots.version();
    const unknown = await post('/api/planogram/bind', { slotId: 'A11', barcode: '2006930999999' });
    expect(unknown.status).toBe(404);
    expect(json(unknown.body)).toMatchObject({ error: 'unknown-barcode' });
    expect(hw.kiosk.slots.version()).toBe(before);

    // In staff mode a lift is stock work: the shopper screen does not react.
    const t0 = Date.now();
    await sim.lift(10);
    await within(3000, async () => (await hw.json<{ lastTouched: { slotId: string } | null }>('/api/stock/selected')).lastTouched?.slotId === 'A11', 'slot picked by lifting it');
    await sim.put(10);
    const bound = await post('/api/planogram/bind', { slotId: 'A11', barcode: product.barcode });
    expect(bound.status).toBe(200);
    expect(hw.events('planogram.bound').at(-1)?.payload).toMatchObject({ slotId: 'A11', productIdBefore: null, productIdAfter: product.id, barcode: product.barcode });

    await post('/api/staff/mode', { on: false });
    await sim.lift(10);
    const shown = await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift', 3000, t0);
    // The sentinel: the first lift the screen saw is this one, not the staff-mode lift before it.
    expect(shown).toMatchObject({ cause: { slotId: 'A11' }, lifted: [{ productId: product.id }] });
    expect(screen.messages.filter((m) => m.at >= t0 && m.msg.type === 'shelf' && m.msg.cause.kind === 'lift')).toHaveLength(1);
    await sim.put(10);
    await post('/api/staff/mode', { on: true });
  }, 15_000);

  it('records board set-up and exports as staff actions, naming who', async () => {
    expect((await post('/api/sync/export-unsent', {})).status).toBe(200);
    expect((await hw.api('PUT', '/api/hardware/boards', { boards: [] })).status).toBe(200);
    const actions = hw.events('staff.action').map((e) => e.payload as { action: string; actor: { role: string } | null });
    expect(actions.filter((a) => a.action === 'ledger.export' || a.action === 'boards.save')).toEqual([
      expect.objectContaining({ action: 'ledger.export', actor: expect.objectContaining({ role: 'supervisor' }) as unknown }),
      expect.objectContaining({ action: 'boards.save', actor: expect.objectContaining({ role: 'supervisor' }) as unknown }),
    ]);
  });

  it('calibrates: refuses no weight change, saves a known weight', async () => {
    expect(json((await post('/api/calibration', { slotId: 'A06', step: 'tare' })).body)).toMatchObject({ error: 'no-readings' });
    const weights = streamWeights(() => sim, 2, 9, 120);
    try {
      await within(3000, async () => (await post('/api/calibration', { slotId: 'A03', step: 'tare' })).status === 200, 'tared');
      const none = await post('/api/calibration', { slotId: 'A03', step: 'weigh', knownGrams: 500 });
      expect(none.status).toBe(422);
      expect(json(none.body)).toMatchObject({ error: 'no-weight-change' });
      weights.set(620);
      await within(4000, async () => (await post('/api/calibration', { slotId: 'A03', step: 'weigh', knownGrams: 500 })).status === 200, 'weighed');
      const saved = await post('/api/calibration', { slotId: 'A03', step: 'save' });
      expect(json(saved.body)).toMatchObject({ step: 'saved', knownGrams: 500 });
      expect(hw.events('loadcell.calibrated').at(-1)?.payload).toMatchObject({ slotId: 'A03', knownGrams: 500 });
      await within(3000, () => sim.commands.some((c) => c.type === 'CAL' && c.channel === 2), 'CAL frame on the board');
    } finally {
      weights.stop();
    }
  }, 20_000);
});
