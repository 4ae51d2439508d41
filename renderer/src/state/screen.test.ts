import { describe, expect, it } from 'vitest';
import type { LiftedSlot } from '../../../contract/api.ts';
import { deriveScreen, screenKey, shownLiftIds } from './screen.ts';

const known = new Set(['a', 'b', 'c', 'd']);
const slot = (productId: string, n: number): LiftedSlot => ({ slotId: `s${n}`, productId, liftId: `l${n}`, since: n });
const base = { knownProducts: known, browsedProductId: null, maxCompare: 2 };

describe('deriveScreen', () => {
  it('shows attract when nothing is lifted', () => {
    expect(deriveScreen({ ...base, lifted: [] })).toEqual({ kind: 'attract' });
  });
  it('shows the product story for one lift', () => {
    expect(deriveScreen({ ...base, lifted: [slot('a', 1)] })).toEqual({ kind: 'product', item: { productId: 'a', liftId: 'l1' } });
  });
  it('compares the last two lifts in portrait, oldest on the left', () => {
    const s = deriveScreen({ ...base, lifted: [slot('a', 1), slot('b', 2), slot('c', 3)] });
    expect(s).toEqual({ kind: 'compare', items: [{ productId: 'b', liftId: 'l2' }, { productId: 'c', liftId: 'l3' }] });
  });
  it('compares up to three on wide landscape', () => {
    const s = deriveScreen({ ...base, maxCompare: 3, lifted: [slot('a', 1), slot('b', 2), slot('c', 3), slot('d', 4)] });
    expect(s.kind === 'compare' && s.items.map((i) => i.productId)).toEqual(['b', 'c', 'd']);
  });
  it('counts two slots of the same product once, keeping the newer lift', () => {
    expect(deriveScreen({ ...base, lifted: [slot('a', 1), slot('a', 2)] })).toEqual({ kind: 'product', item: { productId: 'a', liftId: 'l2' } });
  });
  it('ignores lifts of products the content does not know', () => {
    expect(deriveScreen({ ...base, lifted: [slot('zzz', 1)] })).toEqual({ kind: 'attract' });
    expect(deriveScreen({ ...base, lifted: [slot('a', 1), slot('zzz', 2)] }).kind).toBe('product');
  });
  it('shows a touched product only while nothing is lifted', () => {
    expect(deriveScreen({ ...base, browsedProductId: 'c', lifted: [] })).toEqual({ kind: 'product', item: { productId: 'c', liftId: null } });
    expect(deriveScreen({ ...base, browsedProductId: 'c', lifted: [slot('a', 1)] })).toMatchObject({ item: { productId: 'a' } });
    expect(deriveScreen({ ...base, browsedProductId: 'gone', lifted: [] })).toEqual({ kind: 'attract' });
  });
  it('depends only on the latest state: a put-back mid-way never leaves a stale product', () => {
    const lifted = [slot('a', 1), slot('b', 2)];
    const afterPut = lifted.filter((l) => l.productId !== 'b');
    expect(deriveScreen({ ...base, lifted: afterPut })).toEqual({ kind: 'product', item: { productId: 'a', liftId: 'l1' } });
  });
});

describe('screenKey / shownLiftIds', () => {
  it('changes when a product is lifted again (new lift id)', () => {
    const k1 = screenKey(deriveScreen({ ...base, lifted: [slot('a', 1)] }));
    const k2 = screenKey(deriveScreen({ ...base, lifted: [slot('a', 2)] }));
    expect(k1).not.toBe(k2);
  });
  it('lists the lift ids on screen', () => {
    expect(shownLiftIds(deriveScreen({ ...base, lifted: [slot('a', 1), slot('b', 2)] }))).toEqual(['l1', 'l2']);
    expect(shownLiftIds({ kind: 'attract' })).toEqual([]);
    expect(shownLiftIds({ kind: 'product', item: { productId: 'a', liftId: null } })).toEqual([]);
  });
});
