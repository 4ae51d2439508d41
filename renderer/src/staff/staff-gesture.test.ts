import { describe, expect, it } from 'vitest';
import { EntryGesture, isInCorner } from './entry-gesture.ts';
import { ScanDetector } from './scanner.ts';

describe('staff entry gesture', () => {
  it('opens on the fifth corner tap within 3 s', () => {
    const g = new EntryGesture();
    expect([0, 400, 800, 1200].map((t) => g.tap(t, true))).toEqual([false, false, false, false]);
    expect(g.tap(1600, true)).toBe(true);
  });
  it('does not open when taps are slow or leave the corner', () => {
    const g = new EntryGesture();
    for (const t of [0, 1000, 2000, 3000]) g.tap(t, true);
    expect(g.tap(3500, true)).toBe(false); // the first tap fell out of the window
    const h = new EntryGesture();
    for (const t of [0, 100, 200, 300]) h.tap(t, true);
    h.tap(350, false);
    expect(h.tap(400, true)).toBe(false);
  });
  it('knows the corner', () => {
    expect(isInCorner(10, 10, 1080, 1920)).toBe(true);
    expect(isInCorner(500, 10, 1080, 1920)).toBe(false);
  });
});

describe('scanner detection by inter-key timing', () => {
  const type = (d: ScanDetector, text: string, gap: number, start = 1000): Array<string | null> => [...text, 'Enter'].map((k, i) => d.key(k === '\n' ? 'Enter' : k, start + i * gap));
  it('takes fast digits ending with Enter as a scan', () => {
    expect(type(new ScanDetector(), '2006930000019', 8).at(-1)).toBe('2006930000019');
  });
  it('leaves a person typing alone', () => {
    expect(type(new ScanDetector(), '2006930000019', 150).at(-1)).toBeNull();
  });
  it('ignores short codes and letters', () => {
    expect(type(new ScanDetector(), '1234', 5).at(-1)).toBeNull();
    expect(type(new ScanDetector(), '20069a0000019', 5).at(-1)).toBeNull();
  });
  it('catches a scan right after slow typing', () => {
    const d = new ScanDetector();
    d.key('1', 0);
    d.key('2', 500);
    expect(type(d, '2006930000019', 6, 2000).at(-1)).toBe('2006930000019');
  });
});
