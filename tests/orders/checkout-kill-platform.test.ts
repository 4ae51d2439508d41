import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite.ts';
import { reconcileDays, reconcilePayments } from '../../platform/orders/reconciliation.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { testSeed } from '../support/seed.ts';
import { teardown } from '../support/teardown.ts';
import { enrolmentCode, startTestPlatform, tempDir, waitFor } from '../sync/helpers.ts';
import { runCheckoutKills, type KillRunResult } from './kill-harness.ts';
import { verifyKioskLedger } from './verify-ledger.ts';

const KILLS = Number(process.env.KIOSK_CHECKOUT_KILLS ?? 10);
const t = tempDir('checkout-kill-platform');
let platform: RunningPlatform | undefined;
let run: KillRunResult | undefined;
afterAll(() => teardown([['platform', () => platform?.close()], ['kiosk data', () => run?.cleanup()], ['temp dir', () => t.cleanup()]]));

function kioskMoney(dataDir: string): Array<{ id: string; type: string; payload: string }> {
  const db = openSqlite(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT id, type, payload FROM events WHERE type IN ('order.created', 'order.state', 'ledger.day') ORDER BY seq").all() as Array<{ id: string; type: string; payload: string }>;
  } finally {
    db.close();
  }
}

it(`SIGKILL at ${KILLS} points while orders are made and paid on phones: the kiosk and the platform hold each once, and reconcile`, { timeout: 120_000 + KILLS * 20_000 }, async () => {
  platform = await startTestPlatform(path.join(t.dir, 'platform'));
  const env = { KIOSK_LEDGER_FLUSH_MS: '1000', KIOSK_PLATFORM_URL: platform.url, KIOSK_ENROL_CODE: await enrolmentCode(platform.url), KIOSK_PLATFORM_KEYS: platform.deps.key.publicKey.spki };
  // Requests go on to the platform here, so the kill window is wider than without one.
  run = await runCheckoutKills({ kills: KILLS, seed: testSeed(2020), env, platformUrl: platform.url, killWindowMs: 400 });
  // A last life that runs until every event is acknowledged and every phone payment is known.
  const last = await startServiceProcess({ KIOSK_DATA_DIR: run.dataDir, KIOSK_HARDWARE: 'sim', KIOSK_LOG_LEVEL: 'error', ...env });
  const outbox = () => {
    const db = openSqlite(path.join(run!.dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number;
    } finally {
      db.close();
    }
  };
  const phonePaidKnown = () => verifyKioskLedger(run!.dataDir, run!.acknowledged, { synced: true }).filter((p) => p.includes('paid on the phone')).length === 0;
  await waitFor(phonePaidKnown, 60_000, 'the kiosk learns of every phone payment');
  await last.stop(); // writes the day ledger
  const again = await startServiceProcess({ KIOSK_DATA_DIR: run.dataDir, KIOSK_HARDWARE: 'sim', KIOSK_LOG_LEVEL: 'error', ...env });
  await waitFor(() => outbox() === 0, 60_000, 'the outbox drained');
  await again.stop();

  expect(verifyKioskLedger(run.dataDir, run.acknowledged, { synced: true })).toEqual([]);
  const a = run.acknowledged;
  console.log(`checkout kills with a platform: ${KILLS} kills, ${a.orders.size} orders, ${a.paidOnPhone.size} paid on phones, ${a.paid.size} at the counter, ${a.cancelled.size} cancelled`);
  expect(a.paidOnPhone.size).toBeGreaterThan(0);
  // Every money event of the kiosk is on the platform once, with the same payload.
  const stored = await platform.deps.store.eventHashes();
  const mine = kioskMoney(run.dataDir);
  expect(mine.filter((e) => !stored.has(e.id)).map((e) => e.type)).toEqual([]);
  // The platform's own reconciliation: each day ok, no payment alarm.
  const days = await reconcileDays(platform.orders.services.store, {});
  expect(days.map((d) => [d.status, d.differences])).toEqual(days.map(() => ['ok', []]));
  expect(await reconcilePayments(platform.orders.services.store, Date.now())).toEqual([]);
  // And the sums tie to the fen: the platform's paid orders of this kiosk = the kiosk's pay events.
  const paidOnKiosk = mine.filter((e) => e.type === 'order.state' && (JSON.parse(e.payload) as { action: string }).action === 'pay');
  const ledger = days.reduce((s, d) => s + (d.ledger?.ordersPaidFen ?? 0), 0);
  expect(ledger).toBe(paidOnKiosk.reduce((s, e) => s + (JSON.parse(e.payload) as { amountFen: number }).amountFen, 0));
});
