import { afterAll, expect, it } from 'vitest';
import { startServiceProcess } from '../support/service-process.ts';
import { testSeed } from '../support/seed.ts';
import { runCheckoutKills, type KillRunResult } from './kill-harness.ts';
import { ledgerSums, verifyKioskLedger } from './verify-ledger.ts';

/** The short version of `npm run test:kill-checkout` (which runs ≥ 200 kills). */
const KILLS = Number(process.env.KIOSK_CHECKOUT_KILLS ?? 12);
let run: KillRunResult | undefined;
afterAll(() => run?.cleanup());

it(`SIGKILL at ${KILLS} random points in checkout and counter payment: every acknowledged order and payment exactly once, sums to the fen`, { timeout: 60_000 + KILLS * 15_000 }, async () => {
  const env = { KIOSK_LEDGER_FLUSH_MS: '1000' };
  run = await runCheckoutKills({ kills: KILLS, seed: testSeed(1010), env });
  expect(run.acknowledged.orders.size).toBeGreaterThan(0);
  // Payments too, or a seed whose kills all land before any payment would check them vacuously.
  expect(run.acknowledged.paid.size).toBeGreaterThan(0);
  // A last clean start and stop: nothing is cleared at start, and the stop writes the day ledger.
  const last = await startServiceProcess({ KIOSK_DATA_DIR: run.dataDir, KIOSK_HARDWARE: 'sim', KIOSK_LOG_LEVEL: 'error', ...env });
  await last.stop();
  expect(verifyKioskLedger(run.dataDir, run.acknowledged)).toEqual([]);
  const sums = ledgerSums(run.dataDir);
  expect(sums.paidByLedger).toBe(sums.paidByEvents);
  expect(sums.paidCountByLedger).toBe(sums.paidCountByEvents);
});
