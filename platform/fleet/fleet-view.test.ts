import { expect, it } from 'vitest';
import type { KioskRecord } from '../store/platform-store.ts';
import { buildFleet, filterFleet, OFFLINE_AFTER_MS, summarise } from './fleet-view.ts';

const NOW = 1_800_000_000_000;

function kiosk(id: string, name: string, heartbeat: object | null, lastContact: number | null): KioskRecord {
  return { kioskId: id, installId: `i-${id}`, name, tokenHash: '', prevTokenHash: null, prevValidUntil: null, enrolledAt: 0, lastContact, heartbeat: heartbeat ? JSON.stringify(heartbeat) : null, heartbeatAt: lastContact };
}
const hb = (count: number, age: number | null, deadLetters = 0) => ({
  backlog: { money: { count: 0, oldestAgeMs: null }, stock: { count: 0, oldestAgeMs: null }, analytics: { count, oldestAgeMs: age } },
  deadLetters, contentVersion: 3, appVersion: '2.0.0',
});

it('derives open alerts from state and filters by them', () => {
  const rows = buildFleet(
    [
      kiosk('a', 'Alpha', hb(0, null), NOW - 1000),
      kiosk('b', 'Beta', hb(5, 2 * 3600_000, 1), NOW - 1000),
      kiosk('c', 'Gamma', null, NOW - OFFLINE_AFTER_MS - 1),
      kiosk('d', 'Delta', hb(0, null), NOW - 1000),
    ],
    [{ kioskId: 'a', boardId: 'n1', state: 'recovered', detail: null, deviceTime: '' }, { kioskId: 'b', boardId: 'n1', state: 'lost', detail: null, deviceTime: '' }],
    [{ kioskId: 'a', events: 10, missing: 2, conflicts: 0 }, { kioskId: 'd', events: 4, missing: 1, conflicts: 0 }],
    NOW,
  );
  const alerts = Object.fromEntries(rows.map((r) => [r.kioskId, r.alerts]));
  // a: gaps while nothing is unsent are lost events; b: lost board, dead letter, old backlog;
  // c: silent; d: gap with an empty backlog too.
  expect(alerts).toEqual({
    a: ['2 events missing'],
    b: ['board n1 lost', '1 dead letters', 'backlog older than 1 h'],
    c: ['offline'],
    d: ['1 events missing'],
  });
  expect(summarise(rows)).toEqual({ kiosks: 4, alerting: 4, offline: 1, unhealthyBoards: 1, backlogEvents: 5, events: 14 });
  expect(filterFleet(rows, { q: 'TA' }).map((r) => r.kioskId)).toEqual(['b', 'd']);
  expect(filterFleet(rows, { status: 'ok' })).toEqual([]);
  expect(filterFleet(rows, { content: 3 }).map((r) => r.kioskId)).toEqual(['a', 'b', 'd']);
});

it('shows no backlog figures before the first heartbeat (not zero)', () => {
  const [row] = buildFleet([kiosk('c', 'Gamma', null, null)], [], [], NOW);
  expect(row?.backlogCount).toBeNull();
  expect(row?.alerts).toEqual(['offline']);
});
