import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShelfEvent } from '../../contract/hardware.ts';
import { preciseNow } from '../driver.ts';
import { startPtyPair, type PtyPair } from '../sim/pty.ts';
import type { SlotConfigInput } from './config.ts';
import { FirmataDriver, type FirmataDriverOptions } from './driver.ts';
import { FirmataEmulator } from './emulator.ts';

/** Test rig: socat pty pair, emulated Uno on one end, a real FirmataDriver on the other. */
export interface Rig {
  dir: string;
  pty: PtyPair;
  emulator: FirmataEmulator;
  driver: FirmataDriver;
  /** Every event with the host time it was seen. */
  events: { at: number; event: ShelfEvent }[];
  waitFor(predicate: (e: ShelfEvent) => boolean, timeoutMs: number, after?: number): Promise<{ at: number; event: ShelfEvent }>;
  /** Replaces the pty pair and emulator (after the old ones were stopped): a replug. */
  replug(): Promise<void>;
  stop(): Promise<void>;
}

export const BOOT_MS = 300;

export async function startRig(slots: SlotConfigInput[], setup: (e: FirmataEmulator) => void, options: Partial<FirmataDriverOptions> = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'firmata-rig-'));
  const startEmulator = async (pty: PtyPair): Promise<FirmataEmulator> => {
    const emulator = new FirmataEmulator({ devicePath: pty.devicePath, hostPath: pty.hostPath, bootMs: BOOT_MS, hostPollMs: 50 });
    setup(emulator);
    await emulator.start();
    return emulator;
  };
  const pty = await startPtyPair(dir);
  const rig: Rig = {
    dir,
    pty,
    emulator: await startEmulator(pty),
    driver: new FirmataDriver({ boardId: 'uno-1', path: pty.hostPath, slots, readyTimeoutMs: 4000, ...options }),
    events: [],
    async waitFor(predicate, timeoutMs, after = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = rig.events.find((e) => e.at >= after && predicate(e.event));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out; events: ${JSON.stringify(rig.events.map((e) => e.event))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async replug() {
      rig.pty = await startPtyPair(dir);
      rig.emulator = await startEmulator(rig.pty);
    },
    async stop() {
      await rig.driver.stop();
      await rig.emulator.stop();
      await rig.pty.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  rig.driver.onEvent((event) => rig.events.push({ at: preciseNow(), event }));
  await rig.driver.start();
  return rig;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function isHealth(state: string): (e: ShelfEvent) => boolean {
  return (e) => e.kind === 'health' && e.state === state;
}
