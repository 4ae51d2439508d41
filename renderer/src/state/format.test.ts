import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCount, formatPrice } from './format.ts';

describe('formatPrice', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatPrice(0)).toBe('¥0.00');
    expect(formatPrice(5)).toBe('¥0.05');
    expect(formatPrice(1280)).toBe('¥12.80');
    expect(formatPrice(129900)).toBe('¥1299.00');
    expect(formatPrice(-250)).toBe('-¥2.50');
  });
  it('round-trips every amount without float error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (fen) => {
        const [yuan, cents] = formatPrice(fen).slice(1).split('.');
        expect(Number(yuan) * 100 + Number(cents)).toBe(fen);
      }),
    );
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(12)).toBe('12');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
