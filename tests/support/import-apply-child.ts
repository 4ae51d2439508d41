// A platform process that runs one spreadsheet import and stops dead in the middle of applying
// it (tests/sync/catalogue-kill.test.ts kills it there with SIGKILL).
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImportJobs } from '../../platform/catalogue/import-jobs.ts';
import { buildPlatformApp } from '../../platform/server.ts';

const [dataDir, sheetFile, markerFile, stopAtRaw] = process.argv.slice(2);
if (!dataDir || !sheetFile || !markerFile) throw new Error('usage: import-apply-child <dataDir> <sheet.xlsx> <marker> [row]');
const stopAt = Number(stopAtRaw ?? 500);
const { deps } = buildPlatformApp({ dataDir, adminToken: 'child-admin-token-0123456789abcdef' });
const jobs = new ImportJobs(deps);
const job = await jobs.start({ kind: 'token' }, 'xlsx', readFileSync(sheetFile));
while (job.state === 'parsing' || job.state === 'checking') await sleep(20);
if (job.state !== 'ready') throw new Error(`dry run failed: ${JSON.stringify(job.error)}`);
await jobs.apply(job, { kind: 'token' }, (i) => {
  if (i !== stopAt) return;
  writeFileSync(markerFile, JSON.stringify({ jobId: job.id, rows: job.counts.new + job.counts.changed }));
  // Block inside the transaction: the parent kills this process here.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
