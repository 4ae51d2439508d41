import fs from 'node:fs';
import path from 'node:path';
import type { ShelfEvent } from '../../contract/hardware.ts';
import type { SimAction } from '../../contract/api.ts';
import { ShelfNodeDriver, type ShelfNodeStats } from '../../hardware/shelf-node/driver.ts';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { DEMO_BOARD_ID, DEMO_CHANNELS } from '../content/demo.ts';
import type { KioskConfig } from '../config.ts';
import type { Logger } from '../log.ts';

/** The shelf as the service sees it: driver stats, and in `sim` mode the simulator's controls. */
export interface HardwareHandle {
  stats(): ShelfNodeStats;
  sim?: { act(action: SimAction): Promise<void>; channels(): number; readonly simulator: ShelfNodeSim; readonly pty: PtyPair };
  stop(): Promise<void>;
}

/**
 * Starts the shelf. `sim` runs the shelf-node simulator on one end of a socat pty pair and
 * the real driver on the other, so the demo exercises the same path as a store's board.
 */
export async function startHardware(config: KioskConfig, onEvent: (e: ShelfEvent) => void, logger: Logger): Promise<HardwareHandle> {
  if (config.hardware === 'serial') {
    const driver = new ShelfNodeDriver({ boardId: DEMO_BOARD_ID, path: config.serialPath ?? '', logger });
    driver.onEvent(onEvent);
    await driver.start();
    return { stats: () => driver.stats(), stop: () => driver.stop() };
  }
  const dir = path.join(config.dataDir, 'sim');
  fs.mkdirSync(dir, { recursive: true });
  const pty = await startPtyPair(dir);
  const simulator = new ShelfNodeSim({ path: pty.devicePath, boardId: DEMO_BOARD_ID, channels: DEMO_CHANNELS });
  await simulator.start();
  const driver = new ShelfNodeDriver({ boardId: DEMO_BOARD_ID, path: pty.hostPath, logger });
  driver.onEvent(onEvent);
  await driver.start();
  return {
    stats: () => driver.stats(),
    sim: {
      simulator,
      pty,
      channels: () => DEMO_CHANNELS,
      act: async (a) => {
        if (a.action === 'lift') await simulator.lift(a.channel);
        else await simulator.put(a.channel);
      },
    },
    async stop() {
      await driver.stop();
      await simulator.stop();
      await pty.stop();
    },
  };
}
