import type { z } from 'zod';
import { batchKey, BatchCodeSchema, BatchSchema, PairingSchema, ProducerSchema, RECORD_PATHS, RecordIdSchema, type FieldIssue, type MediaAsset, type RecordKind } from '../../contract/authoring.ts';
import { LiveStreamSchema, type LiveStream } from '../../contract/campaign-schedule.ts';
import { CampaignSchema, ProductSchema, type Campaign } from '../../contract/content.ts';
import type { CatalogueChange } from '../store/catalogue-store.ts';
import type { WorkingCatalogue } from '../catalogue/working-catalogue.ts';

/** A record as it arrived: only read through the narrowing helpers below. */
type Raw = Record<string, unknown>;
type Path = FieldIssue['path'];

/** What a save or delete of one record writes (everything but the revision and the audit rows). */
export type RecordWrite = Omit<CatalogueChange, 'expectedRevision' | 'audit'>;

/**
 * One editable record kind: its schema, how its key is read from the URL and the record, what
 * it refers to (checked on the raw record, so a save lists reference problems beside schema
 * ones), who refers to it (a delete is refused while anyone does), and what a save or delete writes.
 */
export interface KindSpec {
  kind: RecordKind;
  schema: z.ZodType;
  /** The URL's params as the record's key, or a message saying what is wrong with them. */
  keyFromParams(params: Record<string, string>): { ok: true; key: string } | { ok: false; message: string };
  /** Issues where the record's own id fields differ from the URL's. */
  identityIssues(raw: Raw, key: string): FieldIssue[];
  references(raw: Raw, cat: WorkingCatalogue): FieldIssue[];
  existing(cat: WorkingCatalogue, key: string): unknown;
  /** Who still refers to the record, for the in-use refusal ("product dongyuan-rice", …). */
  usedBy(cat: WorkingCatalogue, key: string): string[];
  /** Campaigns and live streams live in the meta document: they need a seeded catalogue. */
  needsMeta: boolean;
  save(cat: WorkingCatalogue, record: unknown, key: string): RecordWrite;
  remove(cat: WorkingCatalogue, key: string): RecordWrite;
}

const str = (raw: Raw, key: string): string | undefined => (typeof raw[key] === 'string' ? raw[key] : undefined);

function strings(value: unknown): Array<[number, string]> {
  return Array.isArray(value) ? value.flatMap((v: unknown, i): Array<[number, string]> => (typeof v === 'string' ? [[i, v]] : [])) : [];
}

function objects(value: unknown): Array<[number, Raw]> {
  return Array.isArray(value) ? value.flatMap((v: unknown, i): Array<[number, Raw]> => (typeof v === 'object' && v !== null ? [[i, v as Raw]] : [])) : [];
}

const short = (sha: string) => `${sha.slice(0, 12)}…`;

type MediaIndex = ReadonlyMap<string, MediaAsset>;

function mediaIndex(cat: WorkingCatalogue): MediaIndex {
  return new Map((cat.meta?.media ?? []).map((m) => [m.sha256, m]));
}

function known(path: Path, id: string | undefined, has: (id: string) => boolean, what: string): FieldIssue[] {
  return id !== undefined && !has(id) ? [{ path, message: `no ${what} “${id}” in the catalogue` }] : [];
}

/**
 * The media is uploaded, of the kind the field takes (an image, a video), and is what a package
 * should carry: an upload's original (up to 10 MiB) or thumbnail is refused in favour of its
 * display rendition.
 */
function uploaded(path: Path, sha: string | undefined, media: MediaIndex, kind: 'image' | 'video' = 'image'): FieldIssue[] {
  if (sha === undefined) return [];
  const asset = media.get(sha);
  if (!asset) return [{ path, message: `media ${short(sha)} is not uploaded` }];
  if (!asset.mime.startsWith(`${kind}/`)) return [{ path, message: `media ${short(sha)} is ${asset.mime}, not ${kind === 'image' ? 'an image' : 'a video'}` }];
  const display = asset.renditions?.display;
  if (display !== undefined && display !== sha) return [{ path, message: `media ${short(sha)} is an uploaded original: use its display rendition ${display}` }];
  const original = asset.of === undefined ? undefined : media.get(asset.of);
  if (original?.renditions?.thumb === sha && original.renditions.display !== undefined) {
    return [{ path, message: `media ${short(sha)} is a thumbnail: use the display rendition ${original.renditions.display}` }];
  }
  return [];
}

