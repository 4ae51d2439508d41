import type Database from 'better-sqlite3';
import { sqliteAccountMethods } from './sqlite-accounts.ts';
import { sqliteCatalogueMethods, sqliteTargetMethods } from './sqlite-catalogue.ts';
import { sqliteImportJobMethods } from './sqlite-import-jobs.ts';
import { openSqlite } from './sqlite-driver.ts';
import { sqliteFleetMethods } from './sqlite-fleet.ts';
import { migratePlatform } from './sqlite-schema.ts';
import { migrateOrdersSqlite, sqliteMoneyProjector, sqliteOrderMethods } from '../orders/sqlite-orders.ts';
import type {
  ConflictRecord,
  ContentVersionRecord,
  IncomingEvent,
  IngestOutcome,
  KioskRecord,
  PlatformStore,
  RedeemOutcome,
  RedeemRequest,
  StoredEventSummary,
  StreamRecord,
} from './platform-store.ts';

interface KioskRow {
  kiosk_id: string;
  install_id: string;
  name: string | null;
  token_hash: string;
  prev_token_hash: string | null;
  prev_valid_until: number | null;
  enrolled_at: number;
  last_contact: number | null;
  heartbeat: string | null;
  heartbeat_at: number | null;
}

function toKiosk(r: KioskRow): KioskRecord {
  return {
    kioskId: r.kiosk_id,
    installId: r.install_id,
    name: r.name,
    tokenHash: r.token_hash,
    prevTokenHash: r.prev_token_hash,
    prevValidUntil: r.prev_valid_until,
    enrolledAt: r.enrolled_at,
    lastContact: r.last_contact,
    heartbeat: r.heartbeat,
    heartbeatAt: r.heartbeat_at,
  };
}

/**
 * Opens the platform's SQLite store: WAL, synchronous=FULL because an acknowledged event
 * must survive a crash (the kiosk deletes its copy on our ack).
 */
export function openSqliteStore(file: string): PlatformStore {
  const db = openSqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migratePlatform(db);
  migrateOrdersSqlite(db);
  return asyncify({ ...kioskMethods(db), ...eventMethods(db), ...contentMethods(db), ...sqliteFleetMethods(db), ...sqliteOrderMethods(db), ...sqliteAccountMethods(db), ...sqliteCatalogueMethods(db), ...sqliteTargetMethods(db), ...sqliteImportJobMethods(db), database: () => ({ kind: 'sqlite' as const, db }), close: () => void db.close() });
}

type Asyncified<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : never };

/** better-sqlite3 is synchronous; the store interface is async so a PostgreSQL store fits it. */
function asyncify<T extends object>(sync: T): Asyncified<T> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(sync)) {
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((fn as (...a: unknown[]) => unknown)(...args));
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
  }
  return out as Asyncified<T>;
}

