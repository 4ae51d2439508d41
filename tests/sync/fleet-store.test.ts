import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningPlatform } from '../../platform/server.ts';
import type { IncomingEvent } from '../../platform/store/platform-store.ts';
import { startTestPlatform, tempDir } from './helpers.ts';

/**
 * The fleet view's store queries, on SQLite and (vitest project `pg`) on PostgreSQL: latest
 * board state by seq, per-kiosk stats from streams and conflicts, keyset paging of a timeline
 * whose events share one received time.
 */
const t = tempDir('fleet-store');
let platform: RunningPlatform;

beforeAll(async () => {
  platform = await startTestPlatform(join(t.dir, 'platform'));
});
afterAll(async () => {
  await platform.close();
  t.cleanup();
});

function event(stream: string, seq: number, type: string, payload: object): IncomingEvent {
  const id = `0190000${stream}-0000-7000-8000-${String(seq).padStart(12, '0')}`;
  const json = JSON.stringify({ id, streamId: stream, seq, type, v: 1, payload });
  return { id, streamId: stream, seq, type, v: 1, deviceTime: new Date(1_700_000_000_000 + seq).toISOString(), hash: `h${id}`, json };
}

it('answers board health, stats and a paged timeline', async () => {
  const store = platform.deps.store;
  const now = platform.deps.now();
  await store.upsertKiosk({ kioskId: 'k1', installId: '01900000-0000-7000-8000-000000000001', name: 'one', tokenHash: 'x', now });
  await store.upsertKiosk({ kioskId: 'k2', installId: '01900000-0000-7000-8000-000000000002', name: 'two', tokenHash: 'y', now });
  const batch = [
    event('1', 1, 'shelf.health', { boardId: 'b1', state: 'connected' }),
    event('1', 2, 'shelf.lift', { slotId: 'A1' }),
    event('1', 3, 'shelf.health', { boardId: 'b1', state: 'lost', detail: 'unplugged' }),
    event('1', 5, 'shelf.health', { boardId: 'b2', state: 'degraded' }),
    ...Array.from({ length: 7 }, (_, i) => event('1', 10 + i, 'shelf.put', { slotId: 'A1' })),
  ];
  await store.ingest('k1', batch, now);
  await store.ingest('k1', [{ ...batch[1], hash: 'other' } as IncomingEvent], now + 1);

  const boards = await store.boardHealth();
  expect(boards.map((b) => [b.kioskId, b.boardId, b.state, b.detail])).toEqual([['k1', 'b1', 'lost', 'unplugged'], ['k1', 'b2', 'degraded', null]]);
  const stats = (await store.kioskEventStats()).sort((a, b) => a.kioskId.localeCompare(b.kioskId)).map((s) => ({ ...s, events: Number(s.events), missing: Number(s.missing), conflicts: Number(s.conflicts) }));
  expect(stats).toEqual([{ kioskId: 'k1', events: 11, missing: 5, conflicts: 1 }, { kioskId: 'k2', events: 0, missing: 0, conflicts: 0 }]);

  const seen: string[] = [];
  let page = await store.kioskTimeline('k1', 4);
  while (page.length > 0) {
    seen.push(...page.map((e) => e.id));
    const last = page[page.length - 1];
    page = last ? await store.kioskTimeline('k1', 4, { receivedAt: last.receivedAt, seq: last.seq, id: last.id }) : [];
  }
  expect(seen).toEqual(batch.map((e) => e.id).reverse());
  const first = await store.kioskTimeline('k1', 1);
  expect(JSON.parse(first[0]?.payload ?? 'null')).toEqual({ slotId: 'A1' });
  expect(await store.kioskTimeline('k2', 10)).toEqual([]);
});
