import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentManifest } from '../contract/content.ts';
import type { LocalizedText } from '../contract/locale.ts';
import { buildDemoPackage } from './build-demo.ts';
import { DEMO_PRODUCTS } from './demo/products.ts';
import { readPackage } from './verify-package.ts';

/** Ids are referenced by planograms and recorded events: renaming one is a breaking change. */
const EXPECTED_IDS = [
  'dongyuan-veg-box', 'dongyuan-fruit-box', 'dongyuan-greens', 'dongyuan-eggs', 'dongyuan-rice',
  'dongyuan-yuba', 'dongyuan-camellia-oil', 'dongyuan-tea', 'dongyuan-huangjiu', 'dongyuan-selection',
  'maoba-vine-tea', 'maoba-vine-tea-gift', 'maoba-specialty-box',
  'lanzhou-lily', 'lanzhou-lily-dried', 'jingning-apple', 'dingxi-potato', 'longnan-dahongpao-pepper',
  'longnan-specialty-box', 'gansu-assisted-village-box',
  'huayuan-kiwi-demo', 'huayuan-specialty-box-demo', 'shanshan-raisins-demo', 'shanshan-melon-demo',
  'hengyang-county-box-demo', 'leye-honey-demo', 'lingyun-tea-demo',
];

/** Simplified-only characters used in the catalogue's zh-CN text (checked once with OpenCC s2t). */
const SIMPLIFIED_ONLY =
  '万与专业东两个丰为举乐乡买于云产亿从仪优伙会传体兰关养内写军农冲准凉减划办务动励区医华协单卤卫压县参发台叶后员园围国图场坛坝壮处够头学宁实对导将尔尽层岛带帮干广应开当录态总户扫报拨挥数断时显晒机条来构标样档气汤泽浆涌温炖点热独狭猕环现电疗盐盘码礼种笼签简篮类籼紧红约级纪线组细织经结绕给统继维绿网罗联肃脱节苹茎营装见计订认议许设证识说调财货质贫购贴贸费资赠软达过运这进适选酿采里铃销镇长问间闻阳陇随静项顺预领颗题额饭饮饲馆馈马验鲜鳞鸡黄齿龙';

const HAN = /\p{Script=Han}/u;

function mainTexts(m: ContentManifest): Array<[string, LocalizedText | undefined]> {
  return m.products.flatMap((p) => [
    [`${p.id}.name`, p.name],
    [`${p.id}.unit`, p.unit],
    [`${p.id}.intro`, p.intro],
    [`${p.id}.origin.county`, p.origin.county],
    [`${p.id}.origin.province`, p.origin.province],
    [`${p.id}.origin.township`, p.origin.township],
    [`${p.id}.origin.producer`, p.origin.producer],
    [`${p.id}.story.pairing`, p.story.pairing],
    [`${p.id}.story.text`, p.story.text],
    [`${p.id}.story.funds`, p.story.funds],
  ] as Array<[string, LocalizedText | undefined]>);
}

/** Every LocalizedText anywhere in the manifest (certifications, notes, alt text included). */
function allTexts(value: unknown, path = ''): Array<[string, LocalizedText]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => allTexts(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const here: Array<[string, LocalizedText]> = 'zh-CN' in value ? [[path, value as LocalizedText]] : [];
  return here.concat(Object.entries(value).flatMap(([k, v]) => allTexts(v, `${path}.${k}`)));
}

