import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirmataEmulator } from '../../hardware/firmata/index.ts';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { LOST_BUDGET_MS, RECOVER_BUDGET_MS, withLoadSlack } from '../support/budgets.ts';
import { boardState, connectScreen, sleep, startHwKiosk, within, type HwKiosk, type ScreenClient } from './support.ts';
import { teardown } from '../support/teardown.ts';

// Emulated Uno (StandardFirmata, boot shortened to 300 ms) on a socat pty → the real
// FirmataDriver in its child process → the kiosk service → the shopper socket.
const BOOT_MS = 300;
const BOARD = 'uno-1';
const SLOTS = [
  { channel: 0, kind: 'switch', pin: 2, pullup: true, presentLevel: 0 },
  { channel: 1, kind: 'switch', pin: 3, pullup: true, presentLevel: 0 },
  { channel: 2, kind: 'analog', pin: 14, threshold: 500, hysteresis: 80, presentWhen: 'above' },
];

describe('Firmata board in the kiosk service (real pty, real johnny-five driver)', () => {
  let hw: HwKiosk;
  let pty: PtyPair;
  let emulator: FirmataEmulator;
  let screen: ScreenClient;
  let products: string[];

  const startEmulator = async (): Promise<void> => {
    emulator = new FirmataEmulator({ devicePath: pty.devicePath, hostPath: pty.hostPath, bootMs: BOOT_MS, hostPollMs: 50 });
    emulator.setDigital(2, 0);
    emulator.setDigital(3, 0);
    emulator.setAnalog(14, 800);
    await emulator.start();
  };

  beforeAll(async () => {
    hw = await startHwKiosk();
    pty = await startPtyPair(hw.dataDir, { hostName: 'uno-a', deviceName: 'uno-b' });
    hw.ports.push({ path: pty.hostPath });
    await startEmulator();
    products = hw.kiosk.catalogue.active()?.manifest.products.map((p) => p.id) ?? [];
    hw.kiosk.slots.bind(SLOTS.map((s) => ({ slotId: `U0${s.channel}`, boardId: BOARD, channel: s.channel, productId: products[20 + s.channel] ?? null })));
    const put = await hw.api('PUT', '/api/hardware/boards', { boards: [{ boardId: BOARD, protocol: 'firmata', port: { path: pty.hostPath }, slots: SLOTS }] });
    expect(put.status, put.body).toBe(200);
    expect((await hw.api('POST', `/api/hardware/boards/${BOARD}/confirm`)).status).toBe(200);
    // A board process compiles and boots johnny-five: seconds on a loaded machine.
    await within(30_000, async () => (await boardState(hw, BOARD)) === 'connected', 'firmata board connected');
    screen = await connectScreen(hw);
  }, 60_000);

  afterAll(() =>
    teardown([
      ['screen socket', () => screen?.close()],
      ['kiosk', () => hw?.stop()],
      ['firmata emulator', () => emulator?.stop()],
      ['pty (socat)', () => pty?.stop()],
    ]),
  );

  it('shows the bound product when its switch opens, and lets go on put-back', async () => {
    const t = Date.now();
    emulator.setDigital(2, 1);
    const lift = await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift', withLoadSlack(3000), t);
    expect(lift).toMatchObject({ type: 'shelf', cause: { slotId: 'U00' }, lifted: [{ productId: products[20] }] });
    emulator.setDigital(2, 0);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'put' && m.lifted.length === 0, withLoadSlack(3000), t);
    expect(hw.events('shelf.lift').at(-1)?.payload).toMatchObject({ boardId: BOARD, channel: 0, productId: products[20], sensor: 'switch' });
  }, 30_000);

  it('reads an analog FSR slot with its threshold, and ignores a bounce under 30 ms', async () => {
    const t = Date.now();
    emulator.setAnalog(14, 100);
    const lift = await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift', withLoadSlack(3000), t);
    expect(lift).toMatchObject({ cause: { slotId: 'U02' }, lifted: [{ productId: products[22] }] });
    emulator.setAnalog(14, 800);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'put', withLoadSlack(3000), t);
    expect(hw.events('shelf.lift').at(-1)?.payload).toMatchObject({ channel: 2, sensor: 'analog' });

    // A bounce: both port reports leave in one write, so the host reads them together, far
    // inside the 30 ms hold however busy the machine (two writes could be read tens of ms
    // apart on a loaded host, and then it is no bounce). Sentinel: a held lift on U00
    // afterwards, sent on the same line, is shown — so the bounce was read and ignored.
    const b = Date.now();
    const mark = screen.messages.length;
    emulator.atOnce(() => {
      emulator.setDigital(3, 1);
      emulator.setDigital(3, 0);
    });
    emulator.setDigital(2, 1);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift' && m.cause.slotId === 'U00', withLoadSlack(3000), b);
    emulator.setDigital(2, 0);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'put' && m.cause.slotId === 'U00', withLoadSlack(3000), b);
    expect(screen.shelfSince(mark)).toEqual(['lift:U00', 'put:U00']);
  }, 20_000);

  it('reports an unplugged board lost within 2 s and recovered within 10 s, recording the offline change instead of a lift', async () => {
    await sleep(700); // a few liveness probes answered first
    const unpluggedAt = Date.now();
    const mark = screen.messages.length;
    emulator.stopAnswering();
    const lostMs = await within(withLoadSlack(LOST_BUDGET_MS), async () => (await boardState(hw, BOARD)) === 'lost', 'lost');
    emulator.setDigital(3, 1); // a product taken while the board was away
    await sleep(1000);
    emulator.resume();
    const recoverMs = await within(withLoadSlack(RECOVER_BUDGET_MS), async () => (await boardState(hw, BOARD)) === 'recovered', 'recovered');
    console.info(`service: firmata unplug → lost ${lostMs} ms; replug → recovered ${recoverMs} ms`);
    expect(hw.events('shelf.offline-change').map((e) => e.payload)).toEqual([expect.objectContaining({ boardId: BOARD, channel: 1, slotId: 'U01', change: 'lifted', productId: products[21] })]);
    const health = hw.events('shelf.health').filter((e) => e.payload.boardId === BOARD).map((e) => e.payload.state);
    expect(health).toEqual(expect.arrayContaining(['connected', 'lost', 'recovered']));
    expect(screen.messages.some((m) => m.at >= unpluggedAt && m.msg.type === 'boards' && m.msg.boards.some((b) => b.boardId === BOARD && b.state === 'lost'))).toBe(true);
    // The slot works as before: put back now is a put with no lift on screen, so nothing shows.
    // The U00 lift after it is the sentinel: once it is on screen, everything before it was
    // processed, and it is the only shelf message since the unplug.
    emulator.setDigital(3, 0);
    emulator.setDigital(2, 1);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift' && m.cause.slotId === 'U00', withLoadSlack(3000), unpluggedAt);
    expect(screen.shelfSince(mark)).toEqual(['lift:U00']);
    emulator.setDigital(2, 0);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'put' && m.cause.slotId === 'U00', withLoadSlack(3000), unpluggedAt);
  }, 45_000);

  it('parks the board while its port is gone and reconnects when it returns', async () => {
    await emulator.stop();
    await pty.stop();
    hw.ports.splice(0); // as a real lister would: the port is gone
    await within(withLoadSlack(LOST_BUDGET_MS), async () => (await boardState(hw, BOARD)) === 'lost', 'lost after the port vanished');
    // No child process churning while the port is absent: the board is parked.
    const childPid = () => {
      const driver = hw.kiosk.hardware.supervisor.runner(BOARD)?.currentDriver();
      return driver && 'childPid' in driver ? driver.childPid : 'none';
    };
    await within(withLoadSlack(3000), () => childPid() === null, 'board parked');
    pty = await startPtyPair(hw.dataDir, { hostName: 'uno-a', deviceName: 'uno-b' });
    await startEmulator();
    hw.ports.push({ path: pty.hostPath });
    const ms = await within(withLoadSlack(RECOVER_BUDGET_MS), async () => (await boardState(hw, BOARD)) === 'recovered', 'recovered after the port returned');
    console.info(`service: firmata port returned → recovered ${ms} ms`);
  }, 45_000);
});
