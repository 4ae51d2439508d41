import type Database from 'better-sqlite3';
import type { BoardHealthRecord, KioskEventStats, TimelineCursor, TimelineEvent } from './fleet-store.ts';

/**
 * The fleet view's queries on the embedded store. Board health is read from the
 * `shelf.health` events (latest by stream and seq); fine for one shop's fleet, while the
 * PostgreSQL store keeps a board_health table at ingest instead.
 */
export function sqliteFleetMethods(db: Database.Database) {
  // Kept out of the numbered migrations so this branch merges cleanly with schema work in
  // flight on the same list; IF NOT EXISTS makes it idempotent.
  db.exec('CREATE INDEX IF NOT EXISTS events_kiosk_received ON events (kiosk_id, received_at)');
  const q = {
    boards: db.prepare(
      `SELECT kiosk_id AS kioskId, board_id AS boardId, state, detail, device_time AS deviceTime FROM (
         SELECT kiosk_id, json_extract(envelope, '$.payload.boardId') AS board_id, json_extract(envelope, '$.payload.state') AS state,
                json_extract(envelope, '$.payload.detail') AS detail, device_time,
                row_number() OVER (PARTITION BY kiosk_id, json_extract(envelope, '$.payload.boardId') ORDER BY received_at DESC, seq DESC) AS rn
         FROM events WHERE type = 'shelf.health')
       WHERE rn = 1 AND board_id IS NOT NULL AND state IS NOT NULL ORDER BY kioskId, boardId`,
    ),
    stats: db.prepare(
      `SELECT k.kiosk_id AS kioskId, COALESCE(s.events, 0) AS events, COALESCE(s.missing, 0) AS missing, COALESCE(c.n, 0) AS conflicts
       FROM kiosks k
       LEFT JOIN (SELECT kiosk_id, SUM(distinct_seqs) AS events, SUM(max_seq - distinct_seqs) AS missing FROM streams GROUP BY kiosk_id) s USING (kiosk_id)
       LEFT JOIN (SELECT kiosk_id, COUNT(*) AS n FROM conflicts GROUP BY kiosk_id) c USING (kiosk_id)`,
    ),
    timeline: db.prepare(
      `SELECT id, type, stream_id AS streamId, seq, device_time AS deviceTime, received_at AS receivedAt, json_extract(envelope, '$.payload') AS payload
       FROM events WHERE kiosk_id = ? AND (received_at, seq, id) < (?, ?, ?) ORDER BY received_at DESC, seq DESC, id DESC LIMIT ?`,
    ),
  };
  return {
    boardHealth: () => q.boards.all() as BoardHealthRecord[],
    kioskEventStats: () => q.stats.all() as KioskEventStats[],
    kioskTimeline: (kioskId: string, limit: number, before?: TimelineCursor) =>
      q.timeline.all(kioskId, before?.receivedAt ?? Number.MAX_SAFE_INTEGER, before?.seq ?? 0, before?.id ?? '', limit) as TimelineEvent[],
  };
}
