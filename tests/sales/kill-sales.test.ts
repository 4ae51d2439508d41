import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ContentManifest } from '../../contract/content.ts';
import { seededRandom } from '../../platform/testing/fault-proxy.ts';
import { openDatabase } from '../../db/open.ts';
import { createStaffStore } from '../../db/staff.ts';
import { hashPin } from '../../service/staff/pin-hash.ts';
import { testSeed } from '../support/seed.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { TEST_PIN } from '../support/staff-login.ts';
import { checkMoneyLedger, type Op } from './ledger-check.ts';
import { KillClient } from './kill-client.ts';

/**
 * SIGKILL the kiosk service (a real child process, real SQLite file under synchronous=FULL)
 * at random points while counter sales and refunds are in flight. `npm test` runs
 * 20 kills; `npm run test:kill` runs 200 (or KIOSK_KILLS=<n>).
 */
const KILLS = Number(process.env.KIOSK_KILLS ?? (process.env.npm_lifecycle_event === 'test:kill' ? 200 : 20));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-kill-sales-'));
let service: ServiceProcess | null = null;
afterAll(() => {
  service?.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function addAccounts(): Promise<{ staffId: string; supervisorId: string }> {
  const { db } = openDatabase(path.join(dataDir, 'kiosk.db'));
  const store = createStaffStore(db);
  const hash = await hashPin(TEST_PIN);
  const ids = { staffId: randomUUID(), supervisorId: randomUUID() };
  store.insert({ id: ids.staffId, name: 'kill staff', role: 'staff', createdAt: Date.now() }, hash);
  store.insert({ id: ids.supervisorId, name: 'kill supervisor', role: 'supervisor', createdAt: Date.now() }, hash);
  db.close();
  return ids;
}

const start = (): Promise<ServiceProcess> => startServiceProcess({ KIOSK_DATA_DIR: dataDir, KIOSK_HARDWARE: 'serial', KIOSK_LOG_LEVEL: 'error' });

async function killHard(s: ServiceProcess): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill('SIGKILL');
  await exited;
}

it(`keeps every acknowledged sale and refund exactly once across ${KILLS} SIGKILLs`, { timeout: 60_000 + KILLS * 12_000 }, async () => {
  const random = seededRandom(testSeed(1010));
  const accounts = await addAccounts();
  const ops: Op[] = [];
  let manifest: ContentManifest | null = null;
  for (let kill = 0; kill <= KILLS; kill++) {
    service = await start();
    const client = await KillClient.connect(service, dataDir, accounts, ops, random);
    manifest ??= await client.manifest();
    // A client retries some unanswered requests with the same id and body; the rest it abandons
    // (after the last kill all of them: those must be whole or absent).
    await client.retryPending(kill === KILLS ? 0 : 0.6);
    if (kill === KILLS) break;
    const load = client.load(manifest, 3);
    await client.waitForAnswers(1 + Math.floor(random() * 12));
    await killHard(service);
    await load;
  }
  await (service as ServiceProcess).stop();
  const { db } = openDatabase(path.join(dataDir, 'kiosk.db'));
  try {
    const summary = checkMoneyLedger(db, ops);
    expect(summary.acknowledgedSales).toBeGreaterThan(KILLS);
    expect(summary.killedInFlight).toBeGreaterThan(0);
    expect(summary.unansweredAtEnd).toBeGreaterThan(0);
    console.log(`kill-sales (seed ${testSeed(1010)}): ${KILLS} kills, ${JSON.stringify(summary)}`);
  } finally {
    db.close();
  }
});
