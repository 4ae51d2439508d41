import { describe, expect, it } from 'vitest';
import { SequenceTracker } from './sequence.ts';

const lift = (seq: number) => ({ type: 'LIFT' as const, seq });

describe('SequenceTracker', () => {
  it('accepts the first frame and consecutive ones, across the wrap', () => {
    const t = new SequenceTracker();
    for (const seq of [65533, 65534, 65535, 0, 1]) expect(t.observe(lift(seq))).toEqual({ ok: true });
  });

  it('reports gaps, including across the wrap', () => {
    const t = new SequenceTracker();
    t.observe(lift(10));
    expect(t.observe(lift(13))).toMatchObject({ ok: false, missing: 2 });
    t.observe(lift(65534));
    expect(t.observe(lift(2))).toMatchObject({ ok: false, missing: 3 });
    expect(t.observe(lift(3))).toEqual({ ok: true });
  });

  it('calls a step back a repeat, not 65k lost frames', () => {
    const t = new SequenceTracker();
    t.observe(lift(10));
    const check = t.observe(lift(10));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.detail).toContain('went back');
  });

  it('restarts on HELLO and after reset()', () => {
    const t = new SequenceTracker();
    t.observe(lift(500));
    expect(t.observe({ type: 'HELLO', seq: 0 })).toEqual({ ok: true });
    expect(t.observe(lift(1))).toEqual({ ok: true });
    t.reset();
    expect(t.observe(lift(9000))).toEqual({ ok: true });
  });
});
