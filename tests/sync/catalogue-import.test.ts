import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductSchema } from '../../contract/content.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { buildImportSheet, type ImportSheet } from '../support/catalogue-sheet.ts';
import { startTestKiosk, watchSnapshots, type ScreenWatch } from '../support/kiosk-in-process.ts';
import { createAdminAccount, seedDemoCatalogue, signIn } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir, waitFor } from './helpers.ts';

/**
 * Spreadsheet import end to end (issue 11): the demo catalogue seeded on the platform, a
 * 1,000-row XLSX with 8 bad rows → the exact dry-run report, applied in one transaction,
 * published as a signed package, synced by a real kiosk whose shopper screen shows the new
 * text; then targeted publishes (a group the kiosk is not in, then its own).
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const t = tempDir('catalogue-import');
let platform: RunningPlatform;
let kiosk: Awaited<ReturnType<typeof startTestKiosk>>;
let screen: ScreenWatch;
let sheet: ImportSheet;

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
async function api(method: string, pathname: string, body?: unknown, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(`${platform.url}${pathname}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

interface JobView {
  id: string;
  state: string;
  progress: { done: number; total: number };
  counts: Record<string, number>;
  rows: Array<{ row: number; id: string | null; status: string; changes: Array<{ column: string; from: string; to: string }>; errors: Array<{ column: string; message: string }> }>;
  error: { code: string; message: string } | null;
}

async function upload(bytes: Buffer, type: string, headers: Record<string, string> = auth): Promise<JobView> {
  const res = await fetch(`${platform.url}/v1/admin/imports`, { method: 'POST', headers: { ...headers, 'content-type': type }, body: bytes });
  expect(res.status, await res.clone().text()).toBe(202);
  const job = (await res.json()) as JobView;
  const seen: number[] = [];
  let view = job;
  await waitFor(async () => {
    view = (await (await api('GET', `/v1/admin/imports/${job.id}`, undefined, headers)).json()) as JobView;
    seen.push(view.progress.done);
    return view.state === 'ready' || view.state === 'failed';
  }, 60_000, 'dry run finished');
  return view;
}

beforeAll(async () => {
  platform = await startTestPlatform(path.join(t.dir, 'platform'));
  await seedDemoCatalogue(platform.url, ADMIN_TOKEN, path.join(t.dir, 'demo'));
  const products = (await platform.deps.store.catalogueProducts()).map((r) => ProductSchema.parse(JSON.parse(r.doc)));
  sheet = await buildImportSheet(products);
  const { code } = (await (await api('POST', '/v1/admin/enrolment-codes', { uses: 1 })).json()) as { code: string };
  kiosk = await startTestKiosk({ platformUrl: platform.url, enrolCode: code, platformKeys: [platform.deps.key.publicKey.spki] });
  screen = await watchSnapshots(kiosk.kiosk);
}, 120_000);

afterAll(() =>
  teardown([
    ['screen socket', () => screen?.close()],
    ['kiosk', () => kiosk?.stop()],
    ['platform', () => platform?.close()],
    ['temp dir', () => t.cleanup()],
  ]),
);

const shown = () => screen.snapshots.at(-1)?.content;

describe('spreadsheet import', () => {
  let job: JobView;

  it('gives the exact row-by-row dry-run report for 1,000 rows and changes nothing yet', async () => {
    const revision = await platform.deps.store.catalogueRevision();
    job = await upload(sheet.xlsx, XLSX);
    expect(job.state).toBe('ready');
    expect(job.progress).toEqual({ done: 1000, total: 1000 });
    expect(job.counts).toEqual(sheet.counts);
    const invalid = job.rows.filter((r) => r.status === 'invalid');
    expect(invalid.map((r) => ({ row: r.row, id: r.id, column: r.errors[0]?.column }))).toEqual(sheet.bad.map((b) => ({ row: b.row, id: b.id, column: b.column })));
    for (const b of sheet.bad) if (b.message) expect(invalid.find((r) => r.row === b.row)?.errors[0]?.message, `row ${b.row}`).toBe(b.message);
    const changed = job.rows.filter((r) => r.status === 'changed');
    expect(changed).toEqual([
      expect.objectContaining({ id: sheet.changed.id, changes: [expect.objectContaining({ column: 'name.zh-CN', to: sheet.changed.nameZh }), expect.objectContaining({ column: 'story.text.en', to: sheet.changed.storyEn })] }),
    ]);
    expect(await platform.deps.store.catalogueRevision()).toBe(revision);
  });

  it('applies the valid rows in one transaction and audits each', async () => {
    const before = (await platform.deps.store.catalogueProducts()).length;
    const res = await api('POST', `/v1/admin/imports/${job.id}/apply`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await platform.deps.store.catalogueProducts()).length).toBe(before + sheet.counts.new);
    const again = await api('POST', `/v1/admin/imports/${job.id}/apply`, {});
    expect(again.status).toBe(409);
    const audit = await platform.deps.store.listAudit(2000);
    expect(audit.filter((a) => a.action === 'product.create')).toHaveLength(sheet.counts.new);
    expect(audit.find((a) => a.action === 'product.edit')?.target).toBe(`product:${sheet.changed.id}`);
  });

  it('publishes a signed package that a real kiosk shows without a restart', async () => {
    const res = await api('POST', '/v1/admin/catalogue/publish', { target: { kind: 'all' } });
    expect(res.status, await res.clone().text()).toBe(200);
    const { version } = (await res.json()) as { version: number };
    expect(version).toBe(2);
    await kiosk.kiosk.link.checkContentNow();
    await waitFor(() => shown()?.version === 2, 30_000, 'version 2 on the shopper screen');
    const eggs = shown()?.products.find((p) => p.id === sheet.changed.id);
    expect(eggs?.name['zh-CN']).toBe(sheet.changed.nameZh);
    expect(eggs?.story.text.en).toBe(sheet.changed.storyEn);
    expect(shown()?.products).toHaveLength(27 + sheet.counts.new);
  });

  it('refuses a bad header, a stale apply and an unreadable file with clear reasons', async () => {
    const header = await upload(Buffer.from('id,nmae.zh-CN\nx,y\n'), 'text/csv');
    expect(header.error).toEqual({ code: 'bad-header', message: expect.stringContaining('“nmae.zh-CN” is not a known column') as unknown });
    const junk = await upload(Buffer.from('PK\u0003\u0004 not really a zip'), XLSX);
    expect(junk.error?.code).toBe('unreadable');
    const a = await upload(Buffer.from('id,name.zh-CN\ndongyuan-rice,东源大米 A\n'), 'text/csv');
    const b = await upload(Buffer.from('id,name.zh-CN\ndongyuan-rice,东源大米 B\n'), 'text/csv');
    expect((await api('POST', `/v1/admin/imports/${a.id}/apply`, {})).status).toBe(200);
    const stale = await api('POST', `/v1/admin/imports/${b.id}/apply`, {});
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('stale');
    const rice = (await platform.deps.store.catalogueProducts()).find((r) => r.productId === 'dongyuan-rice');
    expect(JSON.parse(rice?.doc ?? '{}')).toMatchObject({ name: { 'zh-CN': '东源大米 A' } });
  });

  it('publishes to a group or one kiosk; other kiosks keep their version', async () => {
    const kioskId = (await platform.deps.store.listKiosks())[0]?.kioskId ?? '';
    expect((await api('PUT', `/v1/admin/kiosks/${kioskId}/groups`, { groups: ['hall-a'] })).status).toBe(200);
    const other = await api('POST', '/v1/admin/catalogue/publish', { target: { kind: 'group', group: 'hall-b' } });
    expect(other.status).toBe(200);
    expect((await platform.deps.store.latestContentFor(kioskId))?.version).toBe(2);
    const mine = await api('POST', '/v1/admin/catalogue/publish', { target: { kind: 'group', group: 'hall-a' } });
    const { version } = (await mine.json()) as { version: number };
    await kiosk.kiosk.link.checkContentNow();
    await waitFor(() => shown()?.version === version, 30_000, 'the group version on screen');
    expect(shown()?.products.find((p) => p.id === 'dongyuan-rice')?.name['zh-CN']).toBe('东源大米 A');
    const single = await api('POST', '/v1/admin/catalogue/publish', { target: { kind: 'kiosk', kioskId: 'no-such-kiosk' } });
    expect(single.status).toBe(404);
  });

  it('serves the trace page a 溯源码 opens from the batch record, and 404s an unknown batch', async () => {
    const eggs = (await platform.deps.store.catalogueProducts()).find((r) => r.productId === sheet.changed.id);
    const product = ProductSchema.parse(JSON.parse(eggs?.doc ?? '{}'));
    const batch = product.traceBatch ?? product.origin.batch ?? '';
    const page = await fetch(`${platform.url}/trace/${product.id}/${encodeURIComponent(batch)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain(sheet.changed.nameZh);
    expect(html).toContain(`<code data-field="batch">${batch}</code>`);
    expect(html).toContain('data-demo="1"');
    expect((await fetch(`${platform.url}/trace/${product.id}/NOT-THE-BATCH`)).status).toBe(404);
    expect((await fetch(`${platform.url}/trace/no-such-product/${encodeURIComponent(batch)}`)).status).toBe(404);
  });

  it('lets an editor import but not publish, and exports what it holds', async () => {
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'ed', ['editor']);
    const cookie = await signIn(platform.url, 'ed');
    const session = { cookie, origin: platform.url };
    const job2 = await upload(Buffer.from('id,unit.en\ndongyuan-eggs,box of 30\n'), 'text/csv', session);
    expect(job2.counts.changed).toBe(1);
    expect((await api('POST', '/v1/admin/catalogue/publish', {}, session)).status).toBe(403);
    const bytes = Buffer.from(await (await api('GET', '/v1/admin/catalogue/export.csv', undefined, session)).arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = bytes.toString('utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFid,name\.zh-CN,/);
    expect(csv).toContain(sheet.changed.nameZh);
    const template = await api('GET', '/v1/admin/catalogue/template.xlsx', undefined, session);
    expect(template.headers.get('content-type')).toBe(XLSX);
    const manifest = (await (await api('GET', '/v1/admin/catalogue/package.json', undefined, session)).json()) as { format: string; products: unknown[] };
    expect(manifest.format).toBe('kiosk-content/1');
    expect(manifest.products).toHaveLength(27 + sheet.counts.new);
  });

  it('imports a JSON package: every field compared, bad products reported by field, then applied', async () => {
    const manifest = (await (await api('GET', '/v1/admin/catalogue/package.json')).json()) as { products: Array<Record<string, unknown>> };
    const [first, second] = manifest.products;
    if (!first || !second) throw new Error('the package has products');
    // A certification is a field no sheet column carries: the package import must still see it.
    const edited = { ...first, certifications: [{ 'zh-CN': '绿色食品（演示）', en: 'Green Food (demo)' }] };
    const nameless = { ...second, id: 'json-nameless', name: undefined };
    const badPrice = { ...second, id: 'json-bad-price', priceFen: 12.5 };
    const repeated = { ...second };
    const unchanged = manifest.products.slice(2, 5);
    const job = await upload(Buffer.from(JSON.stringify({ products: [edited, nameless, badPrice, repeated, ...unchanged, second] })), 'application/json');
    expect(job.error).toBeNull();
    expect(job.counts).toEqual({ new: 0, changed: 1, unchanged: 4, invalid: 3 });
    expect(job.rows[0]).toMatchObject({ row: 1, id: first.id, status: 'changed' });
    expect(job.rows[0]?.changes.map((c) => c.column)).toEqual(expect.arrayContaining(['certifications.0.zh-CN', 'certifications.0.en']));
    expect(job.rows[1]).toMatchObject({ row: 2, id: 'json-nameless', status: 'invalid', errors: [{ column: 'name' }] });
    expect(job.rows[2]).toMatchObject({ row: 3, id: 'json-bad-price', status: 'invalid', errors: [{ column: 'priceFen' }] });
    expect(job.rows[3]).toMatchObject({ row: 4, status: 'unchanged' });
    expect(job.rows[7]).toMatchObject({ row: 8, id: second.id, status: 'invalid', errors: [{ column: 'id', message: 'the same id is already product 4' }] });

    const applied = await api('POST', `/v1/admin/imports/${job.id}/apply`, {});
    expect(applied.status, await applied.clone().text()).toBe(200);
    const stored = (await platform.deps.store.catalogueProducts()).find((r) => r.productId === first.id);
    expect(ProductSchema.parse(JSON.parse(stored?.doc ?? '{}')).certifications).toEqual(edited.certifications);
    expect((await platform.deps.store.catalogueProducts()).some((r) => r.productId.startsWith('json-'))).toBe(false);

    for (const [body, why] of [['{"products": 7}', 'a manifest.json with a "products" array'], ['{"products": []}', 'no products']] as const) {
      const bad = await upload(Buffer.from(body), 'application/json');
      expect(bad.error).toEqual({ code: 'unreadable', message: expect.stringContaining(why) as unknown });
    }
  });

  it('checks that a row names producer and pairing records that exist', async () => {
    const sheetWith = (producer: string) => Buffer.from(`id,producerId,pairingId\ndongyuan-eggs,${producer},yantian-dongyuan\n`);
    const before = await upload(sheetWith('dy-egg-coop'), 'text/csv');
    expect(before.rows[0]).toMatchObject({ status: 'invalid', errors: [{ column: 'producerId', message: expect.stringContaining('no producer “dy-egg-coop”') as unknown }, { column: 'pairingId' }] });

    const cat = (await (await api('GET', '/v1/admin/authoring/catalogue')).json()) as { revision: number };
    const source = { kind: 'demo' };
    const producer = { id: 'dy-egg-coop', kind: 'co-op', name: { 'zh-CN': '东源蛋鸡合作社（演示）' }, county: { 'zh-CN': '东源县' }, source };
    const saved = await api('PUT', '/v1/admin/authoring/producers/dy-egg-coop', { revision: cat.revision, record: producer });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const { revision } = (await saved.json()) as { revision: number };
    const pairing = { id: 'yantian-dongyuan', helper: { 'zh-CN': '深圳市盐田区' }, helped: { 'zh-CN': '河源市东源县' }, source };
    expect((await api('PUT', '/v1/admin/authoring/pairings/yantian-dongyuan', { revision, record: pairing })).status).toBe(200);

    const after = await upload(sheetWith('dy-egg-coop'), 'text/csv');
    expect(after.rows[0]).toMatchObject({ status: 'changed', errors: [] });
    expect(after.rows[0]?.changes.map((c) => c.column).sort()).toEqual(['pairingId', 'producerId']);
  });
});

