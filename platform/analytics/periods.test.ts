import { describe, expect, it } from 'vitest';
import { isoWeek, weekStart } from './periods.ts';
import { spread } from './metrics.ts';

describe('analytics periods and money', () => {
  it('names ISO weeks, including those across a year end', () => {
    expect(isoWeek('2026-10-28')).toBe('2026-W44');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(weekStart('2026-W44')).toBe('2026-10-26');
    expect(weekStart('2025-W53')).toBeNull();
  });

  it('spreads a refund over lines in whole fen that add up', () => {
    expect(spread(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spread(5, [0, 0])).toEqual([5, 0]);
    expect(spread(999, [300, 700]).reduce((a, b) => a + b, 0)).toBe(999);
  });
});
