import { PRIORITIES, type EventEnvelope, type Priority } from '../../contract/events.ts';
import type { BacklogEntry, PushResult } from '../../contract/sync.ts';
import { rowToEnvelope, type EventRow } from '../../db/events.ts';
import type { Db } from '../../db/open.ts';

export interface DeadLetter {
  eventId: string;
  type: string;
  seq: number;
  reason: string;
  deadAt: number;
  attempts: number;
}

export interface ApplyCounts {
  acked: number;
  dead: number;
  unanswered: number;
}

const PRIORITY_NAMES = Object.keys(PRIORITIES) as Priority[];

/**
 * The sync client's view of the outbox. A row leaves the outbox only when the platform
 * acknowledged its event (ok / duplicate); a per-event rejection or conflict dead-letters it;
 * everything else only counts an attempt.
 */
export function createOutboxRepo(db: Db, installId: string) {
  const q = {
    pending: db.prepare(
      `SELECT e.* FROM outbox o JOIN events e ON e.id = o.event_id
       WHERE o.dead_reason IS NULL ORDER BY o.priority, o.seq LIMIT ?`,
    ),
    ack: db.prepare('DELETE FROM outbox WHERE event_id = ?'),
    synced: db.prepare('UPDATE events SET synced_at = ?, server_time = ? WHERE id = ?'),
    dead: db.prepare(
      'UPDATE outbox SET dead_reason = ?, dead_at = ?, attempts = attempts + 1, last_error = ? WHERE event_id = ? AND dead_reason IS NULL',
    ),
    failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?'),
    backlog: db.prepare(
      `SELECT priority, COUNT(*) AS count, MIN(enqueued_at) AS oldest FROM outbox
       WHERE dead_reason IS NULL GROUP BY priority`,
    ),
    deadCount: db.prepare('SELECT COUNT(*) FROM outbox WHERE dead_reason IS NOT NULL').pluck(),
    deadList: db.prepare(
      `SELECT o.event_id AS eventId, e.type, e.seq, o.dead_reason AS reason, o.dead_at AS deadAt, o.attempts
       FROM outbox o JOIN events e ON e.id = o.event_id
       WHERE o.dead_reason IS NOT NULL ORDER BY o.dead_at DESC LIMIT ?`,
    ),
    requeue: db.prepare('UPDATE outbox SET dead_reason = NULL, dead_at = NULL WHERE event_id = ?'),
  };

  /** Oldest-first within priority: money, then stock, then analytics. */
  function pending(limit: number): EventEnvelope[] {
    return (q.pending.all(limit) as EventRow[]).map((row) => rowToEnvelope(row, installId));
  }

  const apply = db.transaction((sent: readonly EventEnvelope[], results: readonly PushResult[], serverTime: string, now: number): ApplyCounts => {
    const byId = new Map(results.map((r) => [r.id, r]));
    const counts: ApplyCounts = { acked: 0, dead: 0, unanswered: 0 };
    for (const e of sent) {
      const r = byId.get(e.id);
      if (!r) {
        q.failed.run('no result for this event in the response', e.id);
        counts.unanswered++;
        continue;
      }
      switch (r.status) {
        case 'ok':
        case 'duplicate':
          q.ack.run(e.id);
          q.synced.run(now, serverTime, e.id);
          counts.acked++;
          break;
        case 'rejected':
          q.dead.run(`rejected: ${r.reason ?? 'no reason given'}`, now, null, e.id);
          counts.dead++;
          break;
        case 'conflict':
          // Dead-letter rather than retry: resending cannot change the platform's copy, and a
          // row that sorts first would otherwise head every batch forever. Staff see it; an
          // admin can requeue it.
          q.dead.run(`conflict: ${r.reason ?? 'the platform holds a different payload under this id'}`, now, 'conflict alarm', e.id);
          counts.dead++;
          break;
      }
    }
    return counts;
  });

  const recordFailure = db.transaction((ids: readonly string[], error: string) => {
    for (const id of ids) q.failed.run(error.slice(0, 500), id);
  });

  const deadLetter = (id: string, reason: string, now: number) => q.dead.run(reason, now, null, id);

  function backlog(now: number): Record<Priority, BacklogEntry> {
    const out = Object.fromEntries(PRIORITY_NAMES.map((p) => [p, { count: 0, oldestAgeMs: null }])) as Record<Priority, BacklogEntry>;
    for (const r of q.backlog.all() as Array<{ priority: number; count: number; oldest: number }>) {
      const name = PRIORITY_NAMES.find((p) => PRIORITIES[p] === r.priority) ?? 'analytics';
      out[name] = { count: out[name].count + r.count, oldestAgeMs: Math.max(0, now - r.oldest) };
    }
    return out;
  }

  return {
    pending,
    /** Applies per-event results of one push in one transaction. */
    // IMMEDIATE: take the write lock up front, so another process's writer cannot force a
    // SQLITE_BUSY_SNAPSHOT halfway through an acknowledgement.
    apply: (sent: readonly EventEnvelope[], results: readonly PushResult[], serverTime: string, now: number) => apply.immediate(sent, results, serverTime, now),
    recordFailure: (ids: readonly string[], error: string) => recordFailure.immediate(ids, error),
    deadLetter,
    backlog,
    deadLetterCount: () => q.deadCount.get() as number,
    deadLetters: (limit: number) => q.deadList.all(limit) as DeadLetter[],
    /** Puts dead letters back in the queue (after an admin fixed the cause). */
    requeue: db.transaction((ids: readonly string[]) => ids.reduce((n, id) => n + q.requeue.run(id).changes, 0)),
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
