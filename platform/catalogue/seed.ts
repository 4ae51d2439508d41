import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { readPackage } from '../../content/verify-package.ts';
import { actorOf, type Principal } from '../accounts/admin-auth.ts';
import { contentPaths } from '../content/publish.ts';
import type { PlatformDeps } from '../deps.ts';
import type { CatalogueMeta } from './working-catalogue.ts';

export type SeedResult = { ok: true; value: { products: number; revision: number } } | { ok: false; status: number; code: string; message: string };

/** Copies a package's media into the platform's media store (by hash; each file is checked by readPackage first). */
async function copyMedia(dataDir: string, mediaDir: string, shas: string[]): Promise<void> {
  const paths = contentPaths(dataDir);
  await mkdir(join(paths.root, 'media'), { recursive: true });
  for (const sha of shas) {
    const target = paths.media(sha);
    if (await stat(target).catch(() => null)) continue;
    await copyFile(join(mediaDir, sha), `${target}.tmp`);
    await rename(`${target}.tmp`, target);
  }
}

/**
 * Loads a package directory (the demo catalogue, or an exported JSON package) into the working
 * catalogue: products upserted, title, URLs, campaigns and media replaced. One transaction.
 */
export async function seedFromPackage(deps: PlatformDeps, by: Principal, dir: string): Promise<SeedResult> {
  const pkg = await readPackage(dir);
  if (!pkg.ok) return { ok: false, status: 422, code: pkg.error.code, message: pkg.error.message };
  const m = pkg.manifest;
  await copyMedia(deps.dataDir, pkg.mediaDir, m.media.map((x) => x.sha256));
  const meta: CatalogueMeta = { title: m.title, orderUrlBase: m.orderUrlBase, traceUrlBase: m.traceUrlBase, campaigns: m.campaigns, media: m.media, liveStreams: m.liveStreams ?? [], baseVersion: m.version };
  const expectedRevision = await deps.store.catalogueRevision();
  const entry = { at: deps.now(), actor: actorOf(by), action: 'catalogue.seed', target: 'catalogue', detail: JSON.stringify({ dir, version: m.version, products: m.products.length }) };
  const products = m.products.map((p) => ({ productId: p.id, doc: JSON.stringify(p) }));
  const r = await deps.store.applyCatalogue({ expectedRevision, products, meta: JSON.stringify(meta), audit: [entry] });
  if (r === 'stale') return { ok: false, status: 409, code: 'stale', message: 'the catalogue changed meanwhile; try again' };
  return { ok: true, value: { products: products.length, revision: expectedRevision + 1 } };
}

/**
 * First run: fills an empty catalogue with the demo catalogue built from the seed articles
 * (the same package a kiosk ships), so administrators can try the authoring app at once.
 * Refused once the catalogue holds products: it never overwrites work.
 */
export async function seedDemo(deps: PlatformDeps, by: Principal): Promise<SeedResult> {
  if ((await deps.store.catalogueProducts()).length > 0) return { ok: false, status: 409, code: 'not-empty', message: 'the catalogue already holds products; the demo is only for an empty one' };
  const dir = join(contentPaths(deps.dataDir).root, 'build', `demo-${randomUUID()}`);
  try {
    await buildDemoPackage(dir);
    return await seedFromPackage(deps, by, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
