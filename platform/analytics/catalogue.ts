import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentManifestSchema, type ContentManifest } from '../../contract/content.ts';

/** What the analytics know of a product: taken from a published content package and kept (snapshotted) with its version. */
export interface ProductDim {
  productId: string;
  name: string;
  county: string;
  township: string | null;
  producer: string | null;
  /** The paired-assistance relation (e.g. "盐田区 → 河源市东源县"); null: not an assistance product. */
  pairing: string | null;
  /** Households the content says the story helps (content's own figure; not attributable to one sale). */
  households: number | null;
  /** Harvest month 1–12 when the content gives one ("2024年10月"). */
  harvestMonth: number | null;
  contentVersion: number;
}

export interface CampaignDim {
  campaignId: string;
  title: string;
  featuredProductIds: string[];
  startsAt: string | null;
  endsAt: string | null;
}

export interface CatalogueSnapshot {
  contentVersion: number;
  products: ProductDim[];
  campaigns: CampaignDim[];
}

export const EMPTY_CATALOGUE: CatalogueSnapshot = { contentVersion: 0, products: [], campaigns: [] };

function harvestMonth(text: string | undefined): number | null {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text ?? '');
  const month = m ? Number(m[2]) : NaN;
  return month >= 1 && month <= 12 ? month : null;
}

/** "盐田区 → 河源市东源县 · 对口扶贫" → "盐田区 → 河源市东源县" (the relation, without the kind of help). */
export function pairingRelation(text: string): string {
  return (text.split(' · ')[0] ?? text).trim();
}

/** The mapping one manifest gives. */
export function catalogueOf(m: ContentManifest): CatalogueSnapshot {
  return {
    contentVersion: m.version,
    products: m.products.map((p) => ({
      productId: p.id,
      name: p.name['zh-CN'],
      county: p.origin.county['zh-CN'],
      township: p.origin.township?.['zh-CN'] ?? null,
      producer: p.origin.producer?.['zh-CN'] ?? null,
      pairing: p.story.pairing['zh-CN'].trim() === '' ? null : pairingRelation(p.story.pairing['zh-CN']),
      households: p.story.householdsHelped ?? null,
      harvestMonth: harvestMonth(p.origin.harvest?.['zh-CN']),
      contentVersion: m.version,
    })),
    campaigns: m.campaigns.map((c) => ({
      campaignId: c.id,
      title: c.title['zh-CN'],
      featuredProductIds: c.featuredProductIds,
      startsAt: c.startsAt ?? null,
      endsAt: c.endsAt ?? null,
    })),
  };
}

/**
 * A newer snapshot keeps the products and campaigns older content had and the new one
 * dropped: sales recorded under them must still be attributed to their county.
 */
export function mergeCatalogue(older: CatalogueSnapshot, newer: CatalogueSnapshot): CatalogueSnapshot {
  const products = new Map(older.products.map((p) => [p.productId, p]));
  for (const p of newer.products) products.set(p.productId, p);
  const campaigns = new Map(older.campaigns.map((c) => [c.campaignId, c]));
  for (const c of newer.campaigns) campaigns.set(c.campaignId, c);
  return { contentVersion: newer.contentVersion, products: [...products.values()], campaigns: [...campaigns.values()] };
}

/** Reads a published manifest (platform/content/publish.ts stores them under dataDir/content/<version>/). */
export async function readPublishedCatalogue(dataDir: string, version: number): Promise<CatalogueSnapshot | null> {
  const bytes = await readFile(join(dataDir, 'content', String(version), 'manifest.json'), 'utf8').catch(() => null);
  if (bytes === null) return null;
  const parsed = ContentManifestSchema.safeParse(JSON.parse(bytes));
  return parsed.success ? catalogueOf(parsed.data) : null;
}
