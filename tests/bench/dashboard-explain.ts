/**
 * Prints EXPLAIN (ANALYZE) of the dashboard's and the rollup's PostgreSQL queries on a
 * generated data set (default 100 kiosks × 365 days; DASHBOARD_BENCH_* as in the bench), for
 * docs/analytics.md. Run: `node --import tsx tests/bench/dashboard-explain.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AnalyticsService } from '../../platform/analytics/analytics-service.ts';
import { METRICS } from '../../platform/analytics/metrics.ts';
import { addDays } from '../../platform/analytics/periods.ts';
import { monthOf } from '../../platform/store/pg-partitions.ts';
import { openPgStore } from '../../platform/store/pg-store.ts';
import { findPgBin, startPgCluster } from '../support/pg-cluster.ts';
import { loadGenerated } from './dashboard-load.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const o = { kiosks: env('DASHBOARD_BENCH_KIOSKS', 100), days: env('DASHBOARD_BENCH_DAYS', 365), mean: env('DASHBOARD_BENCH_MEAN', 6), start: '2025-12-01', seed: 20261130 };
const to = addDays(o.start, o.days - 1);
const cols = METRICS.join(', ');
const QUERIES: Array<[string, string]> = [
  ['impact / funnel / unsold: all kiosks, one year (product_day)', `SELECT day, product_id, ${cols} FROM analytics.product_day WHERE day BETWEEN '${addDays(to, -364)}' AND '${to}' ORDER BY day, product_id`],
  ['impact / funnel: all kiosks, 30 days', `SELECT day, product_id, ${cols} FROM analytics.product_day WHERE day BETWEEN '${addDays(to, -29)}' AND '${to}' ORDER BY day, product_id`],
  ['impact: one kiosk, one year (kiosk_day)', `SELECT day, product_id, sum(lifts)::bigint FROM analytics.kiosk_day WHERE kiosk_id = 'k0042' AND day BETWEEN '${addDays(to, -364)}' AND '${to}' GROUP BY day, product_id ORDER BY day, product_id`],
  ['impact: group purchases (unit_day), 90 days', `SELECT day, unit_id, name, kind, product_id, qty, fen FROM analytics.unit_day WHERE day BETWEEN '${addDays(to, -89)}' AND '${to}' ORDER BY day`],
  ['funnel: campaign lines (campaign_day), 90 days', `SELECT day, campaign_id, product_id FROM analytics.campaign_day WHERE day BETWEEN '${addDays(to, -89)}' AND '${to}' ORDER BY day`],
  ['unsold: stock on hand (stock)', 'SELECT product_id, sum(count)::bigint, count(*)::bigint FROM analytics.stock GROUP BY product_id'],
  ['rollup: next batch after the cursor', `SELECT id, kiosk_id, received_at, envelope FROM events WHERE received_at >= ${Date.parse(`${addDays(o.start, 100)}T00:00:00Z`)} AND received_at <= ${Date.parse(`${to}T00:00:00Z`)} AND (received_at, id) > (${Date.parse(`${addDays(o.start, 100)}T00:00:00Z`)}, '') ORDER BY received_at, id LIMIT 5000`],
];

const bin = findPgBin();
if (!bin) throw new Error('PostgreSQL is not installed');
const cluster = await startPgCluster(bin);
const dir = mkdtempSync(join(tmpdir(), 'dashboard-explain-'));
try {
  const store = await openPgStore(cluster.adminUrl);
  const c = new pg.Client({ connectionString: cluster.adminUrl });
  await c.connect();
  for (let at = Date.parse(`${o.start}T00:00:00Z`) - 86_400_000; at < Date.parse(`${to}T00:00:00Z`) + 40 * 86_400_000; at = monthOf(at).end) {
    const m = monthOf(at);
    await c.query(`CREATE TABLE IF NOT EXISTS ${m.name} PARTITION OF events FOR VALUES FROM (${m.start}) TO (${m.end})`);
  }
  const events = await loadGenerated(bin, cluster.adminUrl, o);
  const a = new AnalyticsService({ store, dataDir: dir, now: () => Date.parse(`${addDays(to, 3)}T00:00:00Z`) });
  await a.rollup({ batch: 20_000, settleMs: 0 });
  await c.query('VACUUM ANALYZE');
  const counts = (await c.query('SELECT (SELECT count(*) FROM analytics.kiosk_day) AS kiosk_day, (SELECT count(*) FROM analytics.product_day) AS product_day')).rows[0] as Record<string, string>;
  console.log(`${events} events from ${o.kiosks} kiosks over ${o.days} days; kiosk_day ${counts.kiosk_day} rows, product_day ${counts.product_day} rows\n`);
  for (const [title, sql] of QUERIES) {
    const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`)).rows.map((r) => r['QUERY PLAN']);
    console.log(`#### ${title}\n\`\`\`\n${plan.join('\n')}\n\`\`\`\n`);
  }
  await c.end();
  await store.close();
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
