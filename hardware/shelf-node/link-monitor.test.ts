import { describe, expect, it } from 'vitest';
import { LinkMonitor } from './link-monitor.ts';

const states = (...transitions: Array<{ state: string } | null>): Array<string | null> => transitions.map((t) => t?.state ?? null);

describe('LinkMonitor', () => {
  it('connects on the first valid frame, then stays quiet', () => {
    const m = new LinkMonitor(2500);
    m.portOpened(0);
    expect(states(m.tick(100), m.validFrame(200, 'HELLO'), m.validFrame(1200, 'HB'), m.tick(3000))).toEqual([null, 'connected', null, null]);
  });

  it('reports lost once after 2.5 s of silence and recovered when frames return', () => {
    const m = new LinkMonitor(2500);
    m.portOpened(0);
    m.validFrame(0, 'HELLO');
    expect(states(m.tick(2499), m.tick(2500), m.tick(5000), m.validFrame(6000, 'HB'), m.validFrame(6100, 'HB'))).toEqual([
      null,
      'lost',
      null,
      'recovered',
      null,
    ]);
  });

  it('counts silence from the port opening, not from before', () => {
    const m = new LinkMonitor(2500);
    expect(m.tick(1_000_000)).toBeNull(); // port not open yet
    m.portOpened(1_000_000);
    expect(m.tick(1_002_000)).toBeNull();
    expect(m.tick(1_002_600)?.state).toBe('lost');
  });

  it('reports lost at once when the port goes down, and not again while down', () => {
    const m = new LinkMonitor(2500);
    m.portOpened(0);
    m.validFrame(10, 'HELLO');
    expect(states(m.portDown('closed'), m.tick(10_000), m.portDown('open failed'))).toEqual(['lost', null, null]);
    m.portOpened(20_000);
    expect(m.validFrame(20_100, 'HELLO')?.state).toBe('recovered');
  });

  it('reports an absent board at start as lost, and its arrival as recovered', () => {
    const m = new LinkMonitor(2500);
    expect(m.portDown('ENOENT')?.state).toBe('lost');
    m.portOpened(5000);
    expect(m.validFrame(5100, 'HELLO')?.state).toBe('recovered');
  });

  it('does not judge silence on a tick that comes late after a stall, only on the next one', () => {
    const m = new LinkMonitor(1600, { tickMs: 100 });
    m.portOpened(0);
    m.validFrame(0, 'HELLO');
    expect(m.tick(100)).toBeNull();
    // The process stalled for 2 s: the tick fires first, heartbeats may still be unread.
    expect(m.tick(2100)).toBeNull();
    // They were: the loop read them before the next tick.
    expect(m.validFrame(2105, 'HB')).toBeNull();
    expect(m.tick(2200)).toBeNull();
    // A board that really went quiet is still reported by the first punctual tick.
    expect(states(m.tick(3700), m.tick(3800))).toEqual([null, 'lost']);
  });

  it('still reports a silent board when every tick comes late', () => {
    const m = new LinkMonitor(1600, { tickMs: 100 });
    m.portOpened(0);
    m.validFrame(0, 'HELLO');
    // Ticks 1 s apart (a starved process): a late tick is skipped only once in a row.
    expect(states(m.tick(1000), m.tick(2000), m.tick(3000))).toEqual([null, null, 'lost']);
  });
});
