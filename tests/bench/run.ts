import { runLiftToPaintBench } from './lift-to-paint.ts';
import { runSyncBench } from './sync-bench.ts';
import { runPlatformPgBench } from './platform-pg-bench.ts';
import { runHardwareBench } from './hardware-bench.ts';
import { runLoadCellBench } from './loadcell-bench.ts';
import { runOrdersBench } from './orders-bench.ts';
import { runOrderScreenBench } from './order-screen-bench.ts';
import { runSaleBench } from './sale-bench.ts';
import { runStartBench } from './start-bench.ts';
import { runCatalogueBench } from './catalogue-bench.ts';
import { runPublishBench } from './publish-bench.ts';
import { runDashboardBench } from './dashboard-bench.ts';
import type { Metric } from './stats.ts';

/**
 * `npm run bench`: prints one JSON object per line ({name, value, unit}) and then a table.
 * Figures are measurements on this machine, not pass/fail tests.
 */
const suites: Array<[string, () => Promise<Metric[]>]> = [
  ['lift-to-paint', runLiftToPaintBench],
  ['start', runStartBench],
  ['hardware', runHardwareBench],
  ['loadcell', runLoadCellBench],
  ['sync', runSyncBench],
  ['sale', runSaleBench],
  ['platform-pg', runPlatformPgBench],
  ['orders', runOrdersBench],
  ['order-screen', runOrderScreenBench],
  ['catalogue', runCatalogueBench],
  ['publish', runPublishBench],
  ['dashboard', runDashboardBench],
];

const only = process.argv[2];
const all: Metric[] = [];
for (const [name, run] of suites) {
  if (only && only !== name) continue;
  try {
    const metrics = await run();
    for (const m of metrics) {
      console.log(JSON.stringify({ name: m.name, value: m.value, unit: m.unit }));
      all.push(m);
    }
  } catch (err) {
    console.error(`bench suite ${name} failed:`, err);
    process.exitCode = 1;
  }
}
console.log('');
console.log('| metric | value | unit | goal |');
console.log('|---|---:|---|---|');
for (const m of all) console.log(`| ${m.name} | ${m.value} | ${m.unit} | ${m.goal ?? ''} |`);
