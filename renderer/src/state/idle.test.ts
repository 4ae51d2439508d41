import { describe, expect, it } from 'vitest';
import { idleRemainingMs, isIdleDue } from './idle.ts';

describe('idle reset', () => {
  const base = { lastActivityAt: 1000, idleMs: 30_000, liftedCount: 0 };
  it('counts down from the last activity', () => {
    expect(idleRemainingMs({ ...base, now: 1000 })).toBe(30_000);
    expect(idleRemainingMs({ ...base, now: 21_000 })).toBe(10_000);
    expect(isIdleDue({ ...base, now: 30_999 })).toBe(false);
    expect(isIdleDue({ ...base, now: 31_000 })).toBe(true);
    expect(idleRemainingMs({ ...base, now: 99_000 })).toBe(0);
  });
  it('never resets while something is lifted', () => {
    expect(idleRemainingMs({ ...base, liftedCount: 1, now: 1e9 })).toBeNull();
    expect(isIdleDue({ ...base, liftedCount: 2, now: 1e9 })).toBe(false);
  });
});
