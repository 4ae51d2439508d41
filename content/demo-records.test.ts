import { describe, expect, it } from 'vitest';
import { batchKey, BatchSchema, foldProduct, PairingSchema, ProducerSchema, type FoldContext } from '../contract/authoring.ts';
import { ProductSchema } from '../contract/content.ts';
import { DEMO_PRODUCTS } from './demo/products.ts';
import { demoRecordRefs, demoRecords } from './demo/records.ts';
import { toProductInput, type DemoEntry } from './demo/types.ts';

const records = demoRecords();
const producers = new Map(records.producers.map((p) => [p.id, p]));
const pairings = new Map(records.pairings.map((p) => [p.id, p]));
const fold: FoldContext = { producers, pairings, batches: records.batches };
/** The product as the kiosk's demo package ships it (no record references). */
const shipped = (e: DemoEntry) => ProductSchema.parse(toProductInput(e.product, []));

/** The months a harvest text names: 2024年10月 → [10]; 春 → Feb–May; 秋 → Aug–Nov (立秋 is early August). */
function monthsOf(text: string): { year: string; months: number[] } | null {
  const month = /(\d{4})年(\d{1,2})月/.exec(text);
  if (month) return { year: month[1] ?? '', months: [Number(month[2])] };
  const season = /(\d{4})年(春|秋)/.exec(text);
  if (season) return { year: season[1] ?? '', months: season[2] === '春' ? [2, 3, 4, 5] : [8, 9, 10, 11] };
  return null;
}

function within(date: string, named: { year: string; months: number[] }): boolean {
  return date.startsWith(`${named.year}-`) && named.months.includes(Number(date.slice(5, 7)));
}

describe('demo catalogue records (content/demo/records.ts)', () => {
  it('validates every record with the contract schemas, ids unique', () => {
    for (const p of records.producers) expect(ProducerSchema.parse(p), p.id).toEqual(p);
    for (const p of records.pairings) expect(PairingSchema.parse(p), p.id).toEqual(p);
    for (const b of records.batches) expect(BatchSchema.parse(b), batchKey(b)).toEqual(b);
    expect(producers.size).toBe(records.producers.length);
    expect(pairings.size).toBe(records.pairings.length);
    expect(new Set(records.batches.map(batchKey)).size).toBe(records.batches.length);
  });

  it('resolves every reference: products to producers and pairings, batches to products and producers', () => {
    const productIds = new Set(DEMO_PRODUCTS.map((e) => e.product.id));
    const withoutPairing: string[] = [];
    for (const { product } of DEMO_PRODUCTS) {
      const refs = demoRecordRefs(product.id);
      expect(producers.has(refs.producerId), product.id).toBe(true);
      if (refs.pairingId === undefined) withoutPairing.push(product.id);
      else expect(pairings.has(refs.pairingId), product.id).toBe(true);
      expect(records.batches.filter((b) => b.productId === product.id).map((b) => b.code), product.id).toEqual([product.traceBatch]);
    }
    // 衡阳's own counties are not a pairing: that product keeps its line as text.
    expect(withoutPairing).toEqual(['hengyang-county-box-demo']);
    for (const b of records.batches) {
      expect(productIds.has(b.productId), batchKey(b)).toBe(true);
      expect(b.producerId !== undefined && producers.has(b.producerId), batchKey(b)).toBe(true);
    }
    const used = new Set(DEMO_PRODUCTS.map((e) => demoRecordRefs(e.product.id).producerId));
    expect([...producers.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('folds to the text the kiosk demo package shows: producer, township, pairing line, batch', () => {
    for (const e of DEMO_PRODUCTS) {
      const { product } = e;
      const own = shipped(e);
      const folded = foldProduct({ ...own, ...demoRecordRefs(product.id) }, fold);
      expect(folded.origin.producer, product.id).toEqual(own.origin.producer);
      expect(folded.origin.township, product.id).toEqual(own.origin.township);
      expect(folded.story.pairing, product.id).toEqual(own.story.pairing);
      expect(folded.traceBatch, product.id).toBe(own.traceBatch);
      expect(folded.origin.batch, product.id).toBe(own.origin.batch);
      // The origin stays marked demo, so the harvest date folded in is shown under a demo tag.
      expect(folded.origin.source?.kind, product.id).toBe('demo');
      expect(ProductSchema.parse(folded), product.id).toEqual(folded);
    }
  });

  it('dates every batch inside its product’s harvest text', () => {
    for (const { product } of DEMO_PRODUCTS) {
      const b = records.batches.find((x) => x.productId === product.id);
      const text = product.origin.harvest['zh-CN'];
      const named = monthsOf(text);
      expect(named, `${product.id}: ${text}`).not.toBeNull();
      if (!b || !named) continue;
      const dated = text.includes('装箱') ? b.packedDate : b.harvestDate;
      expect(dated !== undefined && within(dated, named), `${product.id}: ${text} vs ${dated}`).toBe(true);
      if (b.packedDate !== undefined) expect(b.packedDate >= b.harvestDate, product.id).toBe(true);
    }
  });

  it('cites an article for every pairing and marks every producer and batch as demo', () => {
    for (const p of records.pairings) {
      expect(p.source.kind, p.id).toBe('article');
      expect(['000', '001', '002', '004'], p.id).toContain(p.source.ref);
      expect(p.source.note?.['zh-CN'], p.id).toMatch(/^文章00\d/);
    }
    for (const p of records.producers) {
      expect(p.source.kind, p.id).toBe('demo');
      expect(p.name['zh-CN'], p.id).toContain('示例');
      expect(p.name.en, p.id).toContain('(demo)');
      expect(p.households, p.id).toBeUndefined();
      expect(p.contact, p.id).toBeUndefined();
    }
    for (const b of records.batches) {
      expect(b.source.kind, batchKey(b)).toBe('demo');
      expect(b.code, batchKey(b)).toMatch(/^DEMO-/);
      expect(b.notes?.['zh-CN'], batchKey(b)).toMatch(/^演示批次/);
      expect(b.inspection, batchKey(b)).toBeUndefined();
    }
  });

  it('holds each pairing the articles state, helper → helped', () => {
    const lines = records.pairings.map((p) => `${p.helper['zh-CN']} → ${p.helped['zh-CN']}`);
    expect(lines).toEqual([
      '盐田区 → 河源市东源县',
      '盐田区 → 广西乐业县',
      '盐田区 → 广西凌云县',
      '衡阳市蒸湘区 → 永顺县毛坝乡',
      '蒸湘区联合街道 → 毛坝乡',
      '呆鹰岭镇土桥村 → 毛坝乡毛坝村',
      '衡阳市 → 花垣县',
      '衡阳市 → 鄯善县',
      '青岛市 → 陇南市',
      '天津、山东等东部省市 → 甘肃省',
      '省军区等单位 → 甘肃定点帮扶村',
    ]);
  });
});
