import { createHash } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** True in the vitest `pg` project: the platform tests run against PostgreSQL there. */
export function usesPostgres(): boolean {
  return process.env.PLATFORM_TEST_STORE === 'pg';
}

/**
 * A database on the run's cluster for one platform data directory: the same directory gets
 * the same database, so a platform restarted on it finds its data, as with SQLite.
 */
export async function databaseFor(dataDir: string): Promise<string> {
  const admin = inject('pgAdminUrl');
  const name = `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 20)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // already exists
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
