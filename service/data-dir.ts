import fs from 'node:fs';

/**
 * The data directory holds the database (sales, the platform token), logs and exports: only the
 * kiosk's own account may read it. Directories 0700, files 0600 (docs/security.md). Existing
 * installs are tightened at start too.
 */
export function secureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** Makes existing files owner-only; absent ones are skipped. */
export function restrictFiles(...files: string[]): void {
  for (const file of files) {
    try {
      fs.chmodSync(file, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/**
 * Creates an SQLite file owner-only before SQLite opens it: SQLite gives its -wal and -shm
 * files the database file's permissions, so they are born 0600 too.
 */
export function prepareDatabaseFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  restrictFiles(file, `${file}-wal`, `${file}-shm`);
}
