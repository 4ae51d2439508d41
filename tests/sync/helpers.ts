import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, type KioskCredentials } from '../../contract/sync.ts';
import { createEventStore, newBootId, rowToEnvelope, systemClock, type EventRow, type EventStore } from '../../db/events.ts';
import { openDatabase, type Db, type DbIdentity } from '../../db/open.ts';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../../platform/server.ts';
import { enrolKiosk } from '../../service/sync/enrol.ts';
import { databaseFor, usesPostgres } from '../support/pg-database.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A platform on SQLite in dataDir, or on PostgreSQL when the suite runs in the vitest `pg` project. */
export async function startTestPlatform(dataDir: string, extra: Partial<PlatformOptions> = {}): Promise<RunningPlatform> {
  const db = usesPostgres() && !extra.store ? { databaseUrl: await databaseFor(dataDir) } : {};
  return startPlatform({ dataDir, adminToken: ADMIN_TOKEN, ...db, ...extra });
}

export interface TestKiosk {
  db: Db;
  identity: DbIdentity;
  events: EventStore;
  file: string;
}

export function openKiosk(file: string): TestKiosk {
  const { db, identity } = openDatabase(file);
  return { db, identity, file, events: createEventStore(db, { ...identity, bootId: newBootId(), clock: systemClock }) };
}

let saleCounter = 0;

/** Appends `n` events of mixed priority (sales, health, lifts) in one transaction. */
export function produce(k: TestKiosk, n: number): void {
  k.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const kind = i % 10;
      if (kind === 0) {
        saleCounter++;
        k.events.append('sale.recorded', { saleId: `s-${saleCounter}-${i}`, productId: 'yongshun-berry-tea', quantity: 1, priceFen: 3800, totalFen: 3800, contentVersion: 1 });
      } else if (kind === 1) {
        k.events.append('shelf.health', { boardId: 'node-1', state: 'connected' });
      } else {
        k.events.append('shelf.lift', { slotId: `A${kind}`, boardId: 'node-1', channel: kind, productId: 'dongyuan-rice', priceFen: 5600, contentVersion: 1, planogramVersion: 3, sessionId: `sess-${i}` });
      }
    }
    // IMMEDIATE: another process (the pusher child) writes this database too.
  }).immediate();
}

/** A fresh single-use enrolment code from the platform's admin API. */
export async function enrolmentCode(baseUrl: string, kioskId?: string): Promise<string> {
  const path = kioskId === undefined ? '/v1/admin/enrolment-codes' : `/v1/admin/kiosks/${kioskId}/enrolment-code`;
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
  if (res.status !== 200) throw new Error(`enrolment code: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

/** Enrols installId with a fresh code (re-enrolment of a known installId sends `current`). */
export async function enrol(baseUrl: string, installId: string, current?: KioskCredentials): Promise<KioskCredentials> {
  const r = await enrolKiosk({ baseUrl, code: await enrolmentCode(baseUrl), installId, name: 'test kiosk', credentials: current ?? null });
  if (!r.ok) throw new Error(`enrol failed: ${r.error.message}`);
  return { kioskId: r.value.kioskId, token: r.value.token };
}

/** sha256 of canonical JSON per event id, as the kiosk holds them. */
export function kioskHashes(k: TestKiosk): Map<string, string> {
  const rows = k.db.prepare('SELECT * FROM events').all() as EventRow[];
  return new Map(rows.map((r) => [r.id, createHash('sha256').update(canonicalJson(rowToEnvelope(r, k.identity.installId))).digest('hex')]));
}

export function pendingCount(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM outbox WHERE dead_reason IS NULL').pluck().get() as number;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
