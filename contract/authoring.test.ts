import { describe, expect, it } from 'vitest';
import { currentBatch, foldProduct, harvestLine, pairingLine, type Batch, type FoldContext, type Pairing, type Producer } from './authoring.ts';
import { ProductSchema, type Product } from './content.ts';

const product: Product = ProductSchema.parse({
  id: 'dongyuan-rice',
  name: { 'zh-CN': '东源大米', en: 'Dongyuan rice' },
  unit: { 'zh-CN': '5 千克', en: '5 kg' },
  priceFen: 5600,
  intro: { 'zh-CN': '东源县的大米。' },
  origin: { county: { 'zh-CN': '东源县' }, producer: { 'zh-CN': '原来的生产者' }, batch: 'OLD-1', harvest: { 'zh-CN': '2025 秋' } },
  story: { pairing: { 'zh-CN': '原来的结对' }, text: { 'zh-CN': '故事' }, source: { kind: 'demo' } },
  producerId: 'coop',
  pairingId: 'yantian-dongyuan',
});

const producer: Producer = { id: 'coop', kind: 'co-op', name: { 'zh-CN': '船塘合作社', en: 'Chuantang co-op' }, county: { 'zh-CN': '东源县' }, township: { 'zh-CN': '船塘镇' }, contact: '138', source: { kind: 'demo' } };
const pairing: Pairing = { id: 'yantian-dongyuan', helper: { 'zh-CN': '盐田区', en: 'Yantian' }, helped: { 'zh-CN': '东源县', en: 'Dongyuan' }, text: { 'zh-CN': '对口帮扶' }, source: { kind: 'article', ref: '002' } };
const batch = (code: string, harvestDate: string, productId = 'dongyuan-rice'): Batch => ({ code, productId, harvestDate, source: { kind: 'demo' } });

function ctx(batches: Batch[] = [], producers: Producer[] = [producer], pairings: Pairing[] = [pairing]): FoldContext {
  return { producers: new Map(producers.map((p) => [p.id, p])), pairings: new Map(pairings.map((p) => [p.id, p])), batches };
}

describe('foldProduct (issue 11)', () => {
  it('folds the producer name and township, the pairing line and the newest batch', () => {
    const folded = foldProduct(product, ctx([batch('B-2026-06', '2026-06-01'), batch('B-2026-10', '2026-10-20'), batch('X-1', '2027-01-01', 'other-product')]));
    expect(folded.origin.producer).toEqual(producer.name);
    expect(folded.origin.township).toEqual(producer.township);
    expect(folded.story.pairing).toEqual({ 'zh-CN': '盐田区 → 东源县 · 对口帮扶', en: 'Yantian → Dongyuan · 对口帮扶' });
    expect(folded.story.pairing).toEqual(pairingLine(pairing));
    expect(folded.origin.batch).toBe('B-2026-10');
    expect(folded.traceBatch).toBe('B-2026-10');
    // A demo batch says so on its harvest line.
    expect(folded.origin.harvest).toEqual({ 'zh-CN': '2026-10-20 采收(示例)', 'zh-TW': '2026-10-20 採收(示例)', en: 'Harvested 2026-10-20 (demo)' });
    expect(JSON.stringify(folded)).not.toContain('138');
    expect(ProductSchema.parse(folded)).toEqual(folded);
  });

  it('prefers the batch the product names, and keeps its own township', () => {
    const own = { ...product, traceBatch: 'B-2026-06', origin: { ...product.origin, township: { 'zh-CN': '自己的镇' } } };
    const folded = foldProduct(own, ctx([batch('B-2026-06', '2026-06-01'), batch('B-2026-10', '2026-10-20')]));
    expect(folded.traceBatch).toBe('B-2026-06');
    expect(folded.origin.harvest?.['zh-CN']).toBe('2026-06-01 采收(示例)');
    expect(folded.origin.township).toEqual({ 'zh-CN': '自己的镇' });
    // A named batch that does not exist falls back to the newest.
    expect(currentBatch({ traceBatch: 'GONE' }, [batch('A', '2026-01-01'), batch('B', '2026-02-01')])?.code).toBe('B');
  });

  it('leaves the product as it is when its references resolve to nothing', () => {
    const folded = foldProduct(product, ctx([], [], []));
    expect(folded).toEqual(product);
    const plain = { ...product, producerId: undefined, pairingId: undefined };
    expect(foldProduct(plain, ctx([batch('Z', '2026-01-01', 'someone-else')]))).toEqual(plain);
  });

  it('does not change its input', () => {
    const before = structuredClone(product);
    foldProduct(product, ctx([batch('B-2026-10', '2026-10-20')]));
    expect(product).toEqual(before);
  });
});

describe('harvestLine', () => {
  it('marks a demo batch on the line, and only a demo one', () => {
    expect(harvestLine('2026-10-20')).toEqual({ 'zh-CN': '2026-10-20 采收', 'zh-TW': '2026-10-20 採收', en: 'Harvested 2026-10-20' });
    expect(harvestLine('2026-10-20', true).en).toBe('Harvested 2026-10-20 (demo)');
  });
});
