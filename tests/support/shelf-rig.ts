import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { ContentManifestSchema, type ContentManifest } from '../../contract/content.ts';
import { startServiceProcess, type ServiceProcess } from './service-process.ts';
import { teardown } from './teardown.ts';

/**
 * The full kiosk path with real parts: a shelf-node simulator on one end of a socat pty,
 * the kiosk service (own process, `serial` mode, real driver) on the other.
 */
export interface ShelfRig {
  dataDir: string;
  pty: PtyPair;
  sim: ShelfNodeSim;
  service: ServiceProcess;
  manifest: ContentManifest;
  stop(): Promise<void>;
}

export interface ShelfRigOptions {
  /** Runs on the fresh data directory before the service first starts (e.g. to lay out slots). */
  prepareDataDir?: (dataDir: string) => void | Promise<void>;
}

export async function startShelfRig(env: Record<string, string> = {}, opts: ShelfRigOptions = {}): Promise<ShelfRig> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-rig-'));
  let pty: PtyPair | undefined;
  let sim: ShelfNodeSim | undefined;
  let service: ServiceProcess;
  try {
    await opts.prepareDataDir?.(dataDir);
    pty = await startPtyPair(dataDir);
    sim = new ShelfNodeSim({ path: pty.devicePath, boardId: 'shelf-A', channels: 12 });
    await sim.start();
    service = await startServiceProcess({ KIOSK_DATA_DIR: dataDir, KIOSK_HARDWARE: 'serial', KIOSK_SERIAL_PATH: pty.hostPath, ...env });
  } catch (err) {
    // A service that fails to start must not leave socat running or the temp dir behind.
    await sim?.stop().catch(() => undefined);
    await pty?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const [ptyPair, shelfSim] = [pty, sim];
  const manifest = ContentManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-package', 'manifest.json'), 'utf8')));
  return {
    dataDir,
    pty: ptyPair,
    sim: shelfSim,
    service,
    manifest,
    stop: () =>
      teardown([
        ['service process', () => service.stop()],
        ['shelf simulator', () => shelfSim.stop()],
        ['pty (socat)', () => ptyPair.stop()],
        ['data dir', () => fs.rmSync(dataDir, { recursive: true, force: true })],
      ]),
  };
}
