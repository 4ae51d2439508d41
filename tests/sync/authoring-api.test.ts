import { createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntrySchema, MediaUploadResponseSchema, pairingLine, type AuthoringCatalogue, type Batch, type Pairing, type Producer } from '../../contract/authoring.ts';
import { ContentManifestSchema, ContentSignatureSchema, type Campaign, type Product } from '../../contract/content.ts';
import { contentPaths } from '../../platform/content/publish.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { expectError, expectSaved, readAuthoringCatalogue } from '../support/authoring.ts';
import { createAdminAccount, seedDemoCatalogue, sessionRequest, signIn } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from './helpers.ts';

/**
 * The authoring app's backend (issue 11) on a real platform over HTTP with a signed-in editor's
 * session cookie: records saved, validated, refused as stale or in use, audited; media uploads
 * with renditions; a publish folding producers, pairings and batches; the trace page from batch
 * records. Runs on both stores.
 */
const t = tempDir('authoring-api');
const dataDir = path.join(t.dir, 'platform');
let platform: RunningPlatform;
let cookie = '';
let product: Product;
let plainProduct: Product;

const call = (method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) => sessionRequest(platform.url, cookie, method, pathname, body, headers);
const catalogue = (): Promise<AuthoringCatalogue> => readAuthoringCatalogue(platform.url, { cookie });

async function save(plural: string, id: string, record: unknown, revision?: number): Promise<Response> {
  return call('PUT', `/v1/admin/authoring/${plural}/${id}`, { revision: revision ?? (await catalogue()).revision, record });
}

