import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/kiosk-in-process.ts';
import { SIM_FIRMATA_BOARD_ID } from '../../service/shelf/sim-boards.ts';
import { boardState, connectScreen, startHwKiosk, within, type HwKiosk, type ScreenClient } from './support.ts';

describe('sim mode with the emulated Firmata board (KIOSK_SIM_FIRMATA=1)', () => {
  let hw: HwKiosk;
  let screen: ScreenClient;

  beforeAll(async () => {
    hw = await startHwKiosk({ simFirmata: true });
    await within(30_000, async () => (await boardState(hw, SIM_FIRMATA_BOARD_ID)) === 'connected', 'sim Uno connected');
    screen = await connectScreen(hw);
  }, 60_000);
  afterAll(async () => {
    screen?.close();
    await hw?.stop();
  });

  it('lifts a Firmata slot from the dev panel’s API and shows its bound product', async () => {
    const product = hw.kiosk.slots.find(SIM_FIRMATA_BOARD_ID, 1)?.productId;
    expect(product).toBeTruthy();
    const t = Date.now();
    const res = await hw.api('POST', '/api/sim/action', { action: 'lift', channel: 1, boardId: SIM_FIRMATA_BOARD_ID });
    expect(res.status, res.body).toBe(200);
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'lift' && m.lifted.some((l) => l.productId === product), 3000, t);
    await hw.api('POST', '/api/sim/action', { action: 'put', channel: 1, boardId: SIM_FIRMATA_BOARD_ID });
    await screen.waitFor((m) => m.type === 'shelf' && m.cause.kind === 'put' && m.lifted.length === 0, 3000, t);
  });

  it('puts the Firmata board on the dev panel and both boards on the status API', async () => {
    const panel = await request(hw.kiosk.port, { path: '/dev' });
    expect(panel.body).toContain('data-board="uno-sim"');
    const status = await hw.json<{ boards: Array<{ boardId: string; protocol: string; sim: boolean }> }>('/api/hardware/status');
    expect(status.boards.map((b) => [b.boardId, b.protocol, b.sim])).toEqual([['shelf-A', 'shelf-node', true], ['uno-sim', 'firmata', true]]);
  });
});
