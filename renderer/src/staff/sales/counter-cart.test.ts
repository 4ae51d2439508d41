import { describe, expect, it } from 'vitest';
import { MAX_LINES, MAX_QUANTITY } from '../../../../contract/orders.ts';
import { addItem, parseYuan, priceItems, setQuantity, totalOf, yuanText } from './counter-cart.ts';

describe('counter cart', () => {
  it('adds, merges, caps and removes lines', () => {
    let items = addItem([], 'a');
    items = addItem(items, 'a', 2);
    items = addItem(items, 'b');
    expect(items).toEqual([{ productId: 'a', quantity: 3 }, { productId: 'b', quantity: 1 }]);
    expect(addItem(items, 'a', 500)[0]?.quantity).toBe(MAX_QUANTITY);
    expect(setQuantity(items, 'a', 0)).toEqual([{ productId: 'b', quantity: 1 }]);
    let many: ReturnType<typeof addItem> = [];
    for (let i = 0; i < MAX_LINES + 3; i++) many = addItem(many, `p${i}`);
    expect(many).toHaveLength(MAX_LINES);
  });

  it('prices lines with running campaign prices', () => {
    const book = { version: 3, products: [{ id: 'a', priceFen: 1000 }, { id: 'b', priceFen: 250 }], campaigns: [{ id: 'c', prices: [{ productId: 'a', priceFen: 800 }] }] };
    const lines = priceItems([{ productId: 'a', quantity: 2 }, { productId: 'b', quantity: 1 }, { productId: 'gone', quantity: 1 }], book, Date.now());
    expect(lines).toEqual([{ productId: 'a', quantity: 2, unitPriceFen: 800 }, { productId: 'b', quantity: 1, unitPriceFen: 250 }]);
    expect(totalOf(lines)).toBe(1850);
  });

  it('reads yuan as integer fen without float rounding', () => {
    expect(parseYuan('100')).toBe(10_000);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan(' 19.99 ')).toBe(1999);
    for (const bad of ['', '1.234', '-1', 'abc', '1e3', '99999999']) expect(parseYuan(bad), bad).toBeNull();
    expect(yuanText(1205)).toBe('12.05');
  });
});