const mediaFiles = () => readdirSync(path.join(contentPaths(dataDir).root, 'media')).sort();
const audit = async (query = 'limit=50') => {
  const res = await call('GET', `/v1/admin/audit?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: unknown[] }).entries.map((e) => AuditEntrySchema.parse(e));
};

const producer: Producer = {
  id: 'dongyuan-coop',
  kind: 'co-op',
  name: { 'zh-CN': '东源县示范合作社', en: 'Dongyuan demo co-op' },
  county: { 'zh-CN': '河源市东源县' },
  township: { 'zh-CN': '船塘镇' },
  contact: '13800000000 张主任',
  source: { kind: 'demo' },
};
const pairing: Pairing = { id: 'yantian-dongyuan', helper: { 'zh-CN': '深圳市盐田区' }, helped: { 'zh-CN': '河源市东源县' }, since: 2016, source: { kind: 'article', ref: '002' } };
const oldBatch = (productId: string): Batch => ({ code: 'DY-2026-06', productId, producerId: 'dongyuan-coop', harvestDate: '2026-06-01', source: { kind: 'demo' } });
const newBatch = (productId: string): Batch => ({
  code: 'DY-2026-10',
  productId,
  producerId: 'dongyuan-coop',
  harvestDate: '2026-10-20',
  packedDate: '2026-10-22',
  quantity: { value: 1200, unit: { 'zh-CN': '袋', en: 'bags' } },
  inspection: { agency: { 'zh-CN': '东源县农产品质量检测站' }, date: '2026-10-21', result: 'pass', reportNo: 'QT-2026-0042' },
  notes: { 'zh-CN': '晚稻' },
  source: { kind: 'demo' },
});

beforeAll(async () => {
  platform = await startTestPlatform(dataDir);
  await seedDemoCatalogue(platform.url, ADMIN_TOKEN, path.join(t.dir, 'demo'));
  await createAdminAccount(platform.url, ADMIN_TOKEN, 'editor1', ['editor']);
  cookie = await signIn(platform.url, 'editor1');
  const cat = await catalogue();
  [product, plainProduct] = cat.products as [Product, Product];
}, 120_000);

afterAll(() => teardown([['platform', () => platform?.close()], ['temp dir', () => t.cleanup()]]));

describe('records', () => {
  it('answers the whole authoring catalogue in the contract shape', async () => {
    const cat = await catalogue();
    expect(cat.products.length).toBeGreaterThan(5);
    expect(cat.meta?.title['zh-CN']).toBeTruthy();
    expect(cat.campaigns.length).toBeGreaterThan(0);
    expect(cat.producers).toEqual([]);
    expect((await fetch(`${platform.url}/v1/admin/authoring/catalogue`)).status).toBe(401);
  });

  it('lists every field problem of a bad record and changes nothing', async () => {
    const before = await catalogue();
    const entries = (await audit()).length;
    const bad = { ...producer, id: 'other-id', kind: 'farmer', name: { en: 'no zh-CN' } };
    const err = await expectError(await save('producers', 'dongyuan-coop', bad, before.revision), 422, 'invalid');
    const paths = err.issues?.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['kind', 'name.zh-CN', 'id']));
    const badProduct = { ...product, producerId: 'nobody', pairingId: 'nothing', images: [...product.images, 'f'.repeat(64)], priceFen: -1 };
    const perr = await expectError(await save('products', product.id, badProduct, before.revision), 422, 'invalid');
    expect(perr.issues?.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['priceFen', 'producerId', 'pairingId', `images.${product.images.length}`]));
    const berr = await expectError(await save('batches', `${product.id}/X1`, { ...oldBatch('no-such-product'), code: 'X1' }, before.revision), 422, 'invalid');
    expect(berr.issues?.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['productId', 'producerId']));
    expect((await catalogue()).revision).toBe(before.revision);
    expect(await audit()).toHaveLength(entries);
  });

  it('saves records, refuses a stale revision, and audits each save with what changed', async () => {
    const r0 = (await catalogue()).revision;
    const r1 = await expectSaved(await save('producers', producer.id, producer, r0));
    expect(r1).toBe(r0 + 1);
    await expectError(await save('producers', producer.id, { ...producer, households: 40 }, r0), 409, 'stale');
    const r2 = await expectSaved(await save('producers', producer.id, { ...producer, households: 40, contact: '13900000000' }, r1));
    const r3 = await expectSaved(await save('pairings', pairing.id, pairing, r2));
    const r4 = await expectSaved(await save('products', product.id, { ...product, producerId: producer.id, pairingId: pairing.id }, r3));
    const r5 = await expectSaved(await save('batches', `${product.id}/DY-2026-06`, oldBatch(product.id), r4));
    await expectSaved(await save('batches', `${product.id}/DY-2026-10`, newBatch(product.id), r5));
    const cat = await catalogue();
    expect(cat.producers).toEqual([{ ...producer, households: 40, contact: '13900000000' }]);
    expect(cat.batches.map((b) => b.code)).toEqual(['DY-2026-06', 'DY-2026-10']);
    expect(cat.products.find((p) => p.id === product.id)?.producerId).toBe(producer.id);

    const entries = await audit('limit=6');
    expect(entries.map((e) => e.action)).toEqual(['batch.save', 'batch.save', 'product.save', 'pairing.save', 'producer.save', 'producer.save']);
    expect(entries[0]?.target).toBe(`batch:${product.id}/DY-2026-10`);
    expect(entries[0]?.actor).toBe('account:editor1');
    expect(JSON.parse(entries[2]?.detail ?? '')).toEqual({ changed: ['pairingId', 'producerId'] });
    expect(JSON.parse(entries[4]?.detail ?? '')).toEqual({ changed: ['contact', 'households'] });
    expect(JSON.parse(entries[5]?.detail ?? '')).toEqual({ created: true });
    const older = await audit(`limit=1000&before=${(entries[0]?.at ?? 0) + 1}`);
    expect(older[0]).toEqual(entries[0]);
    await expectError(await call('GET', '/v1/admin/audit?before=yesterday'), 400, 'bad-request');
  });

  it('validates campaigns one at a time and keeps the whole-set route working', async () => {
    const cat = await catalogue();
    const base: Campaign = { ...(cat.campaigns[0] as Campaign), id: 'autumn-rice', startsAt: '2026-11-01T00:00:00+08:00', endsAt: '2026-12-01T00:00:00+08:00' };
    const bad = { ...base, featuredProductIds: [product.id, 'no-such-product'], prices: [{ productId: 'gone', priceFen: 100 }], image: 'a'.repeat(64), endsAt: '2026-10-01T00:00:00+08:00' };
    const err = await expectError(await save('campaigns', 'autumn-rice', bad, cat.revision), 422, 'invalid');
    expect(err.issues?.map((i) => i.path.join('.')).sort()).toEqual(['endsAt', 'featuredProductIds.1', 'image', 'prices.0.productId']);
    await expectError(await save('campaigns', 'autumn-rice', { ...base, id: 'other' }, cat.revision), 422, 'invalid');
    await expectSaved(await save('campaigns', 'autumn-rice', { ...base, featuredProductIds: [product.id] }, cat.revision));
    const whole = (await (await call('GET', '/v1/admin/catalogue/campaigns')).json()) as { campaigns: Campaign[] };
    expect(whole.campaigns.map((c) => c.id)).toContain('autumn-rice');
    expect(whole.campaigns).toHaveLength(cat.campaigns.length + 1);
  });

  it('refuses to delete what is unknown, stale or still in use; deletes the rest', async () => {
    let cat = await catalogue();
    await expectError(await call('DELETE', `/v1/admin/authoring/producers/nobody-here?revision=${cat.revision}`), 404, 'not-found');
    await expectError(await call('DELETE', `/v1/admin/authoring/producers/${producer.id}`), 400, 'bad-request');
    const inUse = await expectError(await call('DELETE', `/v1/admin/authoring/producers/${producer.id}?revision=${cat.revision}`), 409, 'in-use');
    expect(inUse.message).toContain(`product ${product.id}`);
    await expectError(await call('DELETE', `/v1/admin/authoring/pairings/${pairing.id}?revision=${cat.revision}`), 409, 'in-use');
    const withBatches = await expectError(await call('DELETE', `/v1/admin/authoring/products/${product.id}?revision=${cat.revision}`), 409, 'in-use');
    expect(withBatches.message).toContain('batch DY-2026-06');
    expect(withBatches.message).toContain('campaign autumn-rice');
    const r = await expectSaved(await save('pairings', 'spare-pairing', { ...pairing, id: 'spare-pairing' }, cat.revision));
    await expectError(await call('DELETE', `/v1/admin/authoring/pairings/spare-pairing?revision=${cat.revision}`), 409, 'stale');
    await expectSaved(await call('DELETE', `/v1/admin/authoring/pairings/spare-pairing?revision=${r}`));
    cat = await catalogue();
    expect(cat.pairings.map((p) => p.id)).toEqual([pairing.id]);
    const [last] = await audit('limit=1');
    expect(last).toMatchObject({ action: 'pairing.delete', target: 'pairing:spare-pairing', actor: 'account:editor1' });
  });

  it('refuses a write from a foreign origin or without one', async () => {
    const cat = await catalogue();
    const put = (origin: Record<string, string>) =>
      fetch(`${platform.url}/v1/admin/authoring/pairings/${pairing.id}`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...origin }, body: JSON.stringify({ revision: cat.revision, record: pairing }) });
    await expectError(await put({ origin: 'https://evil.example' }), 403, 'csrf');
    await expectError(await put({}), 403, 'csrf');
    expect((await catalogue()).revision).toBe(cat.revision);
  });
});

describe('media', () => {
  let display = '';

  it('stores an upload by sha256 with display and thumb renditions, once', async () => {
    const png = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 200, g: 40, b: 30 } } }).png().toBuffer();
    const res = await call('POST', '/v1/admin/media?name=rice.png', png, { 'content-type': 'image/png' });
    expect(res.status, await res.clone().text()).toBe(201);
    const up = MediaUploadResponseSchema.parse(await res.json());
    expect(up.asset).toMatchObject({ mime: 'image/png', bytes: png.length, width: 2400, height: 1200, name: 'rice.png' });
    const [disp, thumb] = up.renditions;
    expect(disp).toMatchObject({ mime: 'image/webp', width: 1600, height: 800, of: up.asset.sha256 });
    expect(thumb).toMatchObject({ mime: 'image/webp', width: 320, height: 160, of: up.asset.sha256 });
    expect(up.asset.renditions).toEqual({ display: disp?.sha256, thumb: thumb?.sha256 });
    display = disp?.sha256 ?? '';
    const served = await call('GET', `/v1/admin/media/${display}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ format: 'webp', width: 1600, height: 800 });
    expect((await fetch(`${platform.url}/v1/admin/media/${display}`)).status).toBe(401);

    const files = mediaFiles();
    const again = await call('POST', '/v1/admin/media', png, { 'content-type': 'image/png' });
    expect(again.status).toBe(200);
    const same = MediaUploadResponseSchema.parse(await again.json());
    expect(same.asset.sha256).toBe(up.asset.sha256);
    expect(same.revision).toBe(up.revision);
    expect(mediaFiles()).toEqual(files);
    const listed = (await catalogue()).media.filter((m) => m.sha256 === up.asset.sha256 || m.of === up.asset.sha256);
    expect(listed).toHaveLength(3);
  });

  it('refuses corrupt, mislabelled, scripted and oversized uploads and stores nothing', async () => {
    const files = mediaFiles();
    const { revision } = await catalogue();
    const noisy = await sharp(Buffer.from(Array.from({ length: 300 * 300 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 300, height: 300, channels: 3 } }).png().toBuffer();
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0a0' } }).jpeg().toBuffer();
    const scripted = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>');
    const external = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>');
    for (const [bytes, type] of [[noisy.subarray(0, noisy.length / 2), 'image/png'], [Buffer.from('not an image at all'), 'image/png'], [jpeg, 'image/png'], [scripted, 'image/svg+xml'], [external, 'image/svg+xml']] as const) {
      const err = await expectError(await call('POST', '/v1/admin/media', bytes, { 'content-type': type }), 422, 'bad-image');
      expect(err.message.length).toBeGreaterThan(10);
    }
    await expectError(await call('POST', '/v1/admin/media', Buffer.from('GIF89a'), { 'content-type': 'image/gif' }), 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE');
    expect((await call('POST', '/v1/admin/media', Buffer.alloc(10 * 1024 * 1024 + 1), { 'content-type': 'image/png' })).status).toBe(413);
    expect(mediaFiles()).toEqual(files);
    expect((await catalogue()).revision).toBe(revision);
  });

  it('takes a clean SVG as it is (no renditions)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><defs><linearGradient id="g"/></defs><rect width="40" height="20" fill="url(#g)"/></svg>');
    const res = await call('POST', '/v1/admin/media', svg, { 'content-type': 'image/svg+xml' });
    expect(res.status, await res.clone().text()).toBe(201);
    const up = MediaUploadResponseSchema.parse(await res.json());
    expect(up.renditions).toEqual([]);
    expect((await call('GET', `/v1/admin/media/${up.asset.sha256}`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('publishes products folded with their producer, pairing and current batch, shipping only referenced media', async () => {
    const cat = await catalogue();
    const upload = cat.media.find((m) => m.renditions?.display === display);
    const notDisplay = await expectError(await save('products', product.id, { ...product, images: [upload?.sha256, upload?.renditions?.thumb] }, cat.revision), 422, 'invalid');
    expect(notDisplay.issues?.map((i) => i.message)).toEqual([expect.stringContaining('use its display rendition'), expect.stringContaining('is a thumbnail')]);
    await expectSaved(await save('products', product.id, { ...product, producerId: producer.id, pairingId: pairing.id, images: [display] }, cat.revision));
    const res = await fetch(`${platform.url}/v1/admin/catalogue/publish`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status, await res.clone().text()).toBe(200);
    const { version } = (await res.json()) as { version: number };
    const bytes = readFileSync(contentPaths(dataDir).manifest(version));
    const sig = ContentSignatureSchema.parse(JSON.parse(readFileSync(contentPaths(dataDir).signature(version), 'utf8')));
    const key = createPublicKey({ key: Buffer.from(platform.deps.key.publicKey.spki, 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, bytes, key, Buffer.from(sig.sig, 'base64'))).toBe(true);
    const manifest = ContentManifestSchema.parse(JSON.parse(bytes.toString('utf8')));
    const shipped = manifest.products.find((p) => p.id === product.id);
    expect(shipped?.origin.producer).toEqual(producer.name);
    expect(shipped?.story.pairing).toEqual(pairingLine(pairing));
    expect(shipped?.traceBatch).toBe('DY-2026-10');
    expect(shipped?.origin.batch).toBe('DY-2026-10');
    expect(shipped?.origin.harvest?.['zh-CN']).toBe('2026-10-20 采收(示例)');
    expect(JSON.stringify(manifest)).not.toContain(producer.contact);
    const media = new Set(manifest.media.map((m) => m.sha256));
    expect(media.has(display)).toBe(true);
    expect(media.has(upload?.sha256 ?? '')).toBe(false);
    expect(media.has(upload?.renditions?.thumb ?? '')).toBe(false);
  });
});

describe('trace page', () => {
  const page = (p: string) => fetch(`${platform.url}/trace/${p}`);

  it('serves any batch of a product with batch records, never the producer contact', async () => {
    const current = await page(`${product.id}/DY-2026-10`);
    expect(current.status).toBe(200);
    const html = await current.text();
    for (const text of ['DY-2026-10', '2026-10-20', '2026-10-22', '1200', '东源县示范合作社', '合作社', '船塘镇', '东源县农产品质量检测站', '合格', 'QT-2026-0042', '晚稻', '深圳市盐田区 → 河源市东源县', 'data-demo="1"']) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('13900000000');
    expect(html).not.toContain('data-older');
    const old = await page(`${product.id}/DY-2026-06`);
    expect(old.status).toBe(200);
    const oldHtml = await old.text();
    expect(oldHtml).toContain('2026-06-01');
    expect(oldHtml).toContain('data-older="1"');
    expect((await page(`${product.id}/DY-2025-01`)).status).toBe(404);
    expect((await page(`${product.id}/${encodeURIComponent('<x>')}`)).status).toBe(404);
  });

  it('keeps the product-field page for products without batch records', async () => {
    const batch = plainProduct.traceBatch ?? plainProduct.origin.batch ?? 'none';
    const res = await page(`${plainProduct.id}/${batch}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(batch);
    expect((await page(`${plainProduct.id}/not-${batch}`)).status).toBe(404);
  });
});
