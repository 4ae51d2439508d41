import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** The lowest app schema version that can still read a database after this migration. */
  minReaderVersion: number;
  up(db: Database.Database): void;
}

/** Thrown when the database was written by a newer app that older apps must not read. */
export class DatabaseTooNewError extends Error {
  override name = 'DatabaseTooNewError';
  constructor(
    readonly minReaderVersion: number,
    readonly appVersion: number,
  ) {
    super(`database needs an app that reads schema ${minReaderVersion}; this app reads up to ${appVersion}`);
  }
}

export class MigrationOrderError extends Error {
  override name = 'MigrationOrderError';
}

function readMinReader(db: Database.Database): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return 0;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'min_reader_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/**
 * Runs pending migrations in one transaction and records `user_version` and
 * `min_reader_version`. Refuses a database only when its min_reader_version is above what
 * this app knows, so a rolled-back app still opens a database a newer app migrated.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationOrderError(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const appVersion = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  const minReader = readMinReader(db);
  if (minReader > appVersion) throw new DatabaseTooNewError(minReader, appVersion);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  db.transaction(() => {
    for (const m of pending) m.up(db);
    const newMin = Math.max(minReader, ...pending.map((m) => m.minReaderVersion));
    db.prepare("INSERT INTO meta (key, value) VALUES ('min_reader_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(newMin));
    db.pragma(`user_version = ${Math.max(current, appVersion)}`);
  })();
  return { from: current, to: appVersion };
}
