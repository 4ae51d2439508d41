import type Database from 'better-sqlite3';
import type { ImportJobQueries, ImportJobRow } from './import-job-store.ts';

type Sync<T> = { [K in keyof T]: T[K] extends (...a: infer A) => Promise<infer R> ? (...a: A) => R : never };

/** Import jobs on the embedded store (table from the import-jobs migration). */
export function sqliteImportJobMethods(db: Database.Database): Sync<ImportJobQueries> {
  const q = {
    put: db.prepare(
      `INSERT INTO import_jobs (id, state, format, created_by, created_at, updated_at, doc) VALUES (@id, @state, @format, @createdBy, @createdAt, @updatedAt, @doc)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, doc = excluded.doc`,
    ),
    get: db.prepare('SELECT id, state, format, created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt, doc FROM import_jobs WHERE id = ?'),
    move: db.prepare('UPDATE import_jobs SET state = ?, updated_at = ? WHERE id = ? AND state = ?'),
    prune: db.prepare('DELETE FROM import_jobs WHERE created_at < ?'),
    audit: db.prepare('SELECT 1 FROM audit_log WHERE action = ? AND target = ? LIMIT 1').pluck(),
  };
  return {
    putImportJob: (row: ImportJobRow) => void q.put.run(row),
    getImportJob: (id: string) => (q.get.get(id) as ImportJobRow | undefined) ?? null,
    moveImportJob: (id: string, from: string, to: string, at: number) => q.move.run(to, at, id, from).changes === 1,
    pruneImportJobs: (before: number) => void q.prune.run(before),
    auditExists: (action: string, target: string) => q.audit.get(action, target) !== undefined,
  };
}
