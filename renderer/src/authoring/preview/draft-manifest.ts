import { foldProduct, type AuthoringCatalogue, type Batch, type Pairing, type Producer } from '../../../../contract/authoring.ts';
import type { LiveStream } from '../../../../contract/campaign-schedule.ts';
import { CONTENT_FORMAT, type Campaign, type Product } from '../../../../contract/content.ts';

/** The record being edited, standing in for its saved version in the preview. */
export type Draft =
  | { kind: 'product'; record: Product; originalId: string | null }
  | { kind: 'producer'; record: Producer; originalId: string | null }
  | { kind: 'pairing'; record: Pairing; originalId: string | null }
  | { kind: 'batch'; record: Batch; originalId: string | null }
  | { kind: 'campaign'; record: Campaign; originalId: string | null }
  | { kind: 'liveStream'; record: LiveStream; originalId: string | null };

const DEFAULT_TITLE = { 'zh-CN': '消费帮扶展销中心', 'zh-TW': '消費幫扶展銷中心', en: 'Consumption Assistance Centre' };

/** Replaces the record with `id` (or appends), keeping the catalogue's order. */
function withDraft<T>(list: readonly T[], idOf: (x: T) => string, draft: T | undefined, originalId: string | null, first = false): T[] {
  if (draft === undefined) return [...list];
  const replaced = originalId ?? idOf(draft);
  const rest = list.filter((x) => idOf(x) !== replaced && idOf(x) !== idOf(draft));
  if (first) return [draft, ...rest];
  const at = list.findIndex((x) => idOf(x) === replaced);
  return at < 0 ? [...rest, draft] : [...rest.slice(0, at), draft, ...rest.slice(at)];
}

/**
 * The manifest a publish of the catalogue with this draft would carry, products folded with
 * their producer, pairing and batch by the same `foldProduct()` the publish uses. Unvalidated:
 * the preview page checks it as a kiosk checks a package. A campaign draft goes first, so the
 * attract loop opens on it when it plays.
 */
export function draftManifest(cat: AuthoringCatalogue, draft: Draft | null, origin: string, now: number): Record<string, unknown> {
  const pick = <K extends Draft['kind']>(kind: K) => (draft?.kind === kind ? (draft as Extract<Draft, { kind: K }>) : undefined);
  const original = draft?.originalId ?? null;
  const producers = withDraft(cat.producers, (p) => p.id, pick('producer')?.record, original);
  const pairings = withDraft(cat.pairings, (p) => p.id, pick('pairing')?.record, original);
  const batches = withDraft(cat.batches, (b) => `${b.productId}/${b.code}`, pick('batch')?.record, original);
  const products = withDraft(cat.products, (p) => p.id, pick('product')?.record, original);
  const campaigns = withDraft(cat.campaigns, (c) => c.id, pick('campaign')?.record, original, true);
  const liveStreams = withDraft(cat.liveStreams, (s) => s.id, pick('liveStream')?.record, original);
  const ctx = { producers: new Map(producers.map((p) => [p.id, p])), pairings: new Map(pairings.map((p) => [p.id, p])), batches };
  return {
    format: CONTENT_FORMAT,
    version: (cat.published?.version ?? 0) + 1,
    publishedAt: new Date(now).toISOString(),
    publisher: 'authoring-preview',
    title: cat.meta?.title ?? DEFAULT_TITLE,
    orderUrlBase: cat.meta?.orderUrlBase ?? `${origin}/order/`,
    traceUrlBase: cat.meta?.traceUrlBase ?? `${origin}/trace/`,
    products: products.map((p) => foldProduct(p, ctx)),
    campaigns,
    liveStreams,
    media: cat.media.map((m) => ({ sha256: m.sha256, mime: m.mime, bytes: m.bytes, ...(m.alt ? { alt: m.alt } : {}) })),
  };
}

/** Which product page previews a draft: the product itself, or the first product using the producer/pairing/batch. */
export function previewProductId(cat: AuthoringCatalogue, draft: Draft): string | null {
  switch (draft.kind) {
    case 'product':
      return draft.record.id;
    case 'producer':
      return cat.products.find((p) => p.producerId === draft.record.id)?.id ?? null;
    case 'pairing':
      return cat.products.find((p) => p.pairingId === draft.record.id)?.id ?? null;
    case 'batch':
      return draft.record.productId;
    case 'campaign':
    case 'liveStream':
      return null;
    default: {
      const never: never = draft;
      return never;
    }
  }
}
