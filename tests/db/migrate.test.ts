import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, checkIntegrity } from '../../db/open.ts';
import { migrate, DatabaseTooNewError, MigrationOrderError, type Migration } from '../../db/migrate.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-db-'));
  dirs.push(dir);
  return path.join(dir, 'kiosk.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migrations', () => {
  it('creates a WAL database with synchronous=FULL, user_version and min_reader_version', () => {
    const file = tempFile();
    const { db, identity } = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'min_reader_version'").pluck().get()).toBe('1');
    expect(identity.installId).toMatch(/^[0-9a-f-]{36}$/);
    expect(checkIntegrity(db)).toEqual([]);
    db.close();
  });

  it('keeps the same identity across reopen and runs nothing twice', () => {
    const file = tempFile();
    const first = openDatabase(file);
    first.db.close();
    const second = openDatabase(file);
    expect(second.identity).toEqual(first.identity);
    second.db.close();
  });

  it('opens a database a newer app migrated, unless its min_reader_version is above ours', () => {
    const file = tempFile();
    openDatabase(file).db.close();
    const newer: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'additive', minReaderVersion: 1, up: (d) => d.exec('CREATE TABLE extra (x INTEGER) STRICT') }];
    const db = openSqlite(file);
    migrate(db, newer);
    db.close();
    // Rolled back to the current app: still opens, because the additive migration kept min_reader_version at 1.
    openDatabase(file).db.close();

    const breaking: Migration[] = [...newer, { version: newer.length + 1, name: 'breaking', minReaderVersion: newer.length + 1, up: (d) => d.exec('CREATE TABLE extra2 (x INTEGER) STRICT') }];
    const db2 = openSqlite(file);
    migrate(db2, breaking);
    db2.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
  });

  it('rolls a failing migration back entirely', () => {
    const db = openSqlite(tempFile());
    const bad: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'fails', minReaderVersion: 1, up: (d) => { d.exec('CREATE TABLE half (x INTEGER) STRICT'); throw new Error('boom'); } }];
    expect(() => migrate(db, bad)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('half', 'events')").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses migrations out of order', () => {
    const db = openSqlite(':memory:');
    expect(() => migrate(db, [{ ...MIGRATIONS[0]!, version: 2 }])).toThrow(MigrationOrderError);
    db.close();
  });
});
