import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOrderAction, changeDue, isConsistent, ledgerDay, MAX_TOTAL_FEN, priceCart, type OrderLedger, type PriceBook } from './orders.ts';

const at = Date.parse('2026-09-10T10:00:00+08:00');
const book: PriceBook = {
  version: 7,
  products: [
    { id: 'tea', priceFen: 3800 },
    { id: 'rice', priceFen: 5990 },
    { id: 'honey', priceFen: 12800 },
  ],
  campaigns: [
    { id: 'month', startsAt: '2026-09-01T00:00:00+08:00', endsAt: '2026-10-01T00:00:00+08:00', prices: [{ productId: 'tea', priceFen: 3200 }, { productId: 'honey', priceFen: 13000 }] },
    { id: 'deeper', startsAt: '2026-09-10T00:00:00+08:00', endsAt: '2026-09-11T00:00:00+08:00', prices: [{ productId: 'tea', priceFen: 2900 }] },
    { id: 'old', endsAt: '2026-01-01T00:00:00+08:00', prices: [{ productId: 'rice', priceFen: 100 }] },
  ],
};

describe('priceCart', () => {
  it('applies the lowest running campaign price, never a higher one or an ended one', () => {
    const r = priceCart(book, [{ productId: 'tea', quantity: 2, unitPriceFen: 2900 }, { productId: 'rice', quantity: 1, unitPriceFen: 5990 }, { productId: 'honey', quantity: 1, unitPriceFen: 12800 }], at);
    expect(r).toEqual({
      ok: true,
      value: {
        contentVersion: 7,
        lines: [
          { productId: 'tea', quantity: 2, listPriceFen: 3800, unitPriceFen: 2900, campaignId: 'deeper', lineTotalFen: 5800, discountFen: 1800 },
          { productId: 'rice', quantity: 1, listPriceFen: 5990, unitPriceFen: 5990, campaignId: null, lineTotalFen: 5990, discountFen: 0 },
          { productId: 'honey', quantity: 1, listPriceFen: 12800, unitPriceFen: 12800, campaignId: null, lineTotalFen: 12800, discountFen: 0 },
        ],
        subtotalFen: 7600 + 5990 + 12800,
        discountFen: 1800,
        totalFen: 5800 + 5990 + 12800,
      },
    });
  });

  it('ends a campaign at its end instant (end exclusive)', () => {
    const end = Date.parse('2026-09-11T00:00:00+08:00');
    expect(priceCart(book, [{ productId: 'tea', quantity: 1, unitPriceFen: 3200 }], end).ok).toBe(true);
    expect(priceCart(book, [{ productId: 'tea', quantity: 1, unitPriceFen: 2900 }], end - 1).ok).toBe(true);
  });

  it.each([
    ['empty', [], 'empty'],
    ['unknown product', [{ productId: 'nope', quantity: 1, unitPriceFen: 1 }], 'unknown-product'],
    ['zero quantity', [{ productId: 'rice', quantity: 0, unitPriceFen: 5990 }], 'bad-quantity'],
    ['negative quantity', [{ productId: 'rice', quantity: -3, unitPriceFen: 5990 }], 'bad-quantity'],
    ['huge quantity', [{ productId: 'rice', quantity: 1e9, unitPriceFen: 5990 }], 'bad-quantity'],
    ['fractional quantity', [{ productId: 'rice', quantity: 1.5, unitPriceFen: 5990 }], 'bad-quantity'],
    ['a price changed since the cart was built', [{ productId: 'rice', quantity: 1, unitPriceFen: 5000 }], 'price-changed'],
    ['a duplicated line', [{ productId: 'rice', quantity: 1, unitPriceFen: 5990 }, { productId: 'rice', quantity: 2, unitPriceFen: 5990 }], 'duplicate-line'],
  ] as const)('refuses %s', (_name, lines, code) => {
    const r = priceCart(book, lines, at);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('refuses a cart over the maximum total', () => {
    const big: PriceBook = { version: 1, products: [{ id: 'gold', priceFen: MAX_TOTAL_FEN }], campaigns: [] };
    const r = priceCart(big, [{ productId: 'gold', quantity: 2, unitPriceFen: MAX_TOTAL_FEN }], at);
    expect(r.ok ? null : r.error.code).toBe('total-too-large');
  });

  it('always sums to the fen: total = Σ lines, discount = subtotal − total (property)', () => {
    fc.assert(
      fc.property(fc.subarray(['tea', 'rice', 'honey'], { minLength: 1 }), fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: at - 30 * 86_400_000, max: at + 30 * 86_400_000 }), (ids, qty, when) => {
        const lines = ids.map((id, i) => {
          const product = book.products.find((p) => p.id === id);
          const price = priceCart(book, [{ productId: id, quantity: 1, unitPriceFen: -1 }], when);
          const current = !price.ok && price.error.currentPriceFen !== undefined ? price.error.currentPriceFen : (product?.priceFen ?? 0);
          return { productId: id, quantity: qty[i] ?? 1, unitPriceFen: current };
        });
        const r = priceCart(book, lines, when);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(isConsistent(r.value)).toBe(true);
        expect(r.value.totalFen).toBe(lines.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0));
        expect(r.value.totalFen).toBeLessThanOrEqual(r.value.subtotalFen);
      }),
    );
  });

  it('isConsistent catches a tampered total or line', () => {
    const r = priceCart(book, [{ productId: 'rice', quantity: 2, unitPriceFen: 5990 }], at);
    if (!r.ok) throw new Error('priced');
    expect(isConsistent({ ...r.value, totalFen: r.value.totalFen - 1 })).toBe(false);
    expect(isConsistent({ ...r.value, lines: [{ ...r.value.lines[0]!, unitPriceFen: 1 }] })).toBe(false);
  });
});

