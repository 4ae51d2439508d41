import type pg from 'pg';
import type { ImportJobQueries, ImportJobRow } from './import-job-store.ts';

/** Import jobs on PostgreSQL. */
export function pgImportJobMethods(pool: pg.Pool): ImportJobQueries {
  return {
    putImportJob: async (r) =>
      void (await pool.query(
        `INSERT INTO import_jobs (id, state, format, created_by, created_at, updated_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, doc = excluded.doc`,
        [r.id, r.state, r.format, r.createdBy, r.createdAt, r.updatedAt, r.doc],
      )),
    getImportJob: async (id) => {
      const r = (await pool.query<ImportJobRow>('SELECT id, state, format, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt", doc FROM import_jobs WHERE id = $1', [id])).rows[0];
      return r ? { ...r, createdAt: Number(r.createdAt), updatedAt: Number(r.updatedAt) } : null;
    },
    moveImportJob: async (id, from, to, at) => ((await pool.query('UPDATE import_jobs SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4', [to, at, id, from])).rowCount ?? 0) === 1,
    pruneImportJobs: async (before) => void (await pool.query('DELETE FROM import_jobs WHERE created_at < $1', [before])),
    auditExists: async (action, target) => ((await pool.query('SELECT 1 FROM audit_log WHERE action = $1 AND target = $2 LIMIT 1', [action, target])).rowCount ?? 0) > 0,
  };
}
