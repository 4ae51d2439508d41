import { z } from 'zod';
import { CampaignSchema, MediaRefSchema, ProductSchema, SourceSchema } from './content.ts';
import { LiveStreamSchema } from './campaign-schedule.ts';
import { LocalizedTextSchema } from './locale.ts';
import { ZoneSchema } from './admin-settings.ts';

/**
 * The platform's authoring model (issue 11), `catalogue-model/1`: the records administrators
 * edit. Products and campaigns are the package's own schemas; producers, pairings and batches
 * are records of their own that a publish folds into the products it ships (a kiosk reads only
 * `kiosk-content/1`). Schemas are not strict: unknown fields are ignored, as everywhere.
 */
export const AUTHORING_MODEL = 'catalogue-model/1';

/** A record id: lowercase letters, digits and dashes (the same rule as product ids). */
export const RecordIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'id: 2–64 lowercase letters, digits and dashes');
/** A calendar date, YYYY-MM-DD. */
export const IsoDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
/** The batch code printed beside the 溯源码 (and the last part of its URL). */
export const BatchCodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'batch code: 1–64 letters, digits, . _ -');

/** A producer: a co-operative, a company, a family farm or a household (合作社 / 企业 / 家庭农场 / 农户). */
export const ProducerSchema = z.object({
  id: RecordIdSchema,
  kind: z.enum(['co-op', 'company', 'family-farm', 'household']),
  name: LocalizedTextSchema,
  county: LocalizedTextSchema,
  township: LocalizedTextSchema.optional(),
  /** Households the producer works with (drives the impact view). */
  households: z.number().int().nonnegative().max(1_000_000).optional(),
  /** Platform-only (never published to kiosks): whom staff call about a batch. */
  contact: z.string().max(200).optional(),
  source: SourceSchema,
});
export type Producer = z.infer<typeof ProducerSchema>;

/** The paired-assistance relation, e.g. 深圳市盐田区 → 河源市东源县 (东西部协作 / 对口帮扶). */
export const PairingSchema = z.object({
  id: RecordIdSchema,
  helper: LocalizedTextSchema,
  helped: LocalizedTextSchema,
  /** Year the pairing began. */
  since: z.number().int().min(1990).max(2100).optional(),
  text: LocalizedTextSchema.optional(),
  source: SourceSchema,
});
export type Pairing = z.infer<typeof PairingSchema>;

/** The traceability record behind a 溯源码: served by the platform's trace page. */
export const BatchSchema = z.object({
  /** Unique per product (the trace URL is `<product>/<code>`). */
  code: BatchCodeSchema,
  productId: RecordIdSchema,
  producerId: RecordIdSchema.optional(),
  harvestDate: IsoDateSchema,
  packedDate: IsoDateSchema.optional(),
  quantity: z.object({ value: z.number().positive().max(1e9), unit: LocalizedTextSchema }).optional(),
  inspection: z
    .object({
      agency: LocalizedTextSchema,
      date: IsoDateSchema,
      result: z.enum(['pass', 'fail', 'pending']),
      reportNo: z.string().max(64).optional(),
    })
    .optional(),
  notes: LocalizedTextSchema.optional(),
  source: SourceSchema,
});
export type Batch = z.infer<typeof BatchSchema>;

/** Record kinds the authoring API edits one at a time. */
export const RECORD_KINDS = ['product', 'producer', 'pairing', 'batch', 'campaign', 'liveStream'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Each kind's URL segment: `/v1/admin/authoring/<segment>/<id>` (and the app's `#/<segment>` list). */
export const RECORD_PATHS: Record<RecordKind, string> = {
  product: 'products',
  producer: 'producers',
  pairing: 'pairings',
  batch: 'batches',
  campaign: 'campaigns',
  liveStream: 'live-streams',
};

/** The id of a batch record: product and code (a code is unique per product). */
export function batchKey(b: Pick<Batch, 'productId' | 'code'>): string {
  return `${b.productId}/${b.code}`;
}

