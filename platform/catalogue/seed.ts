import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { batchKey, BatchSchema, PairingSchema, ProducerSchema } from '../../contract/authoring.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { demoRecordRefs, demoRecords } from '../../content/demo/records.ts';
import { readPackage } from '../../content/verify-package.ts';
import { actorOf, type Principal } from '../accounts/admin-auth.ts';
import { contentPaths } from '../content/publish.ts';
import type { PlatformDeps } from '../deps.ts';
import type { CatalogueRecordRow } from '../store/catalogue-store.ts';
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

/** Authoring records written with a seed's products, and the references each product gets to them. */
interface SeedRecords {
  rows: CatalogueRecordRow[];
  refs(productId: string): { producerId?: string; pairingId?: string };
}

/**
 * Loads a package directory into the working catalogue: products upserted (with their record
 * references, when records come along), records written, title, URLs, campaigns and media
 * replaced. One transaction, one audit row.
 */
async function seedPackage(deps: PlatformDeps, by: Principal, dir: string, records?: SeedRecords): Promise<SeedResult> {
  const pkg = await readPackage(dir);
  if (!pkg.ok) return { ok: false, status: 422, code: pkg.error.code, message: pkg.error.message };
  const m = pkg.manifest;
  await copyMedia(deps.dataDir, pkg.mediaDir, m.media.map((x) => x.sha256));
  const meta: CatalogueMeta = { title: m.title, orderUrlBase: m.orderUrlBase, traceUrlBase: m.traceUrlBase, campaigns: m.campaigns, media: m.media, liveStreams: m.liveStreams ?? [], baseVersion: m.version };
  const expectedRevision = await deps.store.catalogueRevision();
  // Read after the revision (a record added meanwhile makes the change stale). A record that
  // already exists is kept, not replaced: a seed never overwrites work.
  const existing = records ? new Set((await deps.store.catalogueRecords()).map((r) => `${r.kind}:${r.id}`)) : new Set<string>();
  const rows = (records?.rows ?? []).filter((r) => !existing.has(`${r.kind}:${r.id}`));
  const counted = (kind: CatalogueRecordRow['kind']) => rows.filter((r) => r.kind === kind).length;
  const detail = { dir, version: m.version, products: m.products.length, ...(records ? { producers: counted('producer'), pairings: counted('pairing'), batches: counted('batch') } : {}) };
  const entry = { at: deps.now(), actor: actorOf(by), action: 'catalogue.seed', target: 'catalogue', detail: JSON.stringify(detail) };
  const products = m.products.map((p) => ({ productId: p.id, doc: JSON.stringify(records ? { ...p, ...records.refs(p.id) } : p) }));
  const r = await deps.store.applyCatalogue({ expectedRevision, products, ...(records ? { records: rows } : {}), meta: JSON.stringify(meta), audit: [entry] });
  if (r === 'stale') return { ok: false, status: 409, code: 'stale', message: 'the catalogue changed meanwhile; try again' };
  return { ok: true, value: { products: products.length, revision: expectedRevision + 1 } };
}

/**
 * Loads a package directory (the demo catalogue, or an exported JSON package) into the working
 * catalogue: products upserted, title, URLs, campaigns and media replaced. One transaction.
 */
export function seedFromPackage(deps: PlatformDeps, by: Principal, dir: string): Promise<SeedResult> {
  return seedPackage(deps, by, dir);
}

/** The demo catalogue's producers, pairings and batches as store rows (parsed: the contract is the boundary). */
function demoRecordRows(): SeedRecords {
  const { producers, pairings, batches } = demoRecords();
  const rows: CatalogueRecordRow[] = [
    ...producers.map((p) => ({ kind: 'producer' as const, id: p.id, doc: JSON.stringify(ProducerSchema.parse(p)) })),
    ...pairings.map((p) => ({ kind: 'pairing' as const, id: p.id, doc: JSON.stringify(PairingSchema.parse(p)) })),
    ...batches.map((b) => ({ kind: 'batch' as const, id: batchKey(b), doc: JSON.stringify(BatchSchema.parse(b)) })),
  ];
  return { rows, refs: demoRecordRefs };
}

/**
 * First run: fills an empty catalogue with the demo catalogue built from the seed articles
 * (the same package a kiosk ships) and its records (content/demo/records.ts: the pairings the
 * articles state, demo producers and batches), products pointing at them, in one transaction,
 * so administrators can try the authoring app at once. Refused once the catalogue holds
 * products: it never overwrites work.
 */
export async function seedDemo(deps: PlatformDeps, by: Principal): Promise<SeedResult> {
  if ((await deps.store.catalogueProducts()).length > 0) return { ok: false, status: 409, code: 'not-empty', message: 'the catalogue already holds products; the demo is only for an empty one' };
  const dir = join(contentPaths(deps.dataDir).root, 'build', `demo-${randomUUID()}`);
  try {
    await buildDemoPackage(dir);
    return await seedPackage(deps, by, dir, demoRecordRows());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
