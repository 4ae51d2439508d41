/**
 * Times the dashboard's report calls against an existing platform database (for instance the
 * dashboard bench's cluster while it runs): `node --import tsx tests/bench/dashboard-measure.ts <url> <last day> <kiosk>`.
 */
import { AnalyticsService } from '../../platform/analytics/analytics-service.ts';
import { openPgStore } from '../../platform/store/pg-store.ts';
import { timeCalls } from './dashboard-bench.ts';
import { percentile, round } from './stats.ts';

const [url, lastDay, kiosk] = process.argv.slice(2);
if (!url || !lastDay || !kiosk) throw new Error('usage: dashboard-measure.ts <postgres url> <last day YYYY-MM-DD> <kiosk id>');
const store = await openPgStore(url);
const a = new AnalyticsService({ store, dataDir: '/nonexistent', now: () => Date.now() });
const samples = await timeCalls(a, lastDay, kiosk);
console.log(JSON.stringify({ calls: samples.length, p50: round(percentile(samples, 50), 1), p95: round(percentile(samples, 95), 1), max: round(Math.max(...samples), 1) }));
await store.close();
