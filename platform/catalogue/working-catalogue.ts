import { z } from 'zod';
import { CampaignSchema, MediaRefSchema, ProductSchema, QrUrlBaseSchema, type Product } from '../../contract/content.ts';
import { LiveStreamSchema } from '../../contract/campaign-schedule.ts';
import { LocalizedTextSchema } from '../../contract/locale.ts';
import type { PlatformStore } from '../store/platform-store.ts';

/** Everything of a package but its products, version and signature: kept as one document. */
export const CatalogueMetaSchema = z.object({
  title: LocalizedTextSchema,
  orderUrlBase: QrUrlBaseSchema,
  traceUrlBase: QrUrlBaseSchema,
  campaigns: z.array(CampaignSchema),
  media: z.array(MediaRefSchema),
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
}

/** Reads the working catalogue; every stored row is parsed (a row the code cannot read is an error, not skipped). */
export async function loadCatalogue(store: PlatformStore): Promise<WorkingCatalogue> {
  const [revision, metaDoc, rows] = await Promise.all([store.catalogueRevision(), store.catalogueMeta(), store.catalogueProducts()]);
  const meta = metaDoc === null ? null : CatalogueMetaSchema.parse(JSON.parse(metaDoc));
  const products = new Map(rows.map((r) => [r.productId, ProductSchema.parse(JSON.parse(r.doc))]));
  return { revision, meta, products };
}
