import { z } from 'zod';
import { batchKey, BatchSchema, MediaAssetSchema, PairingSchema, ProducerSchema, type Batch, type Pairing, type Producer } from '../../contract/authoring.ts';
import { CampaignSchema, ProductSchema, QrUrlBaseSchema, type Product } from '../../contract/content.ts';
import { LiveStreamSchema } from '../../contract/campaign-schedule.ts';
import { LocalizedTextSchema } from '../../contract/locale.ts';
import type { CatalogueRecordRow } from '../store/catalogue-store.ts';
import type { PlatformStore } from '../store/platform-store.ts';

/** Everything of a package but its products, version and signature: kept as one document. */
export const CatalogueMetaSchema = z.object({
  title: LocalizedTextSchema,
  orderUrlBase: QrUrlBaseSchema,
  traceUrlBase: QrUrlBaseSchema,
  campaigns: z.array(CampaignSchema),
  /** Every media file the platform holds for the catalogue: uploads with their renditions, and seeded media. */
  media: z.array(MediaAssetSchema),
  /** Live-stream slots announced on the attract screens of their zones. */
  liveStreams: z.array(LiveStreamSchema).default([]),
  /** The package version the catalogue was seeded from: the next publish goes above it. */
  baseVersion: z.number().int().nonnegative(),
});
export type CatalogueMeta = z.infer<typeof CatalogueMetaSchema>;

export interface WorkingCatalogue {
  revision: number;
  meta: CatalogueMeta | null;
  products: Map<string, Product>;
  producers: Map<string, Producer>;
  pairings: Map<string, Pairing>;
  /** By `batchKey()` (`<productId>/<code>`). */
  batches: Map<string, Batch>;
}

function recordsOf<T>(rows: readonly CatalogueRecordRow[], kind: CatalogueRecordRow['kind'], schema: z.ZodType<T>, key: (r: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const row of rows) {
    if (row.kind !== kind) continue;
    const record = schema.parse(JSON.parse(row.doc));
    out.set(key(record), record);
  }
  return out;
}

/**
 * Reads the working catalogue; every stored row is parsed (a row the code cannot read is an error, not skipped).
 * The revision is read first: rows read after it are as new or newer, so a change computed from them and
 * quoting that revision is refused as stale rather than applied over rows it never saw.
 */
export async function loadCatalogue(store: PlatformStore): Promise<WorkingCatalogue> {
  const revision = await store.catalogueRevision();
  const [metaDoc, rows, records] = await Promise.all([store.catalogueMeta(), store.catalogueProducts(), store.catalogueRecords()]);
  const meta = metaDoc === null ? null : CatalogueMetaSchema.parse(JSON.parse(metaDoc));
  const products = new Map(rows.map((r) => [r.productId, ProductSchema.parse(JSON.parse(r.doc))]));
  return {
    revision,
    meta,
    products,
    producers: recordsOf(records, 'producer', ProducerSchema, (r) => r.id),
    pairings: recordsOf(records, 'pairing', PairingSchema, (r) => r.id),
    batches: recordsOf(records, 'batch', BatchSchema, batchKey),
  };
}
