import { describe, expect, it } from 'vitest';
import { LevelFilter, SchmittTrigger } from './level-filter.ts';

describe('LevelFilter (30 ms hold)', () => {
  it('accepts the first level after it held, marked initial', () => {
    const f = new LevelFilter(30);
    f.observe(true, 1000);
    expect(f.poll(1029)).toBeNull();
    expect(f.poll(1030)).toEqual({ level: true, since: 1000, initial: true });
    expect(f.poll(2000)).toBeNull();
  });

  it('ignores a 29 ms blip and counts a 31 ms change', () => {
    const f = new LevelFilter(30);
    f.observe(true, 0);
    f.poll(100);
    f.observe(false, 200);
    f.observe(true, 229);
    expect(f.poll(400)).toBeNull();
    f.observe(false, 500);
    f.observe(false, 520); // a Button re-emitting the same level is a level, not an edge
    expect(f.poll(531)).toEqual({ level: false, since: 500, initial: false });
  });

  it('ignores a burst of bounces that ends where it started', () => {
    const f = new LevelFilter(30);
    f.observe(false, 0);
    f.poll(50);
    for (let t = 100; t < 120; t += 2) f.observe(t % 4 === 0, t);
    f.observe(false, 121);
    expect(f.dueAt()).toBeNull();
    expect(f.poll(1000)).toBeNull();
  });

  it('measures the hold from the last change of a bouncing edge', () => {
    const f = new LevelFilter(30);
    f.observe(true, 0);
    f.poll(50);
    f.observe(false, 100);
    f.observe(true, 103);
    f.observe(false, 106);
    expect(f.dueAt()).toBe(136);
    expect(f.poll(135)).toBeNull();
    expect(f.poll(136)).toMatchObject({ level: false, since: 106 });
  });
});

describe('SchmittTrigger', () => {
  it('switches above threshold + h/2 and back below threshold − h/2', () => {
    const s = new SchmittTrigger(500, 100, 'above');
    expect(s.update(520)).toBe(true);
    expect(s.update(460)).toBe(true);
    expect(s.update(449)).toBe(false);
    expect(s.update(540)).toBe(false);
    expect(s.update(551)).toBe(true);
  });

  it('inverts for sensors that read lower when the product is there', () => {
    const s = new SchmittTrigger(300, 40, 'below');
    expect(s.update(100)).toBe(true);
    expect(s.update(310)).toBe(true);
    expect(s.update(321)).toBe(false);
  });
});
