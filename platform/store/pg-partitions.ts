import type { Pool } from 'pg';

/** Months created ahead of the one being written, so the first event of a month never waits on DDL. */
export const MONTHS_AHEAD = 2;
const PARTITION_LOCK = 0x6b696f74;

/** UTC month [start, end) in ms that holds `ms`, and its partition name (events_yYYYYmMM). */
export function monthOf(ms: number): { start: number; end: number; name: string } {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const start = Date.UTC(y, m, 1);
  const end = Date.UTC(y, m + 1, 1);
  return { start, end, name: `events_y${y}m${String(m + 1).padStart(2, '0')}` };
}

/**
 * Keeps monthly partitions of `events` ready. `ensure(now)` is cheap when `now` falls in a
 * month already covered (an in-memory check); otherwise it creates that month and the next
 * MONTHS_AHEAD under an advisory lock (several processes may cross a month boundary at once).
 * There is no DEFAULT partition on purpose: a row in it would block creating the month later.
 */
export function createPartitionKeeper(pool: Pool) {
  const covered = new Set<string>();
  async function create(ms: number): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      let at = ms;
      for (let i = 0; i <= MONTHS_AHEAD; i++) {
        const m = monthOf(at);
        // Names and bounds are computed from numbers here, never from input.
        await client.query(`CREATE TABLE IF NOT EXISTS ${m.name} PARTITION OF events FOR VALUES FROM (${m.start}) TO (${m.end})`);
        covered.add(m.name);
        at = m.end;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }
  return {
    ensure: async (now: number): Promise<void> => {
      if (!covered.has(monthOf(now).name)) await create(now);
    },
    /** Partitions that exist, oldest first (for docs and tests). */
    list: async (): Promise<string[]> => {
      const r = await pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events' ORDER BY c.relname`,
      );
      return r.rows.map((x) => x.name);
    },
  };
}
