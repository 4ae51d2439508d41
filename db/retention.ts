import { EVENT_TYPES, priorityOf } from '../contract/events.ts';
import type { Db } from './open.ts';

/** Acknowledged analytics events older than this are deleted; sales, orders and stock events are kept. */
export const ANALYTICS_RETENTION_MS = 30 * 24 * 3600_000;

const ANALYTICS_TYPES = Object.keys(EVENT_TYPES).filter((t) => priorityOf(t) === 'analytics');

/**
 * Deletes analytics events the platform acknowledged before `now - retentionMs`. Never touches
 * an event still in the outbox, and never the stream's newest event: the next sequence number
 * is MAX(seq) + 1, so deleting the newest would hand its number out again.
 */
export function pruneSyncedAnalytics(db: Db, now: number, retentionMs = ANALYTICS_RETENTION_MS): number {
  const placeholders = ANALYTICS_TYPES.map(() => '?').join(', ');
  const del = db.prepare(
    `DELETE FROM events
     WHERE synced_at IS NOT NULL AND synced_at < ?
       AND type IN (${placeholders})
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = events.id)
       AND seq < (SELECT MAX(e2.seq) FROM events e2 WHERE e2.stream_id = events.stream_id)`,
  );
  return del.run(now - retentionMs, ...ANALYTICS_TYPES).changes;
}
