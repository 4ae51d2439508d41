import type { z } from 'zod';
import type { CampaignSchema, ProductSchema, SourceSchema } from '../../contract/content.ts';

/** What the package schema accepts for a product / campaign (before defaults). */
export type ProductInput = z.input<typeof ProductSchema>;
export type CampaignInput = z.input<typeof CampaignSchema>;
export type Source = z.input<typeof SourceSchema>;

/**
 * Text in all three shipped locales. The contract only requires zh-CN; the demo
 * catalogue holds itself to all three so every screen can be checked in every locale.
 */
export interface Tri {
  'zh-CN': string;
  'zh-TW': string;
  en: string;
}

/** Builds a {@link Tri}; the argument order is always zh-CN, zh-TW, en. */
export function t(zhCN: string, zhTW: string, en: string): Tri {
  return { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
}

/** Region of origin; picks the illustration's background palette. */
export type RegionId = 'dongyuan' | 'maoba' | 'gansu' | 'longnan' | 'huayuan' | 'shanshan' | 'hengyang' | 'guangxi';

/** The illustration drawn for a product (shapes only, no text). */
export type ArtKind =
  | 'crate-veg'
  | 'crate-fruit'
  | 'greens'
  | 'eggs'
  | 'sack'
  | 'yuba'
  | 'bottle'
  | 'tin'
  | 'wine-jar'
  | 'gift'
  | 'apple'
  | 'lily'
  | 'pouch'
  | 'potato'
  | 'pepper'
  | 'kiwi'
  | 'melon'
  | 'raisins'
  | 'honey';

/** A demo product as typed data: stricter than the schema (all locales, all origin fields). */
export interface DemoProductData {
  id: string;
  name: Tri;
  unit: Tri;
  priceFen: number;
  intro: Tri;
  origin: {
    county: Tri;
    province: Tri;
    township: Tri;
    producer: Tri;
    harvest: Tri;
    batch: string;
    mapPoint: { x: number; y: number };
    source: Source;
  };
  story: { pairing: Tri; text: Tri; funds: Tri; source: Source };
  certifications: Tri[];
  unitWeightG: number;
  traceBatch: string;
}

/** One catalogue entry: the product plus what its illustration looks like. */
export interface DemoEntry {
  region: RegionId;
  art: ArtKind;
  product: DemoProductData;
}

/** Campaign illustration motif. */
export type CampaignArt = 'month' | 'bridge' | 'shelf';

export interface DemoCampaign {
  art: CampaignArt;
  region: RegionId;
  campaign: Omit<CampaignInput, 'image' | 'video'> & { title: Tri; text: Tri };
}

/** What every region's spec carries; the region file supplies origin and story. */
export interface BaseSpec {
  id: string;
  art: ArtKind;
  name: Tri;
  unit: Tri;
  priceFen: number;
  unitWeightG: number;
  batch: string;
  certs: Tri[];
}

/** Assembles one catalogue entry (field order fixed: the package bytes must stay deterministic). */
export function demoEntry(
  region: RegionId,
  s: BaseSpec,
  intro: Tri,
  origin: DemoProductData['origin'],
  story: DemoProductData['story'],
): DemoEntry {
  return {
    region,
    art: s.art,
    product: { id: s.id, name: s.name, unit: s.unit, priceFen: s.priceFen, intro, origin, story, certifications: s.certs, unitWeightG: s.unitWeightG, traceBatch: s.batch },
  };
}

/** Compile-time proof that demo data is valid schema input. */
export function toProductInput(d: DemoProductData, images: string[]): ProductInput {
  return { ...d, images };
}

/** Joins two texts per locale (a space between English sentences, none in Chinese). */
export function joinTri(a: Tri, b: Tri): Tri {
  return { 'zh-CN': a['zh-CN'] + b['zh-CN'], 'zh-TW': a['zh-TW'] + b['zh-TW'], en: `${a.en} ${b.en}` };
}