function sameId(raw: Raw, field: string, expected: string): FieldIssue[] {
  const got = raw[field];
  return got !== expected ? [{ path: [field], message: `the record's ${field} (${JSON.stringify(got ?? null)}) is not the one in the URL (“${expected}”)` }] : [];
}

function idParam(schema: z.ZodType, value: string | undefined): { ok: true; key: string } | { ok: false; message: string } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, key: value ?? '' } : { ok: false, message: r.error.issues[0]?.message ?? 'bad id' };
}

const plainId = (schema: z.ZodType = RecordIdSchema) => (params: Record<string, string>) => idParam(schema, params.id);

/** A campaign id: the package allows any 1–64 characters; in a URL we also refuse control characters. */
const CampaignIdSchema = CampaignSchema.shape.id.regex(/^[^\p{Cc}]+$/u, 'campaign id: 1–64 characters, no control characters');

const product: KindSpec = {
  kind: 'product',
  schema: ProductSchema,
  keyFromParams: plainId(),
  identityIssues: (raw, key) => sameId(raw, 'id', key),
  references: (raw, cat) => {
    const media = mediaIndex(cat);
    return [
      ...known(['producerId'], str(raw, 'producerId'), (id) => cat.producers.has(id), 'producer'),
      ...known(['pairingId'], str(raw, 'pairingId'), (id) => cat.pairings.has(id), 'pairing'),
      ...strings(raw.images).flatMap(([i, sha]) => uploaded(['images', i], sha, media)),
    ];
  },
  existing: (cat, key) => cat.products.get(key),
  usedBy: (cat, key) => [
    ...[...cat.batches.values()].filter((b) => b.productId === key).map((b) => `batch ${b.code}`),
    ...(cat.meta?.campaigns ?? []).filter((c) => c.featuredProductIds.includes(key) || (c.prices ?? []).some((p) => p.productId === key)).map((c) => `campaign ${c.id}`),
  ],
  needsMeta: false,
  save: (_cat, record, key) => ({ products: [{ productId: key, doc: JSON.stringify(record) }] }),
  remove: (_cat, key) => ({ products: [], deleteProducts: [key] }),
};

const producer: KindSpec = {
  kind: 'producer',
  schema: ProducerSchema,
  keyFromParams: plainId(),
  identityIssues: (raw, key) => sameId(raw, 'id', key),
  references: () => [],
  existing: (cat, key) => cat.producers.get(key),
  usedBy: (cat, key) => [
    ...[...cat.products.values()].filter((p) => p.producerId === key).map((p) => `product ${p.id}`),
    ...[...cat.batches.values()].filter((b) => b.producerId === key).map((b) => `batch ${batchKey(b)}`),
  ],
  needsMeta: false,
  save: (_cat, record, key) => ({ products: [], records: [{ kind: 'producer', id: key, doc: JSON.stringify(record) }] }),
  remove: (_cat, key) => ({ products: [], deleteRecords: [{ kind: 'producer', id: key }] }),
};

const pairing: KindSpec = {
  kind: 'pairing',
  schema: PairingSchema,
  keyFromParams: plainId(),
  identityIssues: (raw, key) => sameId(raw, 'id', key),
  references: () => [],
  existing: (cat, key) => cat.pairings.get(key),
  usedBy: (cat, key) => [...cat.products.values()].filter((p) => p.pairingId === key).map((p) => `product ${p.id}`),
  needsMeta: false,
  save: (_cat, record, key) => ({ products: [], records: [{ kind: 'pairing', id: key, doc: JSON.stringify(record) }] }),
  remove: (_cat, key) => ({ products: [], deleteRecords: [{ kind: 'pairing', id: key }] }),
};

const batch: KindSpec = {
  kind: 'batch',
  schema: BatchSchema,
  keyFromParams: (params) => {
    const p = idParam(RecordIdSchema, params.productId);
    if (!p.ok) return p;
    const c = idParam(BatchCodeSchema, params.code);
    return c.ok ? { ok: true, key: batchKey({ productId: p.key, code: c.key }) } : c;
  },
  identityIssues: (raw, key) => {
    const [productId = '', code = ''] = key.split('/');
    return [...sameId(raw, 'productId', productId), ...sameId(raw, 'code', code)];
  },
  references: (raw, cat) => [
    ...known(['productId'], str(raw, 'productId'), (id) => cat.products.has(id), 'product'),
    ...known(['producerId'], str(raw, 'producerId'), (id) => cat.producers.has(id), 'producer'),
  ],
  existing: (cat, key) => cat.batches.get(key),
  usedBy: () => [],
  needsMeta: false,
  save: (_cat, record, key) => ({ products: [], records: [{ kind: 'batch', id: key, doc: JSON.stringify(record) }] }),
  remove: (_cat, key) => ({ products: [], deleteRecords: [{ kind: 'batch', id: key }] }),
};

