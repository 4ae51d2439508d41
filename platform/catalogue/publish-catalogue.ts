import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { foldProduct } from '../../contract/authoring.ts';
import type { ContentManifest } from '../../contract/content.ts';
import { assembleManifest, buildPackage, PackageBuildError, type ManifestInput } from '../../content/build-package.ts';
import { audit, type Principal } from '../accounts/admin-auth.ts';
import { contentPaths, publishPackage } from '../content/publish.ts';
import type { PlatformDeps } from '../deps.ts';
import type { PublishTarget } from '../store/catalogue-store.ts';
import { loadCatalogue, type WorkingCatalogue } from './working-catalogue.ts';

const GROUP = z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u, 'a group name: 1–64 letters, digits, spaces, . _ -');
export const PublishTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('group'), group: GROUP }),
  z.object({ kind: z.literal('kiosk'), kioskId: z.string().min(1).max(64) }),
]);
export const CataloguePublishSchema = z.object({ target: PublishTargetSchema.default({ kind: 'all' }) });
export const GroupsSchema = z.object({ groups: z.array(GROUP).max(32) });

export type CataloguePublishResult = { ok: true; value: { version: number; keyId: string; target: PublishTarget; products: number } } | { ok: false; status: number; code: string; message: string };

/**
 * The manifest input the working catalogue gives for `version` (products sorted by id for stable
 * bytes): every product folded with its producer, pairing and current batch (contract foldProduct,
 * the same fold the authoring preview shows), and only the media the products and campaigns
 * reference — an upload's original and thumbnail stay on the platform, kiosks get the display rendition.
 */
export function manifestInput(cat: WorkingCatalogue, version: number, publishedAt: string): ManifestInput | null {
  if (!cat.meta) return null;
  const { title, orderUrlBase, traceUrlBase, campaigns, media, liveStreams } = cat.meta;
  const fold = { producers: cat.producers, pairings: cat.pairings, batches: [...cat.batches.values()] };
  const products = [...cat.products.values()].sort((a, b) => a.id.localeCompare(b.id)).map((p) => foldProduct(p, fold));
  const used = new Set([...products.flatMap((p) => p.images), ...campaigns.flatMap((c) => [c.image, c.video].filter((s): s is string => s !== undefined))]);
  const shipped = media.filter((m) => used.has(m.sha256)).map((m) => ({ sha256: m.sha256, mime: m.mime, ...(m.alt ? { alt: m.alt } : {}) }));
  return { title, orderUrlBase, traceUrlBase, campaigns, ...(liveStreams.length > 0 ? { liveStreams } : {}), version, publishedAt, publisher: 'platform', products, media: shipped };
}

async function mediaFiles(dataDir: string, input: ManifestInput): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const m of input.media) out.set(m.sha256, await readFile(contentPaths(dataDir).media(m.sha256)));
  return out;
}

/** The JSON package export: the manifest the next publish would sign (not signed itself). */
export async function exportManifest(deps: PlatformDeps): Promise<ContentManifest | null> {
  const cat = await loadCatalogue(deps.store);
  const input = manifestInput(cat, await nextVersion(deps, cat), new Date(deps.now()).toISOString());
  return input ? assembleManifest(input, await mediaFiles(deps.dataDir, input)) : null;
}

async function nextVersion(deps: PlatformDeps, cat: WorkingCatalogue): Promise<number> {
  return Math.max((await deps.store.latestContent())?.version ?? 0, cat.meta?.baseVersion ?? 0) + 1;
}

async function targetProblem(deps: PlatformDeps, target: PublishTarget): Promise<string | null> {
  if (target.kind === 'kiosk' && !(await deps.store.getKiosk(target.kioskId))) return `no kiosk ${target.kioskId}`;
  return null;
}

/** Builds the working catalogue into a package, signs it and makes it the newest version for `target`. */
export async function publishCatalogue(deps: PlatformDeps, by: Principal, target: PublishTarget): Promise<CataloguePublishResult> {
  const problem = await targetProblem(deps, target);
  if (problem) return { ok: false, status: 404, code: 'not-found', message: problem };
  const cat = await loadCatalogue(deps.store);
  const version = await nextVersion(deps, cat);
  const input = manifestInput(cat, version, new Date(deps.now()).toISOString());
  if (!input) return { ok: false, status: 409, code: 'empty-catalogue', message: 'the catalogue is empty: seed it from a package or import a sheet first' };
  const dir = join(contentPaths(deps.dataDir).root, 'build', String(version));
  try {
    await buildPackage(input, await mediaFiles(deps.dataDir, input), dir);
  } catch (err) {
    if (err instanceof PackageBuildError) return { ok: false, status: 422, code: err.code, message: err.message };
    throw err;
  }
  try {
    await deps.store.setContentTarget(version, target);
    const r = await publishPackage(dir, { dataDir: deps.dataDir, store: deps.store, key: deps.key, now: deps.now() });
    if (!r.ok) return { ok: false, status: r.error.code === 'stale-version' ? 409 : 422, code: r.error.code, message: r.error.message };
    deps.contentNotices.changed(version);
    await audit(deps, by, 'content.publish', `version:${version}`, { target, products: input.products.length, catalogueRevision: cat.revision });
    return { ok: true, value: { version, keyId: r.value.keyId, target, products: input.products.length } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
