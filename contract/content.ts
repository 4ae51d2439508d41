import { z } from 'zod';
import { LocalizedTextSchema } from './locale.ts';
import { ZoneSchema } from './admin-settings.ts';
import { CampaignScheduleSchema, LiveStreamSchema } from './campaign-schedule.ts';

/**
 * Content package format `kiosk-content/1` (docs/content-packages.md).
 * A package is a directory (or a download) holding `manifest.json` and `media/<sha256>`.
 * Schemas are not strict: unknown fields are ignored so older kiosks read newer packages.
 */
export const CONTENT_FORMAT = 'kiosk-content/1';

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');
export const ProductIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'product id: lowercase letters, digits and dashes');

export const MediaRefSchema = z.object({
  sha256: Sha256Schema,
  mime: z.enum(['image/svg+xml', 'image/png', 'image/jpeg', 'image/webp', 'video/mp4', 'video/webm']),
  bytes: z.number().int().nonnegative(),
  alt: LocalizedTextSchema.optional(),
});
export type MediaRef = z.infer<typeof MediaRefSchema>;

/** Where a fact comes from: a seed article id, or demo text the team wrote. */
export const SourceSchema = z.object({
  kind: z.enum(['article', 'demo']),
  ref: z.string().min(1).optional(),
  note: LocalizedTextSchema.optional(),
});

export const OriginSchema = z.object({
  county: LocalizedTextSchema,
  province: LocalizedTextSchema.optional(),
  township: LocalizedTextSchema.optional(),
  producer: LocalizedTextSchema.optional(),
  batch: z.string().max(64).optional(),
  harvest: LocalizedTextSchema.optional(),
  /** Position on the simple origin diagram, 0..1 both ways (x east, y south). */
  mapPoint: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).optional(),
  source: SourceSchema.optional(),
});

export const StorySchema = z.object({
  pairing: LocalizedTextSchema,
  text: LocalizedTextSchema,
  householdsHelped: z.number().int().nonnegative().optional(),
  funds: LocalizedTextSchema.optional(),
  /** Key figures of the story (e.g. 带动农户 / 1,200 户), at most 4 shown (issue 11). */
  figures: z.array(z.object({ label: LocalizedTextSchema, value: LocalizedTextSchema })).max(4).optional(),
  /** When the story's facts were true (YYYY-MM or YYYY-MM-DD), shown beside its source. */
  asOf: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a month or date: YYYY-MM or YYYY-MM-DD').optional(),
  source: SourceSchema,
});

/** GTIN (EAN-8/UPC-A/EAN-13/GTIN-14) check digit: weights 3,1,3,… from the right, excluding the check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() ?? -1;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

export const ProductSchema = z.object({
  id: ProductIdSchema,
  name: LocalizedTextSchema,
  unit: LocalizedTextSchema,
  priceFen: z.number().int().nonnegative(),
  intro: LocalizedTextSchema,
  origin: OriginSchema,
  story: StorySchema,
  certifications: z.array(LocalizedTextSchema).default([]),
  images: z.array(Sha256Schema).default([]),
  /** Unit weight for load-cell shelves, grams. */
  unitWeightG: z.number().positive().optional(),
  traceBatch: z.string().max(64).optional(),
  /** Authoring records the product was folded from (contract/authoring.ts); kiosks read the folded text. */
  producerId: ProductIdSchema.optional(),
  pairingId: ProductIdSchema.optional(),
  /** The retail barcode (GTIN / EAN-13) staff scan to bind a slot. */
  barcode: z.string().refine(isValidGtin, 'barcode: a GTIN with a valid check digit').optional(),
});
export type Product = z.infer<typeof ProductSchema>;

export const CampaignSchema = z.object({
  id: z.string().min(1).max(64),
  title: LocalizedTextSchema,
  text: LocalizedTextSchema,
  image: Sha256Schema.optional(),
  video: Sha256Schema.optional(),
  featuredProductIds: z.array(ProductIdSchema).default([]),
  source: SourceSchema,
  /** When the campaign runs (both optional: open-ended); campaign prices apply only inside it. */
  startsAt: z.string().datetime({ offset: true }).optional(),
  endsAt: z.string().datetime({ offset: true }).optional(),
  /** Campaign unit prices (fen) that replace a product's list price while the campaign runs. */
  prices: z.array(z.object({ productId: ProductIdSchema, priceFen: z.number().int().nonnegative() })).max(1000).optional(),
  /** Hall zones whose attract loops play it (absent = every zone; issue 11). */
  zones: z.array(ZoneSchema).max(4).optional(),
  /** A daily window (weekdays, from–to in the hall's time) inside startsAt–endsAt. */
  schedule: CampaignScheduleSchema.optional(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** An ed25519 public key: base64 of its SPKI DER encoding; keyId is the first 16 hex digits of its sha256. */
export const PublicKeySchema = z.object({
  keyId: z.string().min(1).max(64),
  alg: z.literal('ed25519'),
  spki: z.string().min(1).max(512),
});
export type PublicKey = z.infer<typeof PublicKeySchema>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A QR target base: https only, or http on a loopback host (a sim/dev platform on this
 * machine). Never `javascript:`, `data:`, `file:` or any other scheme: a phone opens it.
 */
export const QrUrlBaseSchema = z
  .string()
  .max(512)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .url()
  .refine((s) => {
    const u = URL.parse(s);
    if (!u) return false;
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname));
  }, 'must be an https URL (http only on a loopback host)');

export const ContentManifestSchema = z.object({
  format: z.literal(CONTENT_FORMAT),
  /** Monotonically increasing; a kiosk never installs a version at or below its active one (demo excepted at first start). */
  version: z.number().int().positive(),
  publishedAt: z.string().datetime({ offset: true }),
  publisher: z.string().min(1),
  title: LocalizedTextSchema,
  /** Base URLs the QR codes point at; the product id / batch are appended. */
  orderUrlBase: QrUrlBaseSchema,
  traceUrlBase: QrUrlBaseSchema,
  products: z.array(ProductSchema).min(1),
  campaigns: z.array(CampaignSchema).default([]),
  media: z.array(MediaRefSchema),
  /**
   * Key rotation: content-signing keys the platform announces. A kiosk trusts them only after
   * this manifest verified with a key it already trusts (docs/security.md).
   */
  signingKeys: z.array(PublicKeySchema).max(8).optional(),
  /** Live-stream slots announced on the attract screen of the zones they name (issue 11). */
  liveStreams: z.array(LiveStreamSchema).max(200).optional(),
});
export type ContentManifest = z.infer<typeof ContentManifestSchema>;

/** The signature file beside a manifest: ed25519 over the exact manifest bytes. */
export const ContentSignatureSchema = z.object({
  alg: z.literal('ed25519'),
  keyId: z.string().min(1),
  sig: z.string().min(1),
});
export type ContentSignature = z.infer<typeof ContentSignatureSchema>;