/** An uploaded media file and its renditions (each rendition is a media file of its own, by sha256). */
export const MediaAssetSchema = MediaRefSchema.extend({
  /** The original's name as uploaded (display only). */
  name: z.string().max(200).optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** For an original: its renditions by purpose. `display` is what products and campaigns reference. */
  renditions: z.object({ display: z.string().optional(), thumb: z.string().optional() }).optional(),
  /** For a rendition: the original it was made from. */
  of: z.string().optional(),
});
export type MediaAsset = z.infer<typeof MediaAssetSchema>;

/**
 * POST /v1/admin/media (raw image body, `?name=`): the stored asset and its renditions (none for
 * SVG). An upload lists new media, so it raises the catalogue's revision: `revision` is the
 * catalogue's revision after it (unchanged when the same bytes were uploaded before).
 */
export const MediaUploadResponseSchema = z.object({
  asset: MediaAssetSchema,
  renditions: z.array(MediaAssetSchema),
  revision: z.number().int().nonnegative(),
});
export type MediaUploadResponse = z.infer<typeof MediaUploadResponseSchema>;

/** GET /v1/admin/authoring/catalogue: everything the authoring app edits, with the revision every save must quote. */
export const AuthoringCatalogueSchema = z.object({
  model: z.literal(AUTHORING_MODEL),
  revision: z.number().int().nonnegative(),
  /** Title and QR URL bases (null before the catalogue is seeded). */
  meta: z.object({ title: LocalizedTextSchema, orderUrlBase: z.string(), traceUrlBase: z.string() }).nullable(),
  products: z.array(ProductSchema),
  producers: z.array(ProducerSchema),
  pairings: z.array(PairingSchema),
  batches: z.array(BatchSchema),
  campaigns: z.array(CampaignSchema),
  liveStreams: z.array(LiveStreamSchema),
  media: z.array(MediaAssetSchema),
  /** Newest published version, if any. */
  published: z.object({ version: z.number().int(), publishedAt: z.number() }).nullable(),
});
export type AuthoringCatalogue = z.infer<typeof AuthoringCatalogueSchema>;

/**
 * PUT /v1/admin/authoring/<kind>s/<id> (batches: /batches/<productId>/<code>):
 * the whole record, with the revision it was edited on. DELETE takes `?revision=N`.
 */
export const SaveRecordRequestSchema = z.object({ revision: z.number().int().nonnegative(), record: z.unknown() });

/** One field-level problem; `path` is the field's path inside the record (e.g. `["story","text","zh-CN"]`). */
export const FieldIssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/**
 * Answers: 200 `{ revision }` (the catalogue's new revision); 422 `{ error: { code: 'invalid', message, issues } }`
 * with every field problem (schema and references, e.g. an unknown producerId); 409 `{ error: { code: 'stale' } }`
 * when the catalogue moved on (reload and redo); 404 for an unknown record on DELETE; 409 `in-use` when a
 * record still referenced (a producer of a product, a product with batches) is deleted.
 */
export const SaveRecordResponseSchema = z.object({ revision: z.number().int().nonnegative() });
export const AuthoringErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(FieldIssueSchema).optional() }),
});

/** Platform administrator roles: each account holds one or more. */
export const ADMIN_ROLES = ['editor', 'publisher', 'fleet-admin'] as const;
export const AdminRoleSchema = z.enum(ADMIN_ROLES);

/** GET /v1/admin/me: who is signed in (the admin token answers as `token` with every role). */
export const AdminMeSchema = z.object({ username: z.string(), displayName: z.string(), roles: z.array(AdminRoleSchema) });
export type AdminMe = z.infer<typeof AdminMeSchema>;

/** One audit record as GET /v1/admin/audit?limit=N&before=T returns them (newest first). */
export const AuditEntrySchema = z.object({ at: z.number(), actor: z.string(), action: z.string(), target: z.string(), detail: z.string().nullable() });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * Messages the authoring app posts to its preview frames (`/author/preview.html`, same origin):
 * the draft content as a package manifest would carry it, what to show, and how.
 */
