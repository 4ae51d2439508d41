/**
 * `npm run test:stress` — the serial, hardware, sync and e2e suites N times while every core
 * is kept busy by another process, as on a loaded CI machine. Each iteration shuffles the
 * file order with its own seed (also handed to seeded tests as KIOSK_TEST_SEED) and keeps its
 * full log; every failure is printed with its test name, seed and log path.
 *
 *   npm run test:stress -- [--iterations 5] [--load-workers <cores>] [--seed <n>] [paths…]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCpuLoad } from './cpu-load.ts';
import { readFailures, type StressFailure } from './report.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The suites that touch time, processes, ptys, sockets and the browser. */
const DEFAULT_SUITES = ['hardware/shelf-node', 'hardware/firmata', 'hardware/sim', 'tests/hardware', 'tests/sync', 'tests/e2e', 'tests/service', 'tests/db', 'tests/platform-pg'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    iterations: { type: 'string', default: '5' },
    'load-workers': { type: 'string', default: String(os.availableParallelism()) },
    seed: { type: 'string' },
  },
});
const iterations = Number(values.iterations);
const loadWorkers = Number(values['load-workers']);
const baseSeed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 1_000_000);
const suites = positionals.length > 0 ? positionals : DEFAULT_SUITES;
if (!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(loadWorkers) || loadWorkers < 0 || !Number.isInteger(baseSeed)) {
  process.stderr.write('usage: npm run test:stress -- [--iterations N≥1] [--load-workers N≥0] [--seed N] [paths…]\n');
  process.exit(2);
}

interface IterationResult {
  iteration: number;
  seed: number;
  ms: number;
  exitCode: number;
  tests: number;
  failures: StressFailure[];
  log: string;
}

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-stress-'));

function runIteration(iteration: number, seed: number): Promise<IterationResult> {
  const log = path.join(logDir, `iteration-${iteration}.log`);
  const json = path.join(logDir, `iteration-${iteration}.json`);
  const out = fs.openSync(log, 'w');
  const args = ['vitest', 'run', ...suites, '--sequence.shuffle.files', `--sequence.seed=${seed}`, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`];
  const started = performance.now();
  const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', out, out], env: { ...process.env, KIOSK_TEST_SEED: String(seed), FORCE_COLOR: '0', NO_COLOR: '1' } });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      fs.closeSync(out);
      const report = readFailures(json, log);
      resolve({ iteration, seed, ms: performance.now() - started, exitCode: code ?? 1, tests: report.tests, failures: report.failures, log });
    });
  });
}

function printFailure(f: StressFailure, r: IterationResult): void {
  process.stdout.write(`  ✗ [iteration ${r.iteration}, seed ${r.seed}] ${f.file} › ${f.name}\n`);
  for (const line of f.message.split('\n').slice(0, 12)) process.stdout.write(`      ${line}\n`);
  process.stdout.write(`      log: ${r.log}\n`);
}

async function main(): Promise<void> {
  process.stdout.write(`test:stress: ${iterations} iteration(s) of ${suites.join(' ')}; ${loadWorkers} busy-loop process(es) on ${os.availableParallelism()} core(s); base seed ${baseSeed}; logs in ${logDir}\n`);
  const load = startCpuLoad(loadWorkers);
  const results: IterationResult[] = [];
  const started = performance.now();
  try {
    for (let i = 1; i <= iterations; i += 1) {
      const r = await runIteration(i, baseSeed + i);
      results.push(r);
      const verdict = r.failures.length === 0 && r.exitCode === 0 ? 'ok' : `${r.failures.length} failure(s), exit ${r.exitCode}`;
      process.stdout.write(`iteration ${i}/${iterations} (seed ${r.seed}): ${r.tests} tests, ${(r.ms / 1000).toFixed(0)} s — ${verdict}\n`);
      for (const f of r.failures) printFailure(f, r);
    }
  } finally {
    await load.stop();
  }
  const failed = results.filter((r) => r.failures.length > 0 || r.exitCode !== 0);
  const failures = results.reduce((n, r) => n + r.failures.length, 0);
  const total = (performance.now() - started) / 1000;
  process.stdout.write(`\ntest:stress summary: iterations ${results.length}, duration ${total.toFixed(0)} s (mean ${(total / results.length).toFixed(0)} s), failures ${failures}, failed iterations ${failed.length}, load ${loadWorkers} busy process(es)\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

await main();
