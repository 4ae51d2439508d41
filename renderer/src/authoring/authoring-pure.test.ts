import { describe, expect, it } from 'vitest';
import { AuthoringCatalogueSchema, type AuthoringCatalogue } from '../../../contract/authoring.ts';
import { ContentManifestSchema, ProductSchema } from '../../../contract/content.ts';
import { fromHallLocal, toHallLocal, yuanToFen } from './form/hall-time.ts';
import { issuesByField, liveServerIssues, validateDraft } from './form/issues.ts';
import { setLocaleText } from './form/fields.tsx';
import { draftManifest } from './preview/draft-manifest.ts';
import { parseRoute, routeHref } from './shell/route.ts';
import { previewFrame } from '../preview/preview-snapshot.ts';

const text = (zh: string) => ({ 'zh-CN': zh });
const product = ProductSchema.parse({
  id: 'rice',
  name: text('东源大米'),
  unit: text('袋'),
  priceFen: 6880,
  intro: text('好米'),
  origin: { county: text('东源县') },
  story: { pairing: text('旧的帮扶关系'), text: text('故事'), source: { kind: 'demo' } },
  producerId: 'co-op-a',
  pairingId: 'yt-dy',
});
const catalogue: AuthoringCatalogue = AuthoringCatalogueSchema.parse({
  model: 'catalogue-model/1',
  revision: 7,
  meta: { title: text('展销中心'), orderUrlBase: 'https://shop.example/o/', traceUrlBase: 'https://shop.example/t/' },
  products: [product],
  producers: [{ id: 'co-op-a', kind: 'co-op', name: text('甲合作社'), county: text('东源县'), source: { kind: 'demo' } }],
  pairings: [{ id: 'yt-dy', helper: text('深圳市盐田区'), helped: text('河源市东源县'), source: { kind: 'demo' } }],
  batches: [{ code: 'B1', productId: 'rice', harvestDate: '2024-10-01', source: { kind: 'demo' } }],
  campaigns: [],
  liveStreams: [],
  media: [],
  published: { version: 4, publishedAt: 0 },
});

describe('authoring: routes', () => {
  it('round-trips every screen, batch ids with their slash included', () => {
    for (const hash of ['#/', '#/producers', '#/product/rice', '#/batch/rice/B1', '#/campaign/new', '#/live-streams', '#/live-stream/tea-0603', '#/media', '#/audit']) expect(routeHref(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/live-stream/new')).toEqual({ screen: 'edit', kind: 'liveStream', id: null });
    expect(parseRoute('#/liveStreams')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/batch/rice/B1')).toEqual({ screen: 'edit', kind: 'batch', id: 'rice/B1' });
    expect(parseRoute('#/nonsense/x/y')).toEqual({ screen: 'overview' });
  });
});

describe('authoring: field issues', () => {
  it('maps schema problems to dotted field keys, and keeps a server issue only while its field is unchanged', () => {
    const draft = { ...product, name: text(''), priceFen: Number.NaN };
    const byField = issuesByField(validateDraft(ProductSchema, draft));
    expect([...byField.keys()].sort()).toEqual(['name.zh-CN', 'priceFen']);
    const reported = [{ issue: { path: ['producerId'], message: 'unknown producer' }, value: JSON.stringify('co-op-a') }];
    expect(liveServerIssues(reported, product)).toHaveLength(1);
    expect(liveServerIssues(reported, { ...product, producerId: 'co-op-b' })).toHaveLength(0);
  });

  it('drops empty optional locales and removes an optional text left empty', () => {
    expect(setLocaleText({ 'zh-CN': '甲', en: 'A' }, 'en', '', false)).toEqual({ 'zh-CN': '甲' });
    expect(setLocaleText({ 'zh-CN': '甲' }, 'zh-CN', '', true)).toBeUndefined();
    expect(setLocaleText(undefined, 'zh-TW', '乙', true)).toEqual({ 'zh-CN': '', 'zh-TW': '乙' });
  });
});

describe('authoring: money and hall time', () => {
  it('reads yuan as typed into fen, and nothing else', () => {
    expect([yuanToFen('12.8'), yuanToFen('12.80'), yuanToFen('0.05'), yuanToFen('7')]).toEqual([1280, 1280, 5, 700]);
    for (const bad of ['', '1.234', '-1', '1e3', '¥5']) expect(yuanToFen(bad)).toBeNaN();
  });
  it('converts datetime-local values in hall time (+08:00) both ways', () => {
    expect(fromHallLocal('2030-06-03T11:00')).toBe('2030-06-03T11:00:00+08:00');
    expect(toHallLocal(Date.parse('2030-06-03T03:00:00Z'))).toBe('2030-06-03T11:00');
    expect(fromHallLocal('')).toBeUndefined();
  });
});

describe('authoring: the preview manifest', () => {
  it('is a valid package manifest with the draft folded by foldProduct (producer, pairing, batch)', () => {
    const edited = { ...product, story: { ...product.story, text: text('新故事') } };
    const manifest = ContentManifestSchema.parse(draftManifest(catalogue, { kind: 'product', record: edited, originalId: 'rice' }, 'http://127.0.0.1:1', 0));
    const shown = manifest.products[0];
    expect(shown?.story.text['zh-CN']).toBe('新故事');
    expect(shown?.story.pairing['zh-CN']).toBe('深圳市盐田区 → 河源市东源县');
    expect(shown?.origin.producer?.['zh-CN']).toBe('甲合作社');
    expect(shown?.origin.batch).toBe('B1');
    expect(manifest.version).toBe(5);
  });
  it('puts a campaign draft first, and the preview page turns the message into a lifted product or the attract loop', () => {
    const campaign = { id: 'c1', title: text('活动'), text: text('文字'), featuredProductIds: [], source: { kind: 'demo' as const }, zones: ['brand' as const] };
    const content = draftManifest(catalogue, { kind: 'campaign', record: campaign, originalId: null }, 'http://127.0.0.1:1', 0);
    const attract = previewFrame({ type: 'kiosk-preview', content, productId: null, locale: 'en', orientation: 'landscape', zone: 'brand', now: 5 });
    expect(attract.ok && attract.value.content.campaigns[0]?.id).toBe('c1');
    expect(attract.ok && attract.value.lifted).toEqual([]);
    expect(attract.ok && attract.value.settings).toMatchObject({ defaultLocale: 'en', orientation: 'landscape', zone: 'brand' });
    const lifted = previewFrame({ type: 'kiosk-preview', content, productId: 'rice', locale: 'zh-CN', orientation: 'portrait' });
    expect(lifted.ok && lifted.value.lifted.map((l) => l.productId)).toEqual(['rice']);
    const stream = { id: 's1', title: text('直播'), startsAt: '2030-06-03T10:00:00+08:00', endsAt: '2030-06-03T12:00:00+08:00', zones: ['live-stream' as const] };
    const withStream = draftManifest(catalogue, { kind: 'liveStream', record: stream, originalId: null }, 'http://127.0.0.1:1', 0);
    expect(ContentManifestSchema.parse(withStream).liveStreams).toEqual([stream]);
    const broken = previewFrame({ type: 'kiosk-preview', content: { ...content, products: [] }, productId: null, locale: 'zh-CN', orientation: 'portrait' });
    expect(broken.ok).toBe(false);
  });
});
