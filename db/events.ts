import { v7 as uuidv7, v4 as uuidv4 } from 'uuid';
import { EVENT_TYPES, PRIORITIES, priorityOf, type EventEnvelope, type EventPayload, type EventType } from '../contract/events.ts';
import type { Db, DbIdentity } from './open.ts';

/** Clock used to stamp events; injected so tests control it. */
export interface EventClock {
  now(): Date;
  monoMs(): number;
}

export const systemClock: EventClock = {
  now: () => new Date(),
  monoMs: () => performance.now(),
};

/** Everything an event needs besides its type and payload. */
export interface EventContext extends DbIdentity {
  bootId: string;
  clock: EventClock;
}

export function newBootId(): string {
  return uuidv4();
}

export class EventPayloadError extends Error {
  override name = 'EventPayloadError';
}

interface EventRow {
  id: string;
  stream_id: string;
  seq: number;
  type: string;
  v: number;
  device_time: string;
  boot_id: string;
  mono_ms: number;
  tz_offset: number;
  payload: string;
}

/**
 * Repository for the event log and its outbox. `append` must be called inside the
 * transaction that writes the fact the event records, so both commit or neither does.
 */
export function createEventStore(db: Db, ctx: EventContext) {
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM events WHERE stream_id = ?').pluck();
  const insertEvent = db.prepare(
    `INSERT INTO events (id, stream_id, seq, type, v, device_time, boot_id, mono_ms, tz_offset, payload)
     VALUES (@id, @streamId, @seq, @type, @v, @deviceTime, @bootId, @monoMs, @tzOffset, @payload)`,
  );
  const insertOutbox = db.prepare('INSERT INTO outbox (event_id, priority, seq, enqueued_at) VALUES (?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM events WHERE id = ?');

  function append<T extends EventType>(type: T, payload: EventPayload<T>): EventEnvelope {
    const def = EVENT_TYPES[type];
    const parsed = def.payload.safeParse(payload);
    if (!parsed.success) throw new EventPayloadError(`${type}: ${parsed.error.message}`);
    const now = ctx.clock.now();
    const write = db.transaction((): EventEnvelope => {
      const seq = nextSeq.get(ctx.streamId) as number;
      const envelope: EventEnvelope = {
        id: uuidv7(),
        installId: ctx.installId,
        streamId: ctx.streamId,
        seq,
        type,
        v: def.v,
        deviceTime: now.toISOString(),
        bootId: ctx.bootId,
        monoMs: ctx.clock.monoMs(),
        tzOffset: 0 - now.getTimezoneOffset() || 0, // `|| 0` turns -0 (UTC) into 0
        payload: parsed.data,
      };
      insertEvent.run({ ...envelope, payload: JSON.stringify(envelope.payload) });
      insertOutbox.run(envelope.id, PRIORITIES[priorityOf(type)], seq, now.getTime());
      return envelope;
    });
    // Nested inside the caller's transaction this is a savepoint; alone it is its own transaction.
    return write();
  }

  function get(id: string): EventEnvelope | undefined {
    const row = byId.get(id) as EventRow | undefined;
    return row ? rowToEnvelope(row, ctx.installId) : undefined;
  }

  return { append, get };
}

export type EventStore = ReturnType<typeof createEventStore>;

export function rowToEnvelope(row: EventRow, installId: string): EventEnvelope {
  return {
    id: row.id,
    installId,
    streamId: row.stream_id,
    seq: row.seq,
    type: row.type,
    v: row.v,
    deviceTime: row.device_time,
    bootId: row.boot_id,
    monoMs: row.mono_ms,
    tzOffset: row.tz_offset,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}
export type { EventRow };
