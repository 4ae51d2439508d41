import fs from 'node:fs';
import path from 'node:path';
import type { SimAction } from '../../contract/api.ts';
import type { BoardSetup } from '../../contract/hardware.ts';
import type { SlotStore } from '../../db/slots.ts';
import { FirmataEmulator } from '../../hardware/firmata/index.ts';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { DEMO_BOARD_ID, DEMO_CHANNELS } from '../content/demo.ts';
import type { BoardPlan } from './board-supervisor.ts';

/** Board id of the optional simulated Firmata board (KIOSK_SIM_FIRMATA=1). */
export const SIM_FIRMATA_BOARD_ID = 'uno-sim';
/** Its switch slots: channel n on pin 2 + n, INPUT_PULLUP, pressed (product there) = 0. */
export const SIM_FIRMATA_CHANNELS = 4;
/** Demo products on the Firmata board: those after the shelf-node board's ten. */
const SIM_FIRMATA_FIRST_PRODUCT = 10;

export interface SimBoards {
  readonly plans: BoardPlan[];
  readonly simulator: ShelfNodeSim;
  readonly pty: PtyPair;
  readonly firmata: FirmataEmulator | null;
  channels(): number;
  firmataChannels(): number;
  /** The shelf-node simulator's slot LEDs by channel (only those ever set). */
  leds(): Record<string, string>;
  act(action: SimAction): Promise<void>;
  stop(): Promise<void>;
}

function firmataSetup(hostPath: string): BoardSetup {
  return {
    boardId: SIM_FIRMATA_BOARD_ID,
    protocol: 'firmata',
    port: { path: hostPath },
    baudRate: 57600,
    slots: Array.from({ length: SIM_FIRMATA_CHANNELS }, (_, channel) => ({ channel, kind: 'switch' as const, pin: 2 + channel, pullup: true, presentLevel: 0 as const })),
  };
}

/** Lays the Firmata board's slots into the planogram once (B01…), bound to demo products. */
export function bindSimFirmataSlots(slots: SlotStore, productIds: readonly string[]): void {
  if (slots.list().some((s) => s.boardId === SIM_FIRMATA_BOARD_ID)) return;
  slots.bind(
    Array.from({ length: SIM_FIRMATA_CHANNELS }, (_, channel) => ({
      slotId: `B${String(channel + 1).padStart(2, '0')}`,
      boardId: SIM_FIRMATA_BOARD_ID,
      channel,
      productId: productIds[SIM_FIRMATA_FIRST_PRODUCT + channel] ?? null,
    })),
  );
}

/**
 * `sim` mode: the shelf-node simulator on a socat pty (always), and with `firmata` an
 * emulated Uno running StandardFirmata on a second pty. Real drivers run on the other ends.
 */
export async function startSimBoards(dataDir: string, options: { firmata: boolean }): Promise<SimBoards> {
  const dir = path.join(dataDir, 'sim');
  fs.mkdirSync(dir, { recursive: true });
  const pty = await startPtyPair(dir);
  const simulator = new ShelfNodeSim({ path: pty.devicePath, boardId: DEMO_BOARD_ID, channels: DEMO_CHANNELS });
  await simulator.start();
  const plans: BoardPlan[] = [{ setup: { boardId: DEMO_BOARD_ID, protocol: 'shelf-node', port: { path: pty.hostPath }, baudRate: 115200, loadCellRate: 80 }, confirmed: true, sim: true }];
  let firmataPty: PtyPair | null = null;
  let firmata: FirmataEmulator | null = null;
  if (options.firmata) {
    firmataPty = await startPtyPair(dir, { hostName: 'uno-host', deviceName: 'uno-device' });
    // No hostPath: reset-on-open detection scans /proc (tens of ms per scan with a browser
    // running) on the service's event loop. The driver asks for the version actively, so the
    // demo works without it; tests cover the reset-on-open path.
    firmata = new FirmataEmulator({ devicePath: firmataPty.devicePath });
    for (let ch = 0; ch < SIM_FIRMATA_CHANNELS; ch++) firmata.setDigital(2 + ch, 0);
    await firmata.start();
    plans.push({ setup: firmataSetup(firmataPty.hostPath), confirmed: true, sim: true });
  }
  const emulator = firmata;
  return {
    plans,
    simulator,
    pty,
    firmata,
    channels: () => DEMO_CHANNELS,
    firmataChannels: () => (emulator ? SIM_FIRMATA_CHANNELS : 0),
    leds: () => Object.fromEntries([...simulator.leds].map(([ch, pattern]) => [String(ch), pattern])),
    async act(a) {
      if (a.boardId === SIM_FIRMATA_BOARD_ID) {
        if (!emulator || a.channel >= SIM_FIRMATA_CHANNELS) throw new RangeError(`no simulated Firmata channel ${a.channel}`);
        emulator.setDigital(2 + a.channel, a.action === 'lift' ? 1 : 0);
        return;
      }
      if (a.action === 'lift') await simulator.lift(a.channel);
      else await simulator.put(a.channel);
    },
    async stop() {
      await simulator.stop();
      await pty.stop();
      await emulator?.stop();
      await firmataPty?.stop();
    },
  };
}
