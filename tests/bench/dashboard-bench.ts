/**
 * dashboard_query_ms_p95: a year of generated events (≥ 10 M from ≥ 1,000 simulated kiosks by
 * default; DASHBOARD_BENCH_KIOSKS / _DAYS / _MEAN shrink it for a trial run) loaded into a
 * throwaway PostgreSQL through the store's own table layout, folded by the analytics rollup,
 * then the dashboard's real report calls (impact, funnel, unsold warning; all kiosks over 7, 30,
 * 90 and 365 days, and one kiosk over a year) timed end to end. Skipped when PostgreSQL is not
 * installed. Run alone: `node --import tsx tests/bench/run.ts dashboard` (heavy: minutes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { demoManifestInput } from '../../content/build-demo.ts';
import { assembleManifest } from '../../content/build-package.ts';
import { AnalyticsService } from '../../platform/analytics/analytics-service.ts';
import { catalogueOf } from '../../platform/analytics/catalogue.ts';
import { addDays } from '../../platform/analytics/periods.ts';
import { DEFAULT_THRESHOLDS } from '../../platform/analytics/unsold.ts';
import { monthOf } from '../../platform/store/pg-partitions.ts';
import { openPgStore } from '../../platform/store/pg-store.ts';
import { findPgBin, startPgCluster } from '../support/pg-cluster.ts';
import { loadGenerated } from './dashboard-load.ts';
import { percentile, round, type Metric } from './stats.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const START = '2025-12-01';

async function createPartitions(url: string, from: string, days: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (let at = Date.parse(`${from}T00:00:00Z`) - 86_400_000; at < Date.parse(`${from}T00:00:00Z`) + (days + 40) * 86_400_000; ) {
    const m = monthOf(at);
    await c.query(`CREATE TABLE IF NOT EXISTS ${m.name} PARTITION OF events FOR VALUES FROM (${m.start}) TO (${m.end})`);
    at = m.end;
  }
  await c.query('VACUUM ANALYZE');
  await c.end();
}

/** The dashboard's report calls, 10 rounds: impact and funnel over 7/30/90/365 days, the unsold warning, one kiosk's year. */
async function timeCalls(a: AnalyticsService, to: string, kiosk: string): Promise<number[]> {
  const samples: number[] = [];
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  };
  for (let i = 0; i < 10; i++) {
    for (const days of [7, 30, 90, 365]) {
      const r = { from: addDays(to, -(days - 1)), to };
      await time(() => a.impact(r, days > 90 ? 'month' : 'week'));
      await time(() => a.funnel(r));
    }
    await time(() => a.unsold(to, DEFAULT_THRESHOLDS));
    await time(() => a.impact({ from: addDays(to, -364), to }, 'month', kiosk));
  }
  return samples;
}

export async function runDashboardBench(): Promise<Metric[]> {
  const bin = findPgBin();
  if (!bin) {
    process.stderr.write('dashboard bench skipped: PostgreSQL is not installed (apt-get install postgresql)\n');
    return [];
  }
  const o = { kiosks: env('DASHBOARD_BENCH_KIOSKS', 1000), days: env('DASHBOARD_BENCH_DAYS', 365), mean: env('DASHBOARD_BENCH_MEAN', 26), start: START, seed: 20261130 };
  // Loading speed is not what this bench measures: a fast (fsync off) throwaway cluster.
  const cluster = await startPgCluster(bin);
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-bench-'));
  try {
    const store = await openPgStore(cluster.adminUrl);
    await createPartitions(cluster.adminUrl, o.start, o.days);
    let t = performance.now();
    const events = await loadGenerated(bin, cluster.adminUrl, o);
    const loadS = (performance.now() - t) / 1000;
    process.stderr.write(`dashboard bench: loaded ${events} events from ${o.kiosks} kiosks in ${Math.round(loadS)} s\n`);
    const a = new AnalyticsService({ store, dataDir: dir, now: () => Date.parse(`${addDays(o.start, o.days + 2)}T00:00:00Z`) });
    const tables = await a.tables();
    await tables.saveCatalogue(catalogueOf(assembleManifest(demoManifestInput().input, demoManifestInput().mediaFiles)));
    t = performance.now();
    const run = await a.rollup({ batch: 20_000, settleMs: 0 });
    const rollupS = (performance.now() - t) / 1000;
    process.stderr.write(`dashboard bench: rolled up ${run.events} events in ${Math.round(rollupS)} s\n`);
    const c = new pg.Client({ connectionString: cluster.adminUrl });
    await c.connect();
    // Statistics for the analytics tables the dashboard reads (a VACUUM of 10 M raw events would take minutes and is not what is measured).
    for (const t of ['kiosk_day', 'product_day', 'campaign_day', 'unit_day', 'stock']) await c.query(`ANALYZE analytics.${t}`);
    const rows = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM analytics.kiosk_day')).rows[0]?.n);
    await c.end();
    const samples = await timeCalls(a, addDays(o.start, o.days - 1), 'k0042');
    await store.close();
    return [
      { name: 'dashboard_events', value: events, unit: 'events', goal: `≥ 10 M from ${o.kiosks} kiosks over ${o.days} days` },
      { name: 'dashboard_load_events_per_s', value: Math.round(events / loadS), unit: 'events/s', goal: 'psql COPY into the store tables' },
      { name: 'analytics_rollup_events_per_s', value: Math.round(run.events / rollupS), unit: 'events/s' },
      { name: 'analytics_kiosk_day_rows', value: rows, unit: 'rows' },
      { name: 'dashboard_query_ms_p50', value: round(percentile(samples, 50), 1), unit: 'ms' },
      { name: 'dashboard_query_ms_p95', value: round(percentile(samples, 95), 1), unit: 'ms', goal: '≤ 1000' },
    ];
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