let root: string;
let manifest: ContentManifest;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'demo-catalogue-'));
  await buildDemoPackage(join(root, 'pkg'));
  const read = await readPackage(join(root, 'pkg'));
  if (!read.ok) throw new Error(`demo package does not verify: ${read.error.code} ${read.error.message}`);
  manifest = read.manifest;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('demo catalogue package', () => {
  it('builds and verifies with at least 24 products and a few campaigns', () => {
    expect(manifest.products.length).toBeGreaterThanOrEqual(24);
    expect(manifest.campaigns.length).toBeGreaterThanOrEqual(2);
    expect(manifest.version).toBe(1);
    expect(manifest.publisher).toBe('demo');
    expect(new URL(manifest.orderUrlBase).hostname.endsWith('.invalid')).toBe(true);
    expect(new URL(manifest.traceUrlBase).hostname.endsWith('.invalid')).toBe(true);
  });

  it('keeps product ids stable and unique', () => {
    const ids = manifest.products.map((p) => p.id);
    expect(ids).toEqual(EXPECTED_IDS);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has all three locales for every main field', () => {
    for (const [where, text] of mainTexts(manifest)) {
      expect(text, where).toBeDefined();
      expect(text?.['zh-CN'], where).toBeTruthy();
      expect(text?.['zh-TW'], where).toBeTruthy();
      expect(text?.en, where).toBeTruthy();
    }
  });

  it('writes zh-TW in Traditional characters and English without Chinese characters', () => {
    for (const [where, text] of allTexts(manifest)) {
      const tw = text['zh-TW'] ?? '';
      const stray = [...tw].filter((c) => SIMPLIFIED_ONLY.includes(c));
      expect(stray, `${where}: ${tw}`).toEqual([]);
      expect(HAN.test(text.en ?? ''), `${where}: ${text.en}`).toBe(false);
    }
  });

  it('gives every product an image, a price, a unit weight and a trace batch', async () => {
    const files = new Set(await readdir(join(root, 'pkg', 'media')));
    const listed = new Set(manifest.media.map((m) => m.sha256));
    for (const p of manifest.products) {
      expect(p.images.length, p.id).toBeGreaterThan(0);
      for (const sha of p.images) {
        expect(listed.has(sha), p.id).toBe(true);
        expect(files.has(sha), p.id).toBe(true);
      }
      expect(p.priceFen, p.id).toBeGreaterThan(0);
      expect(p.unitWeightG, p.id).toBeGreaterThan(0);
      expect(p.traceBatch, p.id).toMatch(/^DEMO-/);
      expect(p.origin.mapPoint, p.id).toBeDefined();
    }
    for (const c of manifest.campaigns) expect(c.image && files.has(c.image), c.id).toBe(true);
  });

  it('draws small SVG illustrations at 800×600', async () => {
    for (const m of manifest.media) {
      const svg = await readFile(join(root, 'pkg', 'media', m.sha256), 'utf8');
      expect(m.mime).toBe('image/svg+xml');
      expect(m.bytes).toBeLessThan(4096);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600">')).toBe(true);
      expect(svg).not.toMatch(/<text|href=|font/);
      expect(m.alt?.en).toBeTruthy();
    }
  });

  it('cites an article for every story and marks invented origin details as demo', () => {
    for (const p of manifest.products) {
      expect(p.story.source.kind, p.id).toBe('article');
      expect(['000', '001', '002', '004'], p.id).toContain(p.story.source.ref);
      expect(p.origin.source?.kind, p.id).toBe('demo');
      expect(p.origin.producer?.['zh-CN'], p.id).toContain('示例');
      expect(p.origin.producer?.en, p.id).toContain('(demo)');
      for (const c of p.certifications) expect(c.en, p.id).toContain('(demo)');
      // No article gives a household count for any one product (SEED-FACTS §5).
      expect(p.story.householdsHelped, p.id).toBeUndefined();
    }
  });

  it('never shows the 4,230 households as a per-product figure', () => {
    for (const p of manifest.products) {
      const text = `${p.story.text['zh-CN']} ${p.story.funds?.['zh-CN'] ?? ''}`;
      if (text.includes('4230')) expect(text, p.id).toMatch(/总数/);
    }
  });

  it('labels products that no article names as demo in their name and intro', () => {
    const named = /东源|毛坝莓茶|兰州百合|静宁苹果|定西马铃薯|陇南大红袍花椒/;
    for (const p of manifest.products) {
      if (named.test(p.name['zh-CN'])) continue;
      expect(p.name['zh-CN'], p.id).toContain('(示例)');
      expect(p.name.en, p.id).toContain('(demo)');
      expect(p.intro['zh-CN'], p.id).toMatch(/^演示商品/);
    }
  });

  it('features only products that exist', () => {
    const ids = new Set(manifest.products.map((p) => p.id));
    for (const c of manifest.campaigns) for (const id of c.featuredProductIds) expect(ids.has(id), `${c.id} → ${id}`).toBe(true);
  });

  it('matches the typed source data', () => {
    expect(manifest.products.map((p) => p.id)).toEqual(DEMO_PRODUCTS.map((e) => e.product.id));
  });
});
