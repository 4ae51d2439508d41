import type { PoolClient } from 'pg';
import type { IncomingEvent, IngestOutcome } from './platform-store.ts';
import { projectMoneyPg } from '../orders/pg-orders.ts';

interface ConflictRow {
  eventId: string;
  kind: 'payload' | 'seq-reuse';
  storedHash: string;
  receivedHash: string;
}

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * Stores a batch set-based, in a handful of statements whatever its size. Runs inside the
 * caller's transaction. Locks are taken in one global order — event_ids by id, then
 * stream_seqs by (stream, seq), conflicts, board_health, streams by stream id — so two
 * processes ingesting overlapping batches wait for each other instead of deadlocking. The
 * same id pushed to two processes at once: the second INSERT … ON CONFLICT waits for the
 * first transaction, then sees its committed row (READ COMMITTED takes a new snapshot per
 * statement) and answers duplicate or conflict; the event is stored once.
 */
export async function ingestPg(client: PoolClient, kioskId: string, events: IncomingEvent[], now: number): Promise<IngestOutcome[]> {
  // A stream is bound to the kiosk that first wrote it (issue 12): another kiosk can neither
  // add to it nor raise alarms on its events.
  const owners = await client.query<{ stream_id: string }>('SELECT stream_id FROM streams WHERE stream_id = ANY($1::text[]) AND kiosk_id <> $2', [[...new Set(events.map((e) => e.streamId))], kioskId]);
  const foreign = new Set(owners.rows.map((r) => r.stream_id));
  if (foreign.size === 0) return ingestOwned(client, kioskId, events, now);
  const owned = await ingestOwned(client, kioskId, events.filter((e) => !foreign.has(e.streamId)), now);
  let next = 0;
  return events.map((e): IngestOutcome => (foreign.has(e.streamId) ? { status: 'rejected', reason: 'stream belongs to another kiosk' } : (owned[next++] ?? { status: 'rejected', reason: 'not stored' })));
}

