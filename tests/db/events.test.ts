import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { createEventStore, newBootId, EventPayloadError, type EventClock } from '../../db/events.ts';
import { EventEnvelopeSchema } from '../../contract/events.ts';

const dirs: string[] = [];
function open() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ev-'));
  dirs.push(dir);
  const { db, identity } = openDatabase(path.join(dir, 'kiosk.db'));
  const clock: EventClock = { now: () => new Date('2026-11-23T10:00:00+08:00'), monoMs: () => 1234.5 };
  return { db, events: createEventStore(db, { ...identity, bootId: newBootId(), clock }) };
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const lift = { slotId: 'A01', boardId: 'shelf-A', channel: 0, productId: 'p1', priceFen: 3800, contentVersion: 1, planogramVersion: 1, sessionId: 's' };

describe('event store', () => {
  it('writes a valid envelope and its outbox row with gap-free sequence numbers', () => {
    const { db, events } = open();
    const a = events.append('shelf.lift', lift);
    const b = events.append('sale.recorded', { saleId: 'x', productId: 'p1', quantity: 2, priceFen: 3800, totalFen: 7600, contentVersion: 1 });
    expect(EventEnvelopeSchema.parse(a)).toEqual(a);
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.id < b.id).toBe(true); // UUIDv7 sorts by time
    const outbox = db.prepare('SELECT event_id, priority FROM outbox ORDER BY priority, seq').all();
    expect(outbox).toEqual([{ event_id: b.id, priority: 0 }, { event_id: a.id, priority: 2 }]);
    expect(events.get(a.id)).toEqual(a);
    db.close();
  });

  it('rolls the event and outbox row back with the fact that failed', () => {
    const { db, events } = open();
    db.exec('CREATE TABLE sale_fact (id TEXT PRIMARY KEY) STRICT');
    const tx = db.transaction(() => {
      db.prepare('INSERT INTO sale_fact VALUES (?)').run('s1');
      events.append('shelf.lift', lift);
      throw new Error('power cut');
    });
    expect(() => tx()).toThrow('power cut');
    expect(db.prepare('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM sale_fact)').pluck().get()).toBe(0);
    expect(events.append('shelf.lift', lift).seq).toBe(1);
    db.close();
  });

  it('refuses a payload that fails its schema, writing nothing', () => {
    const { db, events } = open();
    expect(() => events.append('shelf.lift', { ...lift, priceFen: -1 })).toThrow(EventPayloadError);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    db.close();
  });

  it('reads the push queue through the partial index, not a table scan', () => {
    const { db } = open();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT event_id FROM outbox WHERE dead_reason IS NULL ORDER BY priority, seq LIMIT 500').all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('outbox_pending');
    db.close();
  });
});
