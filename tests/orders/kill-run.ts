import { startServiceProcess } from '../support/service-process.ts';
import { runCheckoutKills } from './kill-harness.ts';
import { ledgerSums, verifyKioskLedger } from './verify-ledger.ts';

/**
 * `npm run test:kill-checkout [-- KILLS [SEED]]`: the full SIGKILL run (default 200 kills) of
 * tests/orders/checkout-kill.test.ts, with figures. Exit code 1 on any violation.
 */
const kills = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const env = { KIOSK_LEDGER_FLUSH_MS: '1000' };
const started = Date.now();
console.log(`checkout kill run: ${kills} kills, seed ${seed}`);
const run = await runCheckoutKills({ kills, seed, env, onProgress: (i) => i % 20 === 0 && console.log(`  ${i} kills…`) });
const last = await startServiceProcess({ KIOSK_DATA_DIR: run.dataDir, KIOSK_HARDWARE: 'sim', KIOSK_LOG_LEVEL: 'error', ...env });
await last.stop();
const problems = verifyKioskLedger(run.dataDir, run.acknowledged);
const sums = ledgerSums(run.dataDir);
if (sums.paidByLedger !== sums.paidByEvents || sums.paidCountByLedger !== sums.paidCountByEvents) problems.push(`day ledger ${sums.paidCountByLedger} / ${sums.paidByLedger} fen ≠ events ${sums.paidCountByEvents} / ${sums.paidByEvents} fen`);
console.log(JSON.stringify({ kills, seed, requests: run.requestsSent, acknowledgedOrders: run.acknowledged.orders.size, acknowledgedPayments: run.acknowledged.paid.size, acknowledgedCancels: run.acknowledged.cancelled.size, paidFen: sums.paidByEvents, seconds: Math.round((Date.now() - started) / 1000), violations: problems.length }));
for (const p of problems) console.log(`VIOLATION ${p}`);
if (problems.length === 0) run.cleanup();
else console.log(`data kept in ${run.dataDir}`);
process.exit(problems.length === 0 ? 0 : 1);
