import { describe, expect, it } from 'vitest';
import { ContentManifestSchema, type ContentManifest } from '../../../contract/content.ts';
import { attractSlides } from './attract-slides.ts';
import { CHINA_PATH, mapPointFromLonLat } from './china-outline.ts';

const sha = (c: string) => c.repeat(64);
const product = (id: string, images: string[] = []) => ({
  id,
  name: { 'zh-CN': id },
  unit: { 'zh-CN': '袋' },
  priceFen: 100,
  intro: { 'zh-CN': '介绍' },
  origin: { county: { 'zh-CN': '某县' } },
  story: { pairing: { 'zh-CN': 'A → B' }, text: { 'zh-CN': '故事' }, source: { kind: 'demo' } },
  images,
});
function manifest(extra: Partial<Record<'campaigns', unknown[]>> = {}): ContentManifest {
  return ContentManifestSchema.parse({
    format: 'kiosk-content/1',
    version: 1,
    publishedAt: '2025-01-01T00:00:00+08:00',
    publisher: 't',
    title: { 'zh-CN': '展销中心' },
    orderUrlBase: 'https://x.example/o/',
    traceUrlBase: 'https://x.example/t/',
    products: [product('aa'), product('bb', [sha('b')]), product('cc'), product('dd'), product('ee')],
    media: [],
    ...extra,
  });
}

describe('attractSlides by zone and time (issue 11)', () => {
  const campaign = (id: string, extra: object = {}) => ({ id, title: { 'zh-CN': id }, text: { 'zh-CN': id }, source: { kind: 'demo' }, ...extra });
  it('plays the campaigns of this zone in their window, and the catalogue when none plays', () => {
    const m = manifest({ campaigns: [campaign('live-morning', { zones: ['live-stream'], schedule: { from: '10:00', to: '12:00' } }), campaign('brand-all', { zones: ['brand'] }), campaign('everyone')] });
    const ids = (zone: 'live-stream' | 'brand', iso: string) => attractSlides(m, { zone, now: Date.parse(iso) }).map((s) => s.id);
    expect(ids('live-stream', '2026-12-01T11:00:00+08:00')).toEqual(['live-morning', 'everyone']);
    expect(ids('live-stream', '2026-12-01T13:00:00+08:00')).toEqual(['everyone']);
    expect(ids('brand', '2026-12-01T11:00:00+08:00')).toEqual(['brand-all', 'everyone']);
    const only = manifest({ campaigns: [campaign('later', { startsAt: '2027-01-01T00:00:00+08:00' })] });
    expect(attractSlides(only, { zone: 'brand', now: Date.parse('2026-12-01T00:00:00Z') }).map((s) => s.id)).toEqual(['catalogue']);
  });
});

describe('attractSlides', () => {
  it('is never empty: a built-in welcome without content', () => {
    expect(attractSlides(null)).toEqual([{ id: 'builtin', title: null, text: null, image: undefined, video: undefined, products: [], isDemo: false }]);
  });
  it('falls back to the catalogue when there are no campaigns', () => {
    const [slide, ...rest] = attractSlides(manifest());
    expect(rest).toEqual([]);
    expect(slide?.title).toEqual({ 'zh-CN': '展销中心' });
    expect(slide?.products.map((p) => p.id)).toEqual(['aa', 'bb', 'cc', 'dd']);
    expect(slide?.image).toBe(sha('b'));
  });
  it('shows campaigns with their featured products, dropping unknown ids', () => {
    const slides = attractSlides(
      manifest({
        campaigns: [
          { id: 'c1', title: { 'zh-CN': '活动' }, text: { 'zh-CN': '文' }, featuredProductIds: ['ee', 'zz', 'aa'], source: { kind: 'demo' } },
          { id: 'c2', title: { 'zh-CN': '活动2' }, text: { 'zh-CN': '文' }, image: sha('c'), video: sha('d'), source: { kind: 'article', ref: '001' } },
        ],
      }),
    );
    expect(slides.map((s) => s.id)).toEqual(['c1', 'c2']);
    expect(slides[0]?.products.map((p) => p.id)).toEqual(['ee', 'aa']);
    expect(slides[0]?.isDemo).toBe(true);
    expect(slides[1]?.products).toHaveLength(4); // no featured ids → first products
    expect(slides[1]?.isDemo).toBe(false);
    expect([slides[0]?.video, slides[1]?.video, slides[1]?.image]).toEqual([undefined, sha('d'), sha('c')]);
  });
});

describe('origin diagram projection', () => {
  it('maps longitude/latitude into the 0..1 frame content uses', () => {
    const dongyuan = mapPointFromLonLat(114.7, 23.8);
    expect(dongyuan.x).toBeCloseTo(0.67, 2);
    expect(dongyuan.y).toBeCloseTo(0.84, 2);
    expect(mapPointFromLonLat(0, 90)).toEqual({ x: 0, y: 0 });
  });
  it('builds a closed outline path', () => {
    expect(CHINA_PATH.startsWith('M')).toBe(true);
    expect(CHINA_PATH.match(/Z/g)).toHaveLength(3);
  });
});