describe('order states', () => {
  const fresh: OrderLedger = { state: 'created', totalFen: 5000, paidFen: 0, refundedFen: 0 };

  it('walks created → awaiting payment → paid → partially refunded → refunded', () => {
    let o = fresh;
    for (const [action, amount, state] of [
      ['await-payment', 0, 'awaiting-payment'],
      ['pay', 5000, 'paid'],
      ['refund', 1200, 'partially-refunded'],
      ['refund', 3800, 'refunded'],
    ] as const) {
      const r = applyOrderAction(o, action, amount);
      if (!r.ok) throw new Error(r.error.message);
      o = r.value;
      expect(o.state).toBe(state);
    }
    expect(o).toEqual({ state: 'refunded', totalFen: 5000, paidFen: 5000, refundedFen: 5000 });
  });

  it.each([
    ['paid', 'expire'],
    ['paid', 'pay'],
    ['refunded', 'refund'],
    ['refunded', 'pay'],
    ['expired', 'fulfil'],
    ['created', 'fulfil'],
    ['created', 'refund'],
    ['cancelled', 'await-payment'],
  ] as const)('refuses %s → %s', (state, action) => {
    const r = applyOrderAction({ ...fresh, state, paidFen: state === 'paid' || state === 'refunded' ? 5000 : 0, refundedFen: state === 'refunded' ? 5000 : 0 }, action, action === 'pay' ? 5000 : 100);
    expect(r.ok ? r.value.state : r.error.code).toBe('invalid-transition');
  });

  it('records a payment that raced the expiry (money received is never dropped)', () => {
    const r = applyOrderAction({ ...fresh, state: 'expired' }, 'pay', 5000);
    expect(r.ok && r.value.state).toBe('paid');
  });

  it('refuses a payment of the wrong amount and a refund beyond what was paid', () => {
    expect(applyOrderAction(fresh, 'pay', 4999)).toMatchObject({ ok: false, error: { code: 'bad-amount' } });
    const paid: OrderLedger = { ...fresh, state: 'paid', paidFen: 5000 };
    expect(applyOrderAction(paid, 'refund', 5001)).toMatchObject({ ok: false, error: { code: 'refund-too-large' } });
    expect(applyOrderAction(paid, 'refund', 0)).toMatchObject({ ok: false, error: { code: 'bad-amount' } });
  });
});

describe('counter money', () => {
  it('gives change for cash and refuses short cash', () => {
    expect(changeDue(3790, 'cash', 5000)).toEqual({ ok: true, value: { tenderedFen: 5000, changeFen: 1210 } });
    expect(changeDue(3790, 'cash', 3000)).toMatchObject({ ok: false, error: { code: 'short-tender' } });
    expect(changeDue(3790, 'cash', null)).toMatchObject({ ok: false, error: { code: 'bad-amount' } });
    expect(changeDue(3790, 'qr', null)).toEqual({ ok: true, value: { tenderedFen: 3790, changeFen: 0 } });
  });

  it('dates a ledger entry by the kiosk’s local day', () => {
    expect(ledgerDay(Date.parse('2026-09-10T17:30:00Z'), 480)).toBe('2026-09-11');
    expect(ledgerDay(Date.parse('2026-09-10T15:59:59Z'), 480)).toBe('2026-09-10');
  });
});
