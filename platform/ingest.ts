import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { EVENT_TYPES, EventEnvelopeSchema, type EventType } from '../contract/events.ts';
import { canonicalJson, type PushResult } from '../contract/sync.ts';
import { DEFAULT_LIMITS, type PlatformLimits } from './limits.ts';
import type { IncomingEvent, KioskRecord, PlatformStore } from './store/platform-store.ts';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
    .slice(0, 400);
}

type Checked = { ok: true; event: IncomingEvent } | { ok: false; result: PushResult };

/**
 * Validates one pushed event. Known types at their current version get their payload
 * checked; other versions and unknown types are accepted as they are, because fleets run
 * mixed releases and the platform must take every event version ever shipped.
 */
export function checkEvent(raw: unknown, kiosk: KioskRecord, limits: Pick<PlatformLimits, 'maxEventBytes' | 'maxUnknownEventBytes'> = DEFAULT_LIMITS): Checked {
  const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  const id = typeof rawId === 'string' ? rawId : '';
  const parsed = EventEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, result: { id, status: 'rejected', reason: `invalid envelope: ${describe(parsed.error)}` } };
  const e = parsed.data;
  if (e.installId !== kiosk.installId) {
    return { ok: false, result: { id, status: 'rejected', reason: 'installId does not belong to this kiosk' } };
  }
  let checkedPayload = false;
  if (e.type in EVENT_TYPES) {
    const def = EVENT_TYPES[e.type as EventType];
    const payload = def.v === e.v ? def.payload.safeParse(e.payload) : null;
    if (payload && !payload.success) {
      return { ok: false, result: { id, status: 'rejected', reason: `payload of ${e.type} v${e.v}: ${describe(payload.error)}` } };
    }
    checkedPayload = payload !== null;
  }
  const json = canonicalJson(raw);
  // Unknown types and versions are stored as they come (mixed fleets), so they get a tighter bound.
  const max = checkedPayload ? limits.maxEventBytes : limits.maxUnknownEventBytes;
  const size = Buffer.byteLength(json);
  if (size > max) {
    return { ok: false, result: { id, status: 'rejected', reason: `event too large: ${size} bytes (limit ${max} for ${checkedPayload ? 'a known' : 'an unknown'} type/version)` } };
  }
  return {
    ok: true,
    event: { id: e.id, streamId: e.streamId, seq: e.seq, type: e.type, v: e.v, deviceTime: e.deviceTime, hash: sha256Hex(json), json },
  };
}

/** Checks and stores a batch; answers one result per input event, in input order. */
export async function ingestBatch(items: unknown[], kiosk: KioskRecord, store: PlatformStore, now: number, limits: PlatformLimits = DEFAULT_LIMITS): Promise<PushResult[]> {
  const checked = items.map((raw) => checkEvent(raw, kiosk, limits));
  const valid = checked.flatMap((c) => (c.ok ? [c.event] : []));
  const outcomes = await store.ingest(kiosk.kioskId, valid, now);
  let next = 0;
  return checked.map((c): PushResult => {
    if (!c.ok) return c.result;
    const outcome = outcomes[next++];
    if (!outcome) throw new Error('store answered fewer outcomes than events');
    if (outcome.status === 'rejected') return { id: c.event.id, status: 'rejected', reason: outcome.reason };
    if (outcome.status === 'conflict') {
      return { id: c.event.id, status: 'conflict', reason: 'the platform holds a different payload under this id' };
    }
    return { id: c.event.id, status: outcome.status };
  });
}
