import { describe, expect, it } from 'vitest';
import { fullJitterDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay } from './backoff.ts';

describe('backoff', () => {
  it('grows the ceiling exponentially up to the cap', () => {
    const top = () => 0.999999;
    expect(fullJitterDelay(0, 100, 10_000, top)).toBe(99);
    expect(fullJitterDelay(3, 100, 10_000, top)).toBe(799);
    expect(fullJitterDelay(20, 100, 10_000, top)).toBe(9999);
    expect(fullJitterDelay(5, 100, 10_000, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as a date, capped', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('never waits less than the server asked', () => {
    expect(retryDelay(0, 5000, 100, 10_000, () => 0.5)).toBe(5000);
    expect(retryDelay(6, 10, 100, 10_000, () => 0.5)).toBe(3200);
  });
});