function kioskMethods(db: Database.Database) {
  const q = {
    addCode: db.prepare('INSERT INTO enrolment_codes (code_hash, expires_at, uses_left, kiosk_id) VALUES (?, ?, ?, ?)'),
    code: db.prepare('SELECT expires_at AS expiresAt, uses_left AS usesLeft, kiosk_id AS kioskId FROM enrolment_codes WHERE code_hash = ?'),
    useCode: db.prepare('UPDATE enrolment_codes SET uses_left = uses_left - 1 WHERE code_hash = ?'),
    redeemedAt: db.prepare('SELECT at FROM enrolment_redemptions WHERE code_hash = ? AND install_id = ?').pluck(),
    redeem: db.prepare('INSERT INTO enrolment_redemptions (code_hash, install_id, at) VALUES (?, ?, ?) ON CONFLICT (code_hash, install_id) DO UPDATE SET at = excluded.at'),
    byId: db.prepare('SELECT * FROM kiosks WHERE kiosk_id = ?'),
    byInstall: db.prepare('SELECT * FROM kiosks WHERE install_id = ?'),
    all: db.prepare('SELECT * FROM kiosks ORDER BY enrolled_at'),
    insert: db.prepare(
      'INSERT INTO kiosks (kiosk_id, install_id, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)',
    ),
    reenrol: db.prepare(
      'UPDATE kiosks SET name = COALESCE(?, name), token_hash = ?, prev_token_hash = NULL, prev_valid_until = NULL WHERE install_id = ?',
    ),
    rotate: db.prepare('UPDATE kiosks SET prev_token_hash = token_hash, prev_valid_until = ?, token_hash = ? WHERE kiosk_id = ?'),
    dropPrev: db.prepare('UPDATE kiosks SET prev_token_hash = NULL, prev_valid_until = NULL WHERE kiosk_id = ?'),
    touch: db.prepare('UPDATE kiosks SET last_contact = ? WHERE kiosk_id = ?'),
    heartbeat: db.prepare('UPDATE kiosks SET heartbeat = ?, heartbeat_at = ?, last_contact = ? WHERE kiosk_id = ?'),
  };
  const get = (stmt: Database.Statement, key: string) => {
    const row = stmt.get(key) as KioskRow | undefined;
    return row ? toKiosk(row) : null;
  };
  return {
    createEnrolmentCode: (codeHash: string, expiresAt: number, uses: number, kioskId: string | null) => void q.addCode.run(codeHash, expiresAt, uses, kioskId),
    redeemEnrolmentCode: (r: RedeemRequest): RedeemOutcome =>
      db.transaction((): RedeemOutcome => {
        const code = q.code.get(r.codeHash) as { expiresAt: number; usesLeft: number; kioskId: string | null } | undefined;
        if (!code) return 'unknown';
        const at = q.redeemedAt.get(r.codeHash, r.installId) as number | undefined;
        if (at !== undefined && at > r.now - r.retryWindowMs) return 'retry';
        if (code.expiresAt <= r.now || code.usesLeft <= 0) return 'unknown';
        if (code.kioskId !== null && code.kioskId !== r.existingKioskId) return 'wrong-kiosk';
        if (code.kioskId === null && r.existingKioskId !== null && !r.authenticated) return 'needs-token';
        q.useCode.run(r.codeHash);
        q.redeem.run(r.codeHash, r.installId, r.now);
        return 'ok';
      })(),
    upsertKiosk: (k: { kioskId: string; installId: string; name: string | null; tokenHash: string; now: number }) =>
      db.transaction(() => {
        if (get(q.byInstall, k.installId)) q.reenrol.run(k.name, k.tokenHash, k.installId);
        else q.insert.run(k.kioskId, k.installId, k.name, k.tokenHash, k.now);
        return get(q.byInstall, k.installId) as KioskRecord;
      })(),
    getKiosk: (kioskId: string) => get(q.byId, kioskId),
    getKioskByInstall: (installId: string) => get(q.byInstall, installId),
    listKiosks: () => (q.all.all() as KioskRow[]).map(toKiosk),
    rotateToken: (kioskId: string, newHash: string, prevValidUntil: number | null) => {
      // A null grace revokes the old token at once (admin rotation after a leak).
      if (prevValidUntil === null) db.transaction(() => { q.rotate.run(null, newHash, kioskId); q.dropPrev.run(kioskId); })();
      else q.rotate.run(prevValidUntil, newHash, kioskId);
    },
    dropPreviousToken: (kioskId: string) => void q.dropPrev.run(kioskId),
    touchKiosk: (kioskId: string, now: number) => void q.touch.run(now, kioskId),
    saveHeartbeat: (kioskId: string, json: string, now: number) => void q.heartbeat.run(json, now, now, kioskId),
  };
}

