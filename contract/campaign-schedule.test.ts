import { describe, expect, it } from 'vitest';
import { inDailyWindow, isScheduledNow, liveStreamsAt, type LiveStream } from './campaign-schedule.ts';

// 2026-12-01 is a Tuesday. 02:00 UTC = 10:00 in the hall (+08:00).
const at = (iso: string) => Date.parse(iso);

describe('campaign schedules (issue 11)', () => {
  it('plays only in its zones; no zones = every zone; a kiosk without a zone plays all', () => {
    const c = { zones: ['live-stream' as const] };
    expect(isScheduledNow(c, 'live-stream', 0)).toBe(true);
    expect(isScheduledNow(c, 'brand', 0)).toBe(false);
    expect(isScheduledNow({}, 'brand', 0)).toBe(true);
    expect(isScheduledNow(c, undefined, 0)).toBe(true);
  });

  it('honours dates and a daily window in hall time, whatever the kiosk time zone', () => {
    const c = { startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-12-08T00:00:00+08:00', schedule: { from: '10:00', to: '12:00' } };
    expect(isScheduledNow(c, undefined, at('2026-12-01T02:00:00Z'))).toBe(true);
    expect(isScheduledNow(c, undefined, at('2026-12-01T03:59:59Z'))).toBe(true);
    expect(isScheduledNow(c, undefined, at('2026-12-01T04:00:00Z'))).toBe(false);
    expect(isScheduledNow(c, undefined, at('2026-12-01T01:59:00Z'))).toBe(false);
    expect(isScheduledNow(c, undefined, at('2026-12-08T02:30:00Z'))).toBe(false);
    expect(isScheduledNow(c, undefined, at('2026-11-30T02:30:00Z'))).toBe(false);
  });

  it('handles weekdays, windows past midnight and other offsets', () => {
    const weekend = { days: [6, 7] };
    expect(inDailyWindow(weekend, at('2026-12-05T02:00:00Z'))).toBe(true); // Saturday
    expect(inDailyWindow(weekend, at('2026-12-01T02:00:00Z'))).toBe(false); // Tuesday
    const night = { days: [2], from: '22:00', to: '02:00' };
    expect(inDailyWindow(night, at('2026-12-01T15:00:00Z'))).toBe(true); // Tue 23:00
    expect(inDailyWindow(night, at('2026-12-01T17:00:00Z'))).toBe(true); // Wed 01:00, started Tuesday
    expect(inDailyWindow(night, at('2026-12-02T15:00:00Z'))).toBe(false); // Wed 23:00
    expect(inDailyWindow({ from: '10:00', to: '11:00', utcOffsetMinutes: 0 }, at('2026-12-01T10:30:00Z'))).toBe(true);
  });

  it('announces the stream on air, else the next one within 12 hours, per zone', () => {
    const s = (id: string, start: string, end: string, zones?: LiveStream['zones']): LiveStream => ({ id, title: { 'zh-CN': id }, startsAt: start, endsAt: end, ...(zones ? { zones } : {}) });
    const streams = [s('a', '2026-12-01T10:00:00+08:00', '2026-12-01T11:00:00+08:00', ['live-stream']), s('b', '2026-12-01T14:00:00+08:00', '2026-12-01T15:00:00+08:00')];
    expect(liveStreamsAt(streams, 'live-stream', at('2026-12-01T02:30:00Z'))).toMatchObject({ live: { id: 'a' }, next: { id: 'b' } });
    expect(liveStreamsAt(streams, 'brand', at('2026-12-01T02:30:00Z'))).toMatchObject({ live: null, next: { id: 'b' } });
    expect(liveStreamsAt(streams, 'brand', at('2026-12-01T08:00:00Z'))).toEqual({ live: null, next: null });
  });
});
