import type Database from 'better-sqlite3';
import type { ApplyProbe, CatalogueChange, CatalogueProductRow, CatalogueRecordRow, PublishTarget } from './catalogue-store.ts';
import type { ContentVersionRecord } from './platform-store.ts';

/** The working catalogue on the embedded store (tables from migration 4). */
export function sqliteCatalogueMethods(db: Database.Database) {
  const q = {
    revision: db.prepare('SELECT revision FROM catalogue_meta WHERE id = 1').pluck(),
    meta: db.prepare('SELECT doc FROM catalogue_meta WHERE id = 1').pluck(),
    products: db.prepare('SELECT product_id AS productId, doc FROM catalogue_products ORDER BY product_id'),
    upsert: db.prepare(
      `INSERT INTO catalogue_products (product_id, doc, updated_revision) VALUES (?, ?, ?)
       ON CONFLICT (product_id) DO UPDATE SET doc = excluded.doc, updated_revision = excluded.updated_revision`,
    ),
    deleteProduct: db.prepare('DELETE FROM catalogue_products WHERE product_id = ?'),
    records: db.prepare('SELECT kind, id, doc FROM catalogue_records ORDER BY kind, id'),
    upsertRecord: db.prepare(
      `INSERT INTO catalogue_records (kind, id, doc, updated_revision) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc, updated_revision = excluded.updated_revision`,
    ),
    deleteRecord: db.prepare('DELETE FROM catalogue_records WHERE kind = ? AND id = ?'),
    setMeta: db.prepare(
      `INSERT INTO catalogue_meta (id, doc, revision) VALUES (1, COALESCE(?, 'null'), ?)
       ON CONFLICT (id) DO UPDATE SET doc = COALESCE(?, doc), revision = excluded.revision`,
    ),
    audit: db.prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)'),
  };
  const revision = () => (q.revision.get() as number | undefined) ?? 0;
  return {
    catalogueRevision: revision,
    catalogueMeta: () => {
      const doc = q.meta.get() as string | undefined;
      return doc === undefined || doc === 'null' ? null : doc;
    },
    catalogueProducts: () => q.products.all() as CatalogueProductRow[],
    catalogueRecords: () => q.records.all() as CatalogueRecordRow[],
    // IMMEDIATE: the revision check and the writes hold the write lock together.
    applyCatalogue: (change: CatalogueChange, probe?: ApplyProbe): 'ok' | 'stale' =>
      db.transaction((): 'ok' | 'stale' => {
        const current = revision();
        if (current !== change.expectedRevision) return 'stale';
        const next = current + 1;
        change.products.forEach((p, i) => {
          q.upsert.run(p.productId, p.doc, next);
          probe?.(i);
        });
        for (const r of change.records ?? []) q.upsertRecord.run(r.kind, r.id, r.doc, next);
        for (const id of change.deleteProducts ?? []) q.deleteProduct.run(id);
        for (const r of change.deleteRecords ?? []) q.deleteRecord.run(r.kind, r.id);
        const meta = change.meta ?? null;
        q.setMeta.run(meta, next, meta);
        for (const a of change.audit) q.audit.run(a.at, a.actor, a.action, a.target, a.detail);
        return 'ok';
      }).immediate(),
  };
}

const FOR_KIOSK = `SELECT v.version, v.published_at, v.key_id, v.media FROM content_versions v
  LEFT JOIN content_targets t ON t.version = v.version
  WHERE t.version IS NULL OR t.kind = 'all' OR (t.kind = 'kiosk' AND t.value = ?)
     OR (t.kind = 'group' AND t.value IN (SELECT group_name FROM kiosk_groups WHERE kiosk_id = ?))
  ORDER BY v.version DESC LIMIT 1`;

/** Publish targets and kiosk groups on the embedded store. */
export function sqliteTargetMethods(db: Database.Database) {
  const q = {
    target: db.prepare('INSERT INTO content_targets (version, kind, value) VALUES (?, ?, ?) ON CONFLICT (version) DO UPDATE SET kind = excluded.kind, value = excluded.value'),
    forKiosk: db.prepare(FOR_KIOSK),
    clearGroups: db.prepare('DELETE FROM kiosk_groups WHERE kiosk_id = ?'),
    addGroup: db.prepare('INSERT OR IGNORE INTO kiosk_groups (kiosk_id, group_name) VALUES (?, ?)'),
    groups: db.prepare('SELECT group_name FROM kiosk_groups WHERE kiosk_id = ? ORDER BY group_name').pluck(),
  };
  return {
    setContentTarget: (version: number, t: PublishTarget) => void q.target.run(version, t.kind, t.kind === 'group' ? t.group : t.kind === 'kiosk' ? t.kioskId : null),
    latestContentFor: (kioskId: string): ContentVersionRecord | null => {
      const r = q.forKiosk.get(kioskId, kioskId) as { version: number; published_at: number; key_id: string; media: string } | undefined;
      return r ? { version: r.version, publishedAt: r.published_at, keyId: r.key_id, media: JSON.parse(r.media) as ContentVersionRecord['media'] } : null;
    },
    setKioskGroups: (kioskId: string, groups: string[]) =>
      db.transaction(() => {
        q.clearGroups.run(kioskId);
        for (const g of groups) q.addGroup.run(kioskId, g);
      })(),
    kioskGroups: (kioskId: string) => q.groups.all(kioskId) as string[],
  };
}
