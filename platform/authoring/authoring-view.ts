import { AUTHORING_MODEL, type AuthoringCatalogue } from '../../contract/authoring.ts';
import { loadCatalogue } from '../catalogue/working-catalogue.ts';
import type { PlatformDeps } from '../deps.ts';

const byId = <T extends { id: string }>(items: Iterable<T>): T[] => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** GET /v1/admin/authoring/catalogue: the records as stored (products unfolded), sorted by id for stable output. */
export async function authoringCatalogue(deps: PlatformDeps): Promise<AuthoringCatalogue> {
  const [cat, latest] = await Promise.all([loadCatalogue(deps.store), deps.store.latestContent()]);
  const meta = cat.meta;
  const batches = [...cat.batches.values()].sort((a, b) => (a.productId === b.productId ? (a.code < b.code ? -1 : 1) : a.productId < b.productId ? -1 : 1));
  return {
    model: AUTHORING_MODEL,
    revision: cat.revision,
    meta: meta ? { title: meta.title, orderUrlBase: meta.orderUrlBase, traceUrlBase: meta.traceUrlBase } : null,
    products: byId(cat.products.values()),
    producers: byId(cat.producers.values()),
    pairings: byId(cat.pairings.values()),
    batches,
    campaigns: meta?.campaigns ?? [],
    liveStreams: meta?.liveStreams ?? [],
    media: meta?.media ?? [],
    published: latest ? { version: latest.version, publishedAt: latest.publishedAt } : null,
  };
}