function windowIssues(raw: Raw): FieldIssue[] {
  const starts = Date.parse(str(raw, 'startsAt') ?? '');
  const ends = Date.parse(str(raw, 'endsAt') ?? '');
  return Number.isFinite(starts) && Number.isFinite(ends) && ends <= starts ? [{ path: ['endsAt'], message: 'endsAt is not after startsAt' }] : [];
}

function withCampaigns(cat: WorkingCatalogue, campaigns: Campaign[]): RecordWrite {
  if (!cat.meta) throw new Error('campaigns need a seeded catalogue (checked before)');
  return { products: [], meta: JSON.stringify({ ...cat.meta, campaigns }) };
}

const campaign: KindSpec = {
  kind: 'campaign',
  schema: CampaignSchema,
  keyFromParams: plainId(CampaignIdSchema),
  identityIssues: (raw, key) => sameId(raw, 'id', key),
  references: (raw, cat) => {
    const media = mediaIndex(cat);
    return [
      ...strings(raw.featuredProductIds).flatMap(([i, id]) => known(['featuredProductIds', i], id, (x) => cat.products.has(x), 'product')),
      ...objects(raw.prices).flatMap(([i, p]) => known(['prices', i, 'productId'], str(p, 'productId'), (x) => cat.products.has(x), 'product')),
      ...uploaded(['image'], str(raw, 'image'), media),
      ...uploaded(['video'], str(raw, 'video'), media, 'video'),
      ...windowIssues(raw),
    ];
  },
  existing: (cat, key) => cat.meta?.campaigns.find((c) => c.id === key),
  usedBy: () => [],
  needsMeta: true,
  save: (cat, record, key) => {
    const list = cat.meta?.campaigns ?? [];
    const next = record as Campaign;
    return withCampaigns(cat, list.some((c) => c.id === key) ? list.map((c) => (c.id === key ? next : c)) : [...list, next]);
  },
  remove: (cat, key) => withCampaigns(cat, (cat.meta?.campaigns ?? []).filter((c) => c.id !== key)),
};

/** The schedule's size bound (the whole-set route's too: platform/catalogue/campaigns.ts). */
const MAX_LIVE_STREAMS = 200;

function withLiveStreams(cat: WorkingCatalogue, liveStreams: LiveStream[]): RecordWrite {
  if (!cat.meta) throw new Error('live streams need a seeded catalogue (checked before)');
  return { products: [], meta: JSON.stringify({ ...cat.meta, liveStreams }) };
}

/** A live-stream slot of the meta document's `liveStreams` (the attract screen's banner). */
const liveStream: KindSpec = {
  kind: 'liveStream',
  schema: LiveStreamSchema,
  keyFromParams: plainId(LiveStreamSchema.shape.id.regex(/^[^\p{Cc}]+$/u, 'live-stream id: 1–64 characters, no control characters')),
  identityIssues: (raw, key) => sameId(raw, 'id', key),
  references: (raw, cat) => {
    const list = cat.meta?.liveStreams ?? [];
    const isNew = !list.some((s) => s.id === str(raw, 'id'));
    const full = isNew && list.length >= MAX_LIVE_STREAMS ? [{ path: [], message: `the schedule holds at most ${MAX_LIVE_STREAMS} live streams: delete past ones first` }] : [];
    return [...windowIssues(raw), ...full];
  },
  existing: (cat, key) => cat.meta?.liveStreams.find((s) => s.id === key),
  usedBy: () => [],
  needsMeta: true,
  save: (cat, record, key) => {
    const list = cat.meta?.liveStreams ?? [];
    const next = record as LiveStream;
    return withLiveStreams(cat, list.some((s) => s.id === key) ? list.map((s) => (s.id === key ? next : s)) : [...list, next]);
  },
  remove: (cat, key) => withLiveStreams(cat, (cat.meta?.liveStreams ?? []).filter((s) => s.id !== key)),
};

/** The kinds by the URL segment (contract RECORD_PATHS: `/v1/admin/authoring/<segment>/…`). */
export const KIND_SPECS = {
  [RECORD_PATHS.product]: product,
  [RECORD_PATHS.producer]: producer,
  [RECORD_PATHS.pairing]: pairing,
  [RECORD_PATHS.batch]: batch,
  [RECORD_PATHS.campaign]: campaign,
  [RECORD_PATHS.liveStream]: liveStream,
} satisfies Record<string, KindSpec>;
