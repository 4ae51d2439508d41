import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite.ts';
import { randomUUID } from 'node:crypto';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

/** Identity of this database: installId is random per install, streamId per database creation. */
export interface DbIdentity {
  installId: string;
  streamId: string;
}

/**
 * Opens (creating if needed) the kiosk database: WAL, synchronous=FULL so a committed sale
 * survives a power cut, foreign keys on, migrations applied.
 */
export function openDatabase(file: string): { db: Db; identity: DbIdentity } {
  const db = openSqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, MIGRATIONS);
  return { db, identity: ensureIdentity(db) };
}

function ensureIdentity(db: Db): DbIdentity {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?');
  const put = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  return db.transaction(() => {
    put.run('install_id', randomUUID());
    put.run('stream_id', randomUUID());
    const installId = (get.get('install_id') as { value: string }).value;
    const streamId = (get.get('stream_id') as { value: string }).value;
    return { installId, streamId };
  })();
}

/** Runs `PRAGMA quick_check`; returns the problems found (empty when healthy). */
export function checkIntegrity(db: Db): string[] {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
}
