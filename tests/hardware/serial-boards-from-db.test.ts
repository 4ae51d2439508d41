import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardStore } from '../../db/boards.ts';
import { openDatabase } from '../../db/open.ts';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { loadConfig } from '../../service/config.ts';
import { startKiosk, type Kiosk } from '../../service/kiosk.ts';
import { createLogger } from '../../service/log.ts';
import { within } from './support.ts';

// Issue 13: a store's kiosk in `serial` mode needs no KIOSK_SERIAL_PATH; it starts the boards
// set up earlier (stored in its database). Real SQLite file, real socat pty, real driver.
describe('serial mode without environment variables', () => {
  let dataDir: string;
  let pty: PtyPair;
  let sim: ShelfNodeSim;
  let kiosk: Kiosk | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-serial-db-'));
    fs.mkdirSync(path.join(dataDir, 'renderer'));
    fs.writeFileSync(path.join(dataDir, 'renderer', 'index.html'), '<!doctype html><title>test</title>');
    pty = await startPtyPair(dataDir, { hostName: 'shelf-host', deviceName: 'shelf-dev' });
    sim = new ShelfNodeSim({ path: pty.devicePath, boardId: 'shelf-Z', channels: 4 });
    await sim.start();
    // Set-up ran before: the board is in the database (as PUT /api/hardware/boards stores it).
    const { db } = openDatabase(path.join(dataDir, 'kiosk.db'));
    createBoardStore(db).replaceAll([{ boardId: 'shelf-Z', protocol: 'shelf-node', port: { path: pty.hostPath }, baudRate: 115200, loadCellRate: 10, loadCellCapacityKg: 20 }], Date.now());
    db.close();
  });

  afterAll(async () => {
    await kiosk?.stop();
    await sim?.stop();
    await pty?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the boards stored in the database', async () => {
    const env = { KIOSK_HARDWARE: 'serial', KIOSK_DATA_DIR: dataDir, KIOSK_PORT: '0', KIOSK_RENDERER_DIR: path.join(dataDir, 'renderer'), KIOSK_LOG_LEVEL: 'silent' };
    const config = loadConfig(env);
    expect(config).toMatchObject({ hardware: 'serial', serialPath: undefined });
    kiosk = await startKiosk(config, createLogger({ level: 'silent', stdout: false }), { listPorts: () => Promise.resolve([{ path: pty.hostPath }]) });
    const running = kiosk;
    await within(10_000, () => running.hardware.status().boards.some((b) => b.boardId === 'shelf-Z' && b.state === 'connected'), 'stored board connected');
    const boards = running.hardware.status().boards;
    expect(boards.map((b) => b.boardId)).toEqual(['shelf-Z']);
    expect(boards[0]).toMatchObject({ protocol: 'shelf-node', reportedBoardId: 'shelf-Z', sim: false });
    expect(running.hardware.configured().records[0]?.setup).toMatchObject({ loadCellRate: 10, loadCellCapacityKg: 20 });
  }, 20_000);
});
