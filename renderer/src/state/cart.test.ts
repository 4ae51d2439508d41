import { describe, expect, it } from 'vitest';
import { MAX_LINES, MAX_QUANTITY } from '../../../contract/orders.ts';
import { addItem, itemCount, keepKnown, setQuantity } from './cart.ts';

describe('cart', () => {
  it('adds with one touch, counting up on the same line', () => {
    let cart = addItem([], 'tea');
    cart = addItem(cart, 'rice');
    cart = addItem(cart, 'tea');
    expect(cart).toEqual([{ productId: 'tea', quantity: 2 }, { productId: 'rice', quantity: 1 }]);
    expect(itemCount(cart)).toBe(3);
  });

  it('clamps quantities and removes a line at zero', () => {
    const cart = [{ productId: 'tea', quantity: 2 }];
    expect(setQuantity(cart, 'tea', 1000)).toEqual([{ productId: 'tea', quantity: MAX_QUANTITY }]);
    expect(setQuantity(cart, 'tea', 0)).toEqual([]);
    expect(setQuantity(cart, 'tea', -5)).toEqual([]);
  });

  it('holds at most MAX_LINES products and forgets ones the catalogue dropped', () => {
    let cart: ReturnType<typeof addItem> = [];
    for (let i = 0; i < MAX_LINES + 3; i++) cart = addItem(cart, `p${i}`);
    expect(cart).toHaveLength(MAX_LINES);
    expect(keepKnown(cart, new Set(['p1', 'p2']))).toEqual([{ productId: 'p1', quantity: 1 }, { productId: 'p2', quantity: 1 }]);
  });
});
