import type pg from 'pg';
import type { CatalogueProductRow, CatalogueQueries, CatalogueRecordRow, TargetQueries } from './catalogue-store.ts';
import type { ContentVersionRecord } from './platform-store.ts';

type Transaction = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;

/** The working catalogue on PostgreSQL (tables from migration 4). */
export function pgCatalogueMethods(pool: pg.Pool, transaction: Transaction): CatalogueQueries {
  const revision = async (c: pg.Pool | pg.PoolClient, lock = false) =>
    Number((await c.query<{ revision: number }>(`SELECT revision FROM catalogue_meta WHERE id = 1${lock ? ' FOR UPDATE' : ''}`)).rows[0]?.revision ?? 0);
  return {
    catalogueRevision: () => revision(pool),
    catalogueMeta: async () => {
      const doc = (await pool.query<{ doc: string }>('SELECT doc FROM catalogue_meta WHERE id = 1')).rows[0]?.doc;
      return doc === undefined || doc === 'null' ? null : doc;
    },
    catalogueProducts: async () => (await pool.query<CatalogueProductRow>('SELECT product_id AS "productId", doc FROM catalogue_products ORDER BY product_id')).rows,
    catalogueRecords: async () => (await pool.query<CatalogueRecordRow>('SELECT kind, id, doc FROM catalogue_records ORDER BY kind, id')).rows,
    applyCatalogue: (change, probe) =>
      transaction(async (c) => {
        // The meta row is the lock every change takes first: concurrent applies serialise on it.
        await c.query(`INSERT INTO catalogue_meta (id, doc, revision) VALUES (1, 'null', 0) ON CONFLICT (id) DO NOTHING`);
        const current = await revision(c, true);
        if (current !== change.expectedRevision) return 'stale' as const;
        const next = current + 1;
        for (const [i, p] of change.products.entries()) {
          await c.query(
            `INSERT INTO catalogue_products (product_id, doc, updated_revision) VALUES ($1, $2, $3)
             ON CONFLICT (product_id) DO UPDATE SET doc = excluded.doc, updated_revision = excluded.updated_revision`,
            [p.productId, p.doc, next],
          );
          probe?.(i);
        }
        for (const r of change.records ?? []) {
          await c.query(
            `INSERT INTO catalogue_records (kind, id, doc, updated_revision) VALUES ($1, $2, $3, $4)
             ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc, updated_revision = excluded.updated_revision`,
            [r.kind, r.id, r.doc, next],
          );
        }
        for (const id of change.deleteProducts ?? []) await c.query('DELETE FROM catalogue_products WHERE product_id = $1', [id]);
        for (const r of change.deleteRecords ?? []) await c.query('DELETE FROM catalogue_records WHERE kind = $1 AND id = $2', [r.kind, r.id]);
        await c.query('UPDATE catalogue_meta SET doc = COALESCE($1, doc), revision = $2 WHERE id = 1', [change.meta ?? null, next]);
        for (const a of change.audit) await c.query('INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [a.at, a.actor, a.action, a.target, a.detail]);
        return 'ok' as const;
      }),
  };
}

/** Publish targets and kiosk groups on PostgreSQL. */
export function pgTargetMethods(pool: pg.Pool, transaction: Transaction): TargetQueries {
  return {
    setContentTarget: async (version, t) =>
      void (await pool.query('INSERT INTO content_targets (version, kind, value) VALUES ($1, $2, $3) ON CONFLICT (version) DO UPDATE SET kind = excluded.kind, value = excluded.value', [
        version, t.kind, t.kind === 'group' ? t.group : t.kind === 'kiosk' ? t.kioskId : null,
      ])),
    latestContentFor: async (kioskId) =>
      (await pool.query<ContentVersionRecord>(
        `SELECT v.version, v.published_at AS "publishedAt", v.key_id AS "keyId", v.media FROM content_versions v
         LEFT JOIN content_targets t ON t.version = v.version
         WHERE t.version IS NULL OR t.kind = 'all' OR (t.kind = 'kiosk' AND t.value = $1)
            OR (t.kind = 'group' AND t.value IN (SELECT group_name FROM kiosk_groups WHERE kiosk_id = $1))
         ORDER BY v.version DESC LIMIT 1`,
        [kioskId],
      )).rows[0] ?? null,
    setKioskGroups: (kioskId, groups) =>
      transaction(async (c) => {
        await c.query('DELETE FROM kiosk_groups WHERE kiosk_id = $1', [kioskId]);
        for (const g of groups) await c.query('INSERT INTO kiosk_groups (kiosk_id, group_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [kioskId, g]);
      }),
    kioskGroups: async (kioskId) => (await pool.query<{ g: string }>('SELECT group_name AS g FROM kiosk_groups WHERE kiosk_id = $1 ORDER BY group_name', [kioskId])).rows.map((r) => r.g),
  };
}
