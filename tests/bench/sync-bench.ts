/**
 * Sync benchmarks (issue 6):
 * - sync_backlog_7d_drain_s: a busy kiosk's week (200k events) pushed through the fault proxy
 *   at 150 ms round trip and 2 Mbit/s; goal ≤ 120 s.
 * - platform_ingest_sqlite_events_per_s: several kiosk pushers (child processes) at once, straight
 *   to the platform.
 * Run alone: `node --import tsx tests/bench/sync-bench.ts`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEventStore, newBootId, type EventClock } from '../../db/events.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { startPlatform } from '../../platform/server.ts';
import { startFaultProxy } from '../../platform/testing/fault-proxy.ts';
import { enrolKiosk } from '../../service/sync/enrol.ts';
import { createPusher } from '../../service/sync/pusher.ts';

export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
}

const ADMIN = 'bench-admin-token-0123456789abcdef';
const WEEK_MS = 7 * 24 * 3600_000;

/** Writes `n` events spread over the past week: 80 % lifts/puts, 10 % sales, 10 % health. */
export function fillWeek(db: Db, identity: { installId: string; streamId: string }, n: number): void {
  let t = Date.now() - WEEK_MS;
  const clock: EventClock = { now: () => new Date(t), monoMs: () => t % 86_400_000 };
  const events = createEventStore(db, { ...identity, bootId: newBootId(), clock });
  const step = WEEK_MS / n;
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      t += step;
      const slot = { slotId: `A${i % 12}`, boardId: 'shelf-A', channel: i % 12, productId: 'yongshun-berry-tea', priceFen: 3800, contentVersion: 3, planogramVersion: 2 };
      if (i % 10 === 0) events.append('sale.recorded', { saleId: `s-${i}`, productId: 'yongshun-berry-tea', quantity: 1, priceFen: 3800, totalFen: 3800, contentVersion: 3 });
      else if (i % 10 === 1) events.append('shelf.health', { boardId: 'shelf-A', state: 'connected' });
      else if (i % 2 === 0) events.append('shelf.lift', { ...slot, sessionId: `sess-${Math.floor(i / 2)}` });
      else events.append('shelf.put', { ...slot, sessionId: `sess-${Math.floor(i / 2)}`, dwellMs: 4200 });
    }
  })();
}

function pending(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM outbox WHERE dead_reason IS NULL').pluck().get() as number;
}

async function enrolOrThrow(url: string, installId: string) {
  const codeRes = await fetch(`${url}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: '{}' });
  const { code } = (await codeRes.json()) as { code: string };
  const r = await enrolKiosk({ baseUrl: url, code, installId });
  if (!r.ok) throw new Error(r.error.message);
  return { kioskId: r.value.kioskId, token: r.value.token };
}

/** Drains a 200k-event week through 150 ms RTT and 2 Mbit/s; returns seconds. */
export async function benchBacklogDrain(opts: { events?: number; batchSize?: number } = {}): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-bench-drain-'));
  const platform = await startPlatform({ dataDir: join(dir, 'platform'), adminToken: ADMIN });
  const proxy = await startFaultProxy({ target: platform.url, latencyMs: 150, bandwidthBytesPerS: 2_000_000 / 8 });
  const { db, identity } = openDatabase(join(dir, 'kiosk.sqlite'));
  try {
    fillWeek(db, identity, opts.events ?? 200_000);
    const creds = await enrolOrThrow(platform.url, identity.installId);
    const pusher = createPusher({ db, installId: identity.installId, baseUrl: proxy.url, getCredentials: () => Promise.resolve(creds), batchSize: opts.batchSize, idlePollMs: 20 });
    const started = performance.now();
    pusher.start();
    while (pending(db) > 0) await new Promise((r) => setTimeout(r, 100));
    const seconds = (performance.now() - started) / 1000;
    await pusher.stop();
    return seconds;
  } finally {
    db.close();
    await proxy.close();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Several kiosk pushers (child processes) against one platform; returns events stored per second. */
export async function benchIngest(opts: { kiosks?: number; eventsPerKiosk?: number } = {}): Promise<number> {
  const kiosks = opts.kiosks ?? 6;
  const perKiosk = opts.eventsPerKiosk ?? 20_000;
  const dir = mkdtempSync(join(tmpdir(), 'sync-bench-ingest-'));
  const platform = await startPlatform({ dataDir: join(dir, 'platform'), adminToken: ADMIN });
  const children: ChildProcess[] = [];
  try {
    for (let k = 0; k < kiosks; k++) {
      const file = join(dir, `kiosk-${k}.sqlite`);
      const { db, identity } = openDatabase(file);
      fillWeek(db, identity, perKiosk);
      db.close();
      writeFileSync(join(dir, `creds-${k}.json`), JSON.stringify(await enrolOrThrow(platform.url, identity.installId)));
    }
    const total = kiosks * perKiosk;
    for (let k = 0; k < kiosks; k++) {
      children.push(
        fork(join(import.meta.dirname, '../sync/pusher-child.ts'), [], {
          execArgv: ['--import', 'tsx'],
          env: { ...process.env, KIOSK_DB: join(dir, `kiosk-${k}.sqlite`), PLATFORM_URL: platform.url, CREDS_FILE: join(dir, `creds-${k}.json`), BATCH: '500' },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
    }
    // Time from the first stored event to the last, so child start-up does not count.
    let first: { at: number; count: number } | null = null;
    let count = 0;
    while (count < total) {
      await new Promise((r) => setTimeout(r, 25));
      count = await platform.deps.store.countEvents();
      if (!first && count > 0) first = { at: performance.now(), count };
    }
    const seconds = (performance.now() - (first?.at ?? 0)) / 1000;
    return (total - (first?.count ?? 0)) / seconds;
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSyncBench(): Promise<BenchMetric[]> {
  const drain = await benchBacklogDrain();
  const ingest = await benchIngest();
  return [
    { name: 'sync_backlog_7d_drain_s', value: Math.round(drain * 10) / 10, unit: 's' },
    { name: 'platform_ingest_sqlite_events_per_s', value: Math.round(ingest), unit: 'events/s' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSyncBench().then(
    (metrics) => console.log(JSON.stringify(metrics, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
