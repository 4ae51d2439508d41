/**
 * platform_ingest_events_per_s: 60 simulated kiosks, each on its own keep-alive connection,
 * push gzip batches of their real event envelopes (written by the kiosk's own event store) to
 * two platform processes (child processes, `platform/main.ts`) sharing one PostgreSQL; events
 * stored per second from the first push to the last acknowledgement. The bodies are built and
 * compressed before the clock starts, so the figure is the platforms' and the database's.
 * The cluster is durable (fsync and synchronous commit on, PostgreSQL's defaults). Skipped, with a message, when PostgreSQL is not installed.
 * Run alone: `node --import tsx tests/bench/run.ts platform-pg`.
 */
import { request, Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { rowToEnvelope, type EventRow } from '../../db/events.ts';
import { openDatabase } from '../../db/open.ts';
import { enrolKiosk } from '../../service/sync/enrol.ts';
import { findPgBin, startPgCluster } from '../support/pg-cluster.ts';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import type { Metric } from './stats.ts';
import { fillWeek } from './sync-bench.ts';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const KIOSKS = 60;
const EVENTS_PER_KIOSK = 2_000;
const BATCH = 250;

function post(url: URL, agent: Agent, auth: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: auth, 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface SimKiosk { auth: string; target: string; batches: Buffer[] }

async function prepareKiosks(dir: string, targets: string[]): Promise<SimKiosk[]> {
  const out: SimKiosk[] = [];
  // One enrolment code for every simulated kiosk (the admin token is no enrolment code).
  const codeRes = await fetch(`${targets[0] ?? ''}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ uses: KIOSKS, ttlMinutes: 60 }) });
  if (codeRes.status !== 200) throw new Error(`enrolment code: HTTP ${codeRes.status} ${await codeRes.text()}`);
  const { code } = (await codeRes.json()) as { code: string };
  for (let k = 0; k < KIOSKS; k++) {
    const { db, identity } = openDatabase(join(dir, `kiosk-${k}.sqlite`));
    fillWeek(db, identity, EVENTS_PER_KIOSK);
    const envelopes = (db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[]).map((r) => rowToEnvelope(r, identity.installId));
    db.close();
    const target = targets[k % targets.length] ?? '';
    const r = await enrolKiosk({ baseUrl: target, code, installId: identity.installId });
    if (!r.ok) throw new Error(r.error.message);
    const batches: Buffer[] = [];
    for (let i = 0; i < envelopes.length; i += BATCH) batches.push(gzipSync(JSON.stringify({ events: envelopes.slice(i, i + BATCH) })));
    out.push({ auth: `Bearer ${r.value.kioskId}:${r.value.token}`, target, batches });
  }
  return out;
}

async function runKiosk(k: SimKiosk): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/v1/events', k.target);
  try {
    for (const body of k.batches) {
      // Like the pusher: anything but 200 is retried (the batch is idempotent).
      for (let attempt = 0; ; attempt++) {
        const status = await post(url, agent, k.auth, body);
        if (status === 200) break;
        if (attempt > 20) throw new Error(`push answered ${status}`);
      }
    }
  } finally {
    agent.destroy();
  }
}

export async function runPlatformPgBench(): Promise<Metric[]> {
  const bin = findPgBin();
  if (!bin) {
    process.stderr.write('platform-pg bench skipped: PostgreSQL is not installed (apt-get install postgresql)\n');
    return [];
  }
  const cluster = await startPgCluster(bin, { durable: true });
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-'));
  const platforms: PlatformProcess[] = [];
  try {
    // Every simulated kiosk connects from 127.0.0.1: lift the per-address limit (real kiosks come
    // from many addresses) so the figure is the store's, not the rate limiter's.
    const env = { PLATFORM_DATABASE_URL: cluster.adminUrl, PLATFORM_DATA_DIR: join(dir, 'platform'), PLATFORM_ADMIN_TOKEN: ADMIN, PLATFORM_LIMIT_PER_IP_PER_MIN: '10000000', PLATFORM_LIMIT_PER_KIOSK_PER_MIN: '10000000', PLATFORM_LIMIT_EVENTS_PER_KIOSK_PER_HOUR: '100000000' };
    platforms.push(await startPlatformProcess(env));
    platforms.push(await startPlatformProcess(env));
    const kiosks = await prepareKiosks(dir, platforms.map((p) => p.url));
    const client = new pg.Client({ connectionString: cluster.adminUrl });
    await client.connect();
    const size = async () => Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]?.n);
    const before = await size();
    const started = performance.now();
    await Promise.all(kiosks.map(runKiosk));
    const seconds = (performance.now() - started) / 1000;
    const stored = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n);
    await client.query('CHECKPOINT');
    const bytes = (await size()) - before;
    await client.end();
    const total = KIOSKS * EVENTS_PER_KIOSK;
    if (stored !== total) throw new Error(`stored ${stored} events, expected ${total}`);
    return [
      { name: 'platform_ingest_events_per_s', value: Math.round(total / seconds), unit: 'events/s', goal: `${KIOSKS} kiosk connections, 2 processes, PostgreSQL` },
      { name: 'platform_pg_bytes_per_event', value: Math.round(bytes / total), unit: 'bytes', goal: 'all tables and indexes' },
    ];
  } finally {
    await Promise.all(platforms.map((p) => p.stop()));
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
