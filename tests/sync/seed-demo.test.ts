import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntrySchema, AuthoringCatalogueSchema, batchKey, type AuthoringCatalogue } from '../../contract/authoring.ts';
import { ContentManifestSchema, type ContentManifest } from '../../contract/content.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { readPackage } from '../../content/verify-package.ts';
import { contentPaths } from '../../platform/content/publish.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from './helpers.ts';

/**
 * First run of the authoring app: an empty catalogue can start from the demo catalogue, once,
 * and gets the demo's records with it (producers, the articles' pairings, batches), so the
 * authoring app's tabs are not empty and a publish folds to what the kiosk's demo package shows.
 */
describe('seeding the demo catalogue', () => {
  const t = tempDir('seed-demo');
  const dataDir = path.join(t.dir, 'platform');
  let platform: RunningPlatform;
  let kioskDemo: ContentManifest;
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const post = (p: string) => fetch(`${platform.url}${p}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  const catalogue = async (): Promise<AuthoringCatalogue> => AuthoringCatalogueSchema.parse(await (await fetch(`${platform.url}/v1/admin/authoring/catalogue`, { headers: auth })).json());

  beforeAll(async () => {
    platform = await startTestPlatform(dataDir);
    await buildDemoPackage(path.join(t.dir, 'kiosk-demo'));
    const read = await readPackage(path.join(t.dir, 'kiosk-demo'));
    if (!read.ok) throw new Error(`the kiosk demo package does not verify: ${read.error.code}`);
    kioskDemo = read.manifest;
  });
  afterAll(() => teardown([['platform', () => platform?.close()], ['temp dir', () => t.cleanup()]]));

  it('fills an empty catalogue, then refuses to overwrite it', async () => {
    const first = await post('/v1/admin/catalogue/seed-demo');
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toMatchObject({ products: 27 });
    const cat = await catalogue();
    expect(cat.products).toHaveLength(27);
    expect(cat.meta).not.toBeNull();
    const again = await post('/v1/admin/catalogue/seed-demo');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'not-empty' } });
    const audit = (await platform.deps.store.listAudit(10)).map((a) => AuditEntrySchema.parse(a)).filter((a) => a.action === 'catalogue.seed');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ products: 27, producers: 25, pairings: 11, batches: 27 });
  });

  it('holds the demo producers, pairings and batches, every reference resolving', async () => {
    const cat = await catalogue();
    expect(cat.producers).toHaveLength(25);
    expect(cat.pairings).toHaveLength(11);
    expect(cat.batches).toHaveLength(27);
    const producers = new Set(cat.producers.map((p) => p.id));
    const pairings = new Set(cat.pairings.map((p) => p.id));
    for (const p of cat.products) {
      expect(p.producerId !== undefined && producers.has(p.producerId), p.id).toBe(true);
      if (p.id !== 'hengyang-county-box-demo') expect(p.pairingId !== undefined && pairings.has(p.pairingId), p.id).toBe(true);
      expect(cat.batches.filter((b) => b.productId === p.id).map((b) => b.code), p.id).toEqual([p.traceBatch]);
    }
    expect(cat.pairings.find((p) => p.id === 'yantian-dongyuan')).toMatchObject({ helper: { 'zh-CN': '盐田区' }, helped: { 'zh-CN': '河源市东源县' }, source: { kind: 'article', ref: '002' } });
    expect(cat.pairings.find((p) => p.id === 'qingdao-longnan')).toMatchObject({ since: 2016, source: { kind: 'article', ref: '004' } });
    for (const p of cat.producers) expect(p.source.kind, p.id).toBe('demo');
    for (const b of cat.batches) expect(b.source.kind, batchKey(b)).toBe('demo');
  });

  it('publishes products whose producer and pairing line are the kiosk demo package’s', async () => {
    const res = await post('/v1/admin/catalogue/publish');
    expect(res.status, await res.clone().text()).toBe(200);
    const { version } = (await res.json()) as { version: number };
    const published = ContentManifestSchema.parse(JSON.parse(readFileSync(contentPaths(dataDir).manifest(version), 'utf8')));
    expect(published.products).toHaveLength(kioskDemo.products.length);
    const cat = await catalogue();
    for (const own of kioskDemo.products) {
      const p = published.products.find((x) => x.id === own.id);
      expect(p?.origin.producer, own.id).toEqual(own.origin.producer);
      expect(p?.story.pairing, own.id).toEqual(own.story.pairing);
      expect(p?.traceBatch, own.id).toBe(own.traceBatch);
      const batch = cat.batches.find((b) => b.productId === own.id);
      expect(p?.origin.harvest?.['zh-CN'], own.id).toBe(`${batch?.harvestDate} 采收(示例)`);
      expect(p?.origin.source?.kind, own.id).toBe('demo');
    }
  });

  it('serves a demo product’s batch record on the trace page, marked demo', async () => {
    const cat = await catalogue();
    const rice = cat.products.find((p) => p.id === 'dongyuan-rice');
    const batch = cat.batches.find((b) => b.productId === 'dongyuan-rice');
    expect(rice && batch).toBeTruthy();
    const res = await fetch(`${platform.url}/trace/dongyuan-rice/${batch?.code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<time data-field="harvest">${batch?.harvestDate}</time>`);
    expect(html).toContain('东源稻米合作社(示例)');
    expect(html).toContain('合作社 Co-op');
    expect(html).toContain('盐田区 → 河源市东源县 · 对口扶贫');
    expect(html).toContain('data-demo="1"');
    expect(html).toContain('演示批次');
    expect((await fetch(`${platform.url}/trace/dongyuan-rice/NOT-A-BATCH`)).status).toBe(404);
  });
});
