import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineParser } from '../../hardware/shelf-node/codec.ts';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { streamWeights } from '../support/weights.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { DEMO_BOARD_ID, DEMO_CHANNELS } from '../../service/content/demo.ts';
import { LOST_BUDGET_MS, RECOVER_BUDGET_MS, withLoadSlack } from '../support/budgets.ts';
import { boardState, connectScreen, sleep, startHwKiosk, within, type HwKiosk, type ScreenClient } from './support.ts';
import { teardown } from '../support/teardown.ts';

describe('shelf-node board in the kiosk service (sim pty, load cells, unplug)', () => {
  let hw: HwKiosk;
  let screen: ScreenClient;
  let sim: ShelfNodeSim;
  let replugPty: PtyPair | null = null;
  let product: { id: string; unitWeightG: number };

  beforeAll(async () => {
    hw = await startHwKiosk();
    const simBoards = hw.kiosk.hardware.sim;
    if (!simBoards) throw new Error('sim mode expected');
    sim = simBoards.simulator;
    const p = hw.kiosk.catalogue.active()?.manifest.products[0];
    if (!p?.unitWeightG) throw new Error('demo product 0 needs a unit weight');
    product = { id: p.id, unitWeightG: p.unitWeightG };
    await within(10_000, async () => (await boardState(hw, DEMO_BOARD_ID)) === 'connected', 'sim board connected');
    screen = await connectScreen(hw);
  }, 30_000);

  /** Waits until slot A01's scale has settled at `grams` (the detector tares on the stream's own pace). */
  const settledAt = (grams: number): Promise<number> =>
    within(withLoadSlack(5000), () => hw.kiosk.hardware.router.loadCells.isSettledAt(DEMO_BOARD_ID, 0, grams, product.unitWeightG / 4), `A01 settled at ${grams} g`);

  afterAll(() =>
    teardown([
      ['screen socket', () => screen?.close()],
      ['kiosk', () => hw?.stop()],
      ['shelf simulator', () => sim?.stop()],
      ['replugged pty (socat)', () => replugPty?.stop()],
    ]),
  );

  it('shows the product at the first evidence of a load-cell lift and records the confirmed count', async () => {
    const base = 300 + 5 * product.unitWeightG;
    const weights = streamWeights(() => sim, 0, 1, base);
    try {
      await settledAt(base); // averaged tare, however slowly a loaded machine streams
      const t = Date.now();
      weights.set(base - product.unitWeightG);
      const lift = await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift', withLoadSlack(3000), t);
      expect(lift).toMatchObject({ cause: { slotId: 'A01' }, lifted: [{ productId: product.id }] });
      const shownAt = Date.now();
      await within(withLoadSlack(3000), () => hw.events('shelf.lift').length > 0, 'lift recorded');
      const recorded = hw.events('shelf.lift').at(-1);
      expect(recorded?.payload).toMatchObject({ productId: product.id, sensor: 'load-cell', count: 1 });
      expect(Date.parse(recorded?.deviceTime ?? '')).toBeGreaterThanOrEqual(shownAt - 50); // screen first, count after settling

      const p = Date.now();
      weights.set(base);
      await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'put' && m.lifted.length === 0, withLoadSlack(3000), p);
      await within(withLoadSlack(3000), () => hw.events('shelf.put').length > 0, 'put recorded');
      expect(hw.events('shelf.put').at(-1)?.payload).toMatchObject({ productId: product.id, sensor: 'load-cell', count: 1 });

      // A weight change that fits no count is flagged for staff, never counted.
      const u = Date.now();
      weights.set(base - 1.5 * product.unitWeightG);
      await within(withLoadSlack(4000), () => hw.events('shelf.pick-uncertain').length > 0, 'uncertain recorded');
      expect(hw.events('shelf.pick-uncertain').at(-1)?.payload).toMatchObject({ slotId: 'A01', direction: 'lift', reason: 'no-fit' });
      // …and never booked as a shopper's lift: it is a stock discrepancy for staff (issue 13).
      expect(hw.events('shelf.stock-discrepancy').at(-1)?.payload).toMatchObject({ slotId: 'A01', direction: 'lift', reason: 'no-fit', sensor: 'load-cell', shownToShopper: true });
      expect(hw.events('shelf.lift').map((e) => e.payload)).toEqual([expect.objectContaining({ count: 1 })]);
      expect(screen.messages.filter((m) => m.at >= u && m.msg.type === 'shelf' && m.msg.cause.kind === 'lift')).toHaveLength(1);
      weights.set(base);
      await settledAt(base);
    } finally {
      weights.stop();
    }
    // Raw weights reach neither the shopper socket nor the database.
    expect(screen.messages.some((m) => /grams|"weight"/.test(m.raw))).toBe(false);
    const rows = hw.kiosk.db.prepare('SELECT payload FROM events').pluck().all() as string[];
    expect(rows.some((r) => /grams|weight/.test(r))).toBe(false);
  }, 20_000);

  it('exports the flight recording with the raw frames and decoded events', async () => {
    const res = await hw.api('GET', `/api/support/flight-recording?board=${DEMO_BOARD_ID}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="flight-shelf-A-.*\.jsonl"$/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; dir?: string; base64?: string });
    expect(lines[0]).toMatchObject({ kind: 'header', format: 'shelf-flight-recording' });
    const parser = new LineParser('board');
    const frames = lines.filter((l) => l.kind === 'chunk' && l.dir === 'rx').flatMap((l) => parser.push(Buffer.from(l.base64 ?? '', 'base64')));
    expect(frames.filter((f) => f.ok && f.frame.type === 'W').length).toBeGreaterThan(100);
    expect(lines.some((l) => l.kind === 'event')).toBe(true);
    expect((await hw.api('GET', '/api/support/flight-recording?board=nope')).status).toBe(404);
  });

  it('reports a silent board lost within 2 s and recovered when it talks again', async () => {
    sim.pause();
    const lostMs = await within(withLoadSlack(LOST_BUDGET_MS), async () => (await boardState(hw, DEMO_BOARD_ID)) === 'lost', 'lost');
    sim.resume();
    const backMs = await within(withLoadSlack(RECOVER_BUDGET_MS), async () => (await boardState(hw, DEMO_BOARD_ID)) === 'recovered', 'recovered');
    console.info(`service: shelf-node silent → lost ${lostMs} ms; talking again → recovered ${backMs} ms`);
  }, 30_000);

  it('detects a pulled cable at once, reconnects after replug, and records stock taken meanwhile as an offline change', async () => {
    const simBoards = hw.kiosk.hardware.sim;
    if (!simBoards) throw new Error('sim mode expected');
    const base = 300 + 5 * product.unitWeightG;
    const before = streamWeights(() => sim, 0, 2, base);
    await settledAt(base);
    before.stop();
    const unpluggedAt = Date.now();
    const mark = screen.messages.length;
    await simBoards.pty.stop();
    const lostMs = await within(withLoadSlack(LOST_BUDGET_MS), async () => (await boardState(hw, DEMO_BOARD_ID)) === 'lost', 'lost');
    await sleep(800);
    // Replug: the same device links come back with a board that lost two items meanwhile.
    replugPty = await startPtyPair(simBoards.pty.hostPath.replace(/\/a$/, ''));
    sim = new ShelfNodeSim({ path: replugPty.devicePath, boardId: DEMO_BOARD_ID, channels: DEMO_CHANNELS });
    await sim.start();
    const after = streamWeights(() => sim, 0, 3, base - 2 * product.unitWeightG);
    try {
      const backMs = await within(withLoadSlack(RECOVER_BUDGET_MS), async () => (await boardState(hw, DEMO_BOARD_ID)) === 'recovered', 'recovered');
      console.info(`service: shelf-node pty gone → lost ${lostMs} ms; replug → recovered ${backMs} ms`);
      await within(withLoadSlack(4000), () => hw.events('shelf.offline-change').length > 0, 'offline change recorded');
    } finally {
      after.stop();
    }
    expect(hw.events('shelf.offline-change').at(-1)?.payload).toMatchObject({ slotId: 'A01', change: 'lifted', count: 2, sensor: 'load-cell' });
    // Sentinel: a switch lift on another channel after the replug reaches the screen, so every
    // frame before it was processed — and it is the only shelf message since the unplug.
    await sim.lift(1);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift' && m.cause.slotId === 'A02', withLoadSlack(3000), unpluggedAt);
    expect(screen.shelfSince(mark)).toEqual(['lift:A02']);
    await sim.put(1);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'put' && m.cause.slotId === 'A02', withLoadSlack(3000), unpluggedAt);
  }, 40_000);
});