export const PreviewMessageSchema = z.object({
  type: z.literal('kiosk-preview'),
  /** The draft catalogue as a manifest (products already folded with producers/pairings). */
  content: z.unknown(),
  /** A product id shows its story page (as if lifted); null shows the attract loop. */
  productId: z.string().nullable(),
  locale: z.enum(['zh-CN', 'zh-TW', 'en']),
  orientation: z.enum(['portrait', 'landscape']),
  /** The hall zone whose attract loop to show (campaign preview). */
  zone: ZoneSchema.optional(),
  /** The clock the attract loop schedules by (ms since epoch); absent = now. */
  now: z.number().optional(),
});
export type PreviewMessage = z.infer<typeof PreviewMessageSchema>;

type Text = z.infer<typeof LocalizedTextSchema>;

/** `a · b` per locale (a locale missing on either side falls back to zh-CN for that side). */
function joinText(a: Text, sep: string, b: Text, tail?: Text): Text {
  const pick = (t: Text, l: 'zh-TW' | 'en'): string => t[l] ?? t['zh-CN'];
  const one = (l: 'zh-CN' | 'zh-TW' | 'en'): string => {
    const parts = l === 'zh-CN' ? [a['zh-CN'], b['zh-CN']] : [pick(a, l), pick(b, l)];
    const end = tail ? (l === 'zh-CN' ? tail['zh-CN'] : pick(tail, l)) : '';
    return `${parts.join(sep)}${end === '' ? '' : ` · ${end}`}`;
  };
  const out: Text = { 'zh-CN': one('zh-CN') };
  if (a['zh-TW'] || b['zh-TW']) out['zh-TW'] = one('zh-TW');
  if (a.en || b.en) out.en = one('en');
  return out;
}

/** The pairing as a product story's pairing line: `helper → helped`, then its text if any. */
export function pairingLine(p: Pairing): Text {
  return joinText(p.helper, ' → ', p.helped, p.text);
}

/** A harvest date as the origin's harvest line. */
export function harvestLine(date: string, demo = false): Text {
  // A demo batch says so on the line itself, as the demo catalogue's own harvest texts do.
  if (demo) return { 'zh-CN': `${date} 采收(示例)`, 'zh-TW': `${date} 採收(示例)`, en: `Harvested ${date} (demo)` };
  return { 'zh-CN': `${date} 采收`, 'zh-TW': `${date} 採收`, en: `Harvested ${date}` };
}

/** The batch a product's 溯源码 points at: the one it names, else its newest harvest. */
export function currentBatch(product: { traceBatch?: string | undefined }, batches: readonly Batch[]): Batch | undefined {
  const named = product.traceBatch === undefined ? undefined : batches.find((b) => b.code === product.traceBatch);
  if (named) return named;
  return [...batches].sort((x, y) => y.harvestDate.localeCompare(x.harvestDate) || y.code.localeCompare(x.code))[0];
}

export interface FoldContext {
  producers: ReadonlyMap<string, Producer>;
  pairings: ReadonlyMap<string, Pairing>;
  /** All batches of the catalogue (only this product's are used). */
  batches: readonly Batch[];
}

/**
 * The product as a package ships it: its producer's name (and township when the product has
 * none), its pairing's line, and its current batch's code and harvest date folded into the
 * fields every kiosk already shows. Pure, so the publish and the authoring preview agree.
 * A reference to a record that does not exist leaves the product's own text as it is.
 */
export function foldProduct<P extends z.infer<typeof ProductSchema>>(product: P, ctx: FoldContext): P {
  const producer = product.producerId === undefined ? undefined : ctx.producers.get(product.producerId);
  const pairing = product.pairingId === undefined ? undefined : ctx.pairings.get(product.pairingId);
  const batch = currentBatch(product, ctx.batches.filter((b) => b.productId === product.id));
  const origin = { ...product.origin };
  if (producer) {
    origin.producer = producer.name;
    if (origin.township === undefined && producer.township !== undefined) origin.township = producer.township;
  }
  if (batch) {
    origin.batch = batch.code;
    origin.harvest = harvestLine(batch.harvestDate, batch.source.kind === 'demo');
  }
  const story = pairing ? { ...product.story, pairing: pairingLine(pairing) } : product.story;
  return { ...product, origin, story, ...(batch ? { traceBatch: batch.code } : {}) };
}