function eventMethods(db: Database.Database) {
  const q = {
    hashOf: db.prepare('SELECT hash FROM events WHERE id = ?').pluck(),
    seqOwner: db.prepare('SELECT hash FROM events WHERE stream_id = ? AND seq = ? LIMIT 1').pluck(),
    streamKiosk: db.prepare('SELECT kiosk_id FROM streams WHERE stream_id = ?').pluck(),
    insert: db.prepare(
      `INSERT INTO events (id, kiosk_id, stream_id, seq, type, v, device_time, received_at, hash, envelope)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    stream: db.prepare(
      `INSERT INTO streams (stream_id, kiosk_id, max_seq, distinct_seqs) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET max_seq = MAX(max_seq, excluded.max_seq), distinct_seqs = distinct_seqs + excluded.distinct_seqs`,
    ),
    conflict: db.prepare(
      `INSERT OR IGNORE INTO conflicts (event_id, kiosk_id, kind, stored_hash, received_hash, at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    count: db.prepare('SELECT COUNT(*) FROM events').pluck(),
    recent: db.prepare(
      `SELECT id, kiosk_id AS kioskId, type, stream_id AS streamId, seq, device_time AS deviceTime, received_at AS receivedAt, hash
       FROM events ORDER BY received_at DESC, seq DESC LIMIT ?`,
    ),
    hashes: db.prepare('SELECT id, hash FROM events'),
    conflicts: db.prepare(
      `SELECT event_id AS eventId, kiosk_id AS kioskId, kind, stored_hash AS storedHash, received_hash AS receivedHash, at
       FROM conflicts ORDER BY id DESC LIMIT ?`,
    ),
    streams: db.prepare(
      `SELECT stream_id AS streamId, kiosk_id AS kioskId, max_seq AS maxSeq, distinct_seqs AS count,
              max_seq - distinct_seqs AS missing FROM streams ORDER BY stream_id`,
    ),
  };

  // Money events are projected in the ingest transaction: a crash cannot split them.
  const projectMoney = sqliteMoneyProjector(db);

  function ingestOne(kioskId: string, e: IncomingEvent, now: number): IngestOutcome {
    // A stream is bound to the kiosk that first wrote it: another kiosk can neither add to it
    // nor raise alarms on its events.
    const streamOwner = q.streamKiosk.get(e.streamId) as string | undefined;
    if (streamOwner !== undefined && streamOwner !== kioskId) return { status: 'rejected', reason: 'stream belongs to another kiosk' };
    const stored = q.hashOf.get(e.id) as string | undefined;
    if (stored !== undefined) {
      if (stored === e.hash) return { status: 'duplicate' };
      q.conflict.run(e.id, kioskId, 'payload', stored, e.hash, now);
      return { status: 'conflict', storedHash: stored };
    }
    // A second id on the same (stream, seq) means a restored or cloned kiosk database: keep the
    // event (it is a real fact) but raise the alarm, and do not count the seq twice for gaps.
    const owner = q.seqOwner.get(e.streamId, e.seq) as string | undefined;
    q.insert.run(e.id, kioskId, e.streamId, e.seq, e.type, e.v, e.deviceTime, now, e.hash, e.json);
    if (owner !== undefined) q.conflict.run(e.id, kioskId, 'seq-reuse', owner, e.hash, now);
    q.stream.run(e.streamId, kioskId, e.seq, owner === undefined ? 1 : 0);
    projectMoney(kioskId, e, now);
    return { status: 'ok' };
  }

  const ingestAll = db.transaction((kioskId: string, events: IncomingEvent[], now: number) =>
    events.map((e) => ingestOne(kioskId, e, now)),
  );

  return {
    ingest: (kioskId: string, events: IncomingEvent[], now: number) => ingestAll(kioskId, events, now),
    countEvents: () => q.count.get() as number,
    recentEvents: (limit: number) => q.recent.all(limit) as StoredEventSummary[],
    eventHashes: () => new Map((q.hashes.all() as Array<{ id: string; hash: string }>).map((r) => [r.id, r.hash])),
    conflicts: (limit: number) => q.conflicts.all(limit) as ConflictRecord[],
    streams: () => q.streams.all() as StreamRecord[],
  };
}

function contentMethods(db: Database.Database) {
  const latest = db.prepare('SELECT version, published_at, key_id, media FROM content_versions ORDER BY version DESC LIMIT 1');
  const add = db.prepare('INSERT INTO content_versions (version, published_at, key_id, media) VALUES (?, ?, ?, ?)');
  return {
    latestContent: (): ContentVersionRecord | null => {
      const r = latest.get() as { version: number; published_at: number; key_id: string; media: string } | undefined;
      if (!r) return null;
      return { version: r.version, publishedAt: r.published_at, keyId: r.key_id, media: JSON.parse(r.media) as ContentVersionRecord['media'] };
    },
    addContentVersion: (rec: ContentVersionRecord) =>
      void add.run(rec.version, rec.publishedAt, rec.keyId, JSON.stringify(rec.media)),
  };
}
