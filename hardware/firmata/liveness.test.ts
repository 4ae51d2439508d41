import { describe, expect, it } from 'vitest';
import { Backoff, LivenessMonitor } from './liveness.ts';

describe('LivenessMonitor', () => {
  const options = { intervalMs: 500, timeoutMs: 350, missesForLost: 3 };

  it('probes every interval while answers come back', () => {
    const m = new LivenessMonitor(options);
    expect(m.tick(0)).toBe('probe');
    expect(m.tick(100)).toBeNull();
    m.answered();
    expect(m.tick(499)).toBeNull();
    expect(m.tick(500)).toBe('probe');
  });

  it('declares the board lost on the third consecutive miss, within 2 s of the last answer', () => {
    const m = new LivenessMonitor(options);
    const verdicts: [number, string][] = [];
    m.tick(0);
    m.answered(); // last sign of life at t=0, unplugged right after
    for (let t = 0; t <= 3000; t += 50) {
      const v = m.tick(t);
      if (v && v !== 'probe') verdicts.push([t, v]);
      if (v === 'lost') break;
    }
    expect(verdicts.map(([, v]) => v)).toEqual(['miss', 'miss', 'lost']);
    // First unanswered probe at 500 ms, then re-asked on the next tick after each miss.
    expect(verdicts.map(([t]) => t)).toEqual([850, 1250, 1650]);
  });

  it('forgives misses once the board answers', () => {
    const m = new LivenessMonitor(options);
    m.tick(0);
    expect(m.tick(350)).toBe('miss');
    expect(m.tick(400)).toBe('probe');
    expect(m.answered()).toBe(true);
    expect(m.consecutiveMisses).toBe(0);
  });
});

describe('Backoff', () => {
  it('doubles and caps at 2 s', () => {
    const b = new Backoff(100, 2000);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => b.next())).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
    b.reset();
    expect(b.next()).toBe(100);
  });
});