async function ingestOwned(client: PoolClient, kioskId: string, events: IncomingEvent[], now: number): Promise<IngestOutcome[]> {
  if (events.length === 0) return [];
  const first = new Map<string, IncomingEvent>();
  for (const e of events) if (!first.has(e.id)) first.set(e.id, e);
  const unique = [...first.values()].sort(byKey((e) => e.id));

  const inserted = await client.query<{ id: string }>(
    `INSERT INTO event_ids (id, hash, received_at)
     SELECT id, hash, $3 FROM unnest($1::text[], $2::text[]) AS t(id, hash) ORDER BY id
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [unique.map((e) => e.id), unique.map((e) => e.hash), now],
  );
  const isNew = new Set(inserted.rows.map((r) => r.id));
  const held = new Map<string, string>();
  const old = unique.filter((e) => !isNew.has(e.id)).map((e) => e.id);
  if (old.length > 0) {
    const r = await client.query<{ id: string; hash: string }>('SELECT id, hash FROM event_ids WHERE id = ANY($1::text[])', [old]);
    for (const row of r.rows) held.set(row.id, row.hash);
  }
  const fresh = unique.filter((e) => isNew.has(e.id));
  for (const e of fresh) held.set(e.id, e.hash);

  const conflicts: ConflictRow[] = await storeFresh(client, kioskId, fresh, now);
  const outcomes = events.map((e): IngestOutcome => {
    if (isNew.has(e.id) && first.get(e.id) === e) return { status: 'ok' };
    const stored = held.get(e.id) ?? '';
    if (stored === e.hash) return { status: 'duplicate' };
    conflicts.push({ eventId: e.id, kind: 'payload', storedHash: stored, receivedHash: e.hash });
    return { status: 'conflict', storedHash: stored };
  });
  if (conflicts.length > 0) {
    conflicts.sort(byKey((c) => `${c.eventId}\u0000${c.kind}\u0000${c.receivedHash}`));
    await client.query(
      `INSERT INTO conflicts (event_id, kiosk_id, kind, stored_hash, received_hash, at)
       SELECT e, $2, k, s, r, $6 FROM unnest($1::text[], $3::text[], $4::text[], $5::text[]) AS t(e, k, s, r)
       ON CONFLICT (event_id, kind, received_hash) DO NOTHING`,
      [conflicts.map((c) => c.eventId), kioskId, conflicts.map((c) => c.kind), conflicts.map((c) => c.storedHash), conflicts.map((c) => c.receivedHash), now],
    );
  }
  return outcomes;
}

/** Writes the events new to the platform; answers the seq-reuse alarms found on the way. */
async function storeFresh(client: PoolClient, kioskId: string, fresh: IncomingEvent[], now: number): Promise<ConflictRow[]> {
  if (fresh.length === 0) return [];
  const bySeq = [...fresh].sort((a, b) => (a.streamId === b.streamId ? a.seq - b.seq : a.streamId < b.streamId ? -1 : 1));
  const owned = await client.query<{ event_id: string }>(
    `INSERT INTO stream_seqs (stream_id, seq, event_id, hash)
     SELECT s, q, e, h FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS t(s, q, e, h)
     ON CONFLICT (stream_id, seq) DO NOTHING RETURNING event_id`,
    [bySeq.map((e) => e.streamId), bySeq.map((e) => e.seq), bySeq.map((e) => e.id), bySeq.map((e) => e.hash)],
  );
  const owners = new Set(owned.rows.map((r) => r.event_id));
  const reused = bySeq.filter((e) => !owners.has(e.id));
  const conflicts: ConflictRow[] = [];
  if (reused.length > 0) {
    // A second id on a held (stream, seq): a restored or cloned kiosk database. Keep the
    // event (it is a real fact), raise the alarm, and do not count the seq twice for gaps.
    const r = await client.query<{ stream_id: string; seq: number; hash: string }>(
      `SELECT s.stream_id, s.seq, s.hash FROM stream_seqs s
       JOIN unnest($1::text[], $2::bigint[]) AS t(stream_id, seq) USING (stream_id, seq)`,
      [reused.map((e) => e.streamId), reused.map((e) => e.seq)],
    );
    const ownerHash = new Map(r.rows.map((x) => [`${x.stream_id}:${x.seq}`, x.hash]));
    for (const e of reused) conflicts.push({ eventId: e.id, kind: 'seq-reuse', storedHash: ownerHash.get(`${e.streamId}:${e.seq}`) ?? '', receivedHash: e.hash });
  }
  await client.query(
    `INSERT INTO events (id, kiosk_id, stream_id, seq, type, v, device_time, received_at, hash, envelope)
     SELECT id, $2, s, q, ty, v, dt, $8, h, env::jsonb
     FROM unnest($1::text[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::text[], $9::text[], $10::text[]) AS t(id, s, q, ty, v, dt, h, env)`,
    [fresh.map((e) => e.id), kioskId, fresh.map((e) => e.streamId), fresh.map((e) => e.seq), fresh.map((e) => e.type), fresh.map((e) => e.v),
      fresh.map((e) => e.deviceTime), now, fresh.map((e) => e.hash), fresh.map((e) => e.json)],
  );
  await saveBoardHealth(client, kioskId, fresh);
  // Money events are projected in the same transaction: a crash cannot split them.
  await projectMoneyPg(client, kioskId, fresh, now);
  await bumpStreams(client, kioskId, bySeq, owners);
  return conflicts;
}

interface HealthUpdate { boardId: string; state: string; detail: string | null; e: IncomingEvent }

function healthOf(e: IncomingEvent): HealthUpdate | null {
  if (e.type !== 'shelf.health') return null;
  const p = (JSON.parse(e.json) as { payload?: { boardId?: unknown; state?: unknown; detail?: unknown } }).payload;
  if (typeof p?.boardId !== 'string' || typeof p.state !== 'string') return null;
  return { boardId: p.boardId, state: p.state, detail: typeof p.detail === 'string' ? p.detail : null, e };
}

async function saveBoardHealth(client: PoolClient, kioskId: string, fresh: IncomingEvent[]): Promise<void> {
  const latest = new Map<string, HealthUpdate>();
  for (const h of fresh.map(healthOf)) {
    if (!h) continue;
    const cur = latest.get(h.boardId);
    if (!cur || cur.e.streamId !== h.e.streamId || h.e.seq > cur.e.seq) latest.set(h.boardId, h);
  }
  if (latest.size === 0) return;
  const rows = [...latest.values()].sort(byKey((h) => h.boardId));
  // Newer means a higher seq on the same stream; a new stream (a new kiosk database) wins.
  await client.query(
    `INSERT INTO board_health (kiosk_id, board_id, state, detail, stream_id, seq, device_time)
     SELECT $1, b, st, d, s, q, dt FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[]) AS t(b, st, d, s, q, dt)
     ON CONFLICT (kiosk_id, board_id) DO UPDATE SET state = excluded.state, detail = excluded.detail,
       stream_id = excluded.stream_id, seq = excluded.seq, device_time = excluded.device_time
     WHERE board_health.stream_id <> excluded.stream_id OR excluded.seq > board_health.seq`,
    [kioskId, rows.map((h) => h.boardId), rows.map((h) => h.state), rows.map((h) => h.detail), rows.map((h) => h.e.streamId), rows.map((h) => h.e.seq), rows.map((h) => h.e.deviceTime)],
  );
}

async function bumpStreams(client: PoolClient, kioskId: string, bySeq: IncomingEvent[], owners: Set<string>): Promise<void> {
  const agg = new Map<string, { maxSeq: number; added: number }>();
  for (const e of bySeq) {
    const a = agg.get(e.streamId) ?? { maxSeq: 0, added: 0 };
    a.maxSeq = Math.max(a.maxSeq, e.seq);
    if (owners.has(e.id)) a.added++;
    agg.set(e.streamId, a);
  }
  const ids = [...agg.keys()].sort();
  await client.query(
    `INSERT INTO streams (stream_id, kiosk_id, max_seq, distinct_seqs)
     SELECT s, $2, m, n FROM unnest($1::text[], $3::bigint[], $4::bigint[]) AS t(s, m, n)
     ON CONFLICT (stream_id) DO UPDATE SET max_seq = GREATEST(streams.max_seq, excluded.max_seq),
       distinct_seqs = streams.distinct_seqs + excluded.distinct_seqs`,
    [ids, kioskId, ids.map((s) => agg.get(s)?.maxSeq ?? 0), ids.map((s) => agg.get(s)?.added ?? 0)],
  );
}
