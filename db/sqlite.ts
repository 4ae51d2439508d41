import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 12 (node::ObjectWrap) aborts the process on Node 24 when a statement is
 * garbage-collected during teardown (`Assertion failed: (env) != nullptr` in
 * RemoveEnvironmentCleanupHook). better-sqlite3 13 moved to Node-API and fixes that, but its
 * prebuilt binaries crash on Node 20. So Node ≥ 24 loads 13 (installed under the alias
 * `better-sqlite3-napi`) and older Node loads 12. The API and its types are the same.
 */
const major = Number(process.versions.node.split('.')[0]);
const Driver = require(major >= 24 ? 'better-sqlite3-napi' : 'better-sqlite3') as typeof Database;

/** Opens (or creates) a SQLite database file with the driver that suits this Node. */
export function openSqlite(file: string, options?: Database.Options): Database.Database {
  return new Driver(file, options);
}
