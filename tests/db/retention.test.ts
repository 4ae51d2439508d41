import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { createEventStore, newBootId, type EventClock } from '../../db/events.ts';
import { pruneSyncedAnalytics, ANALYTICS_RETENTION_MS } from '../../db/retention.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ret-'));
  dirs.push(dir);
  const { db, identity } = openDatabase(path.join(dir, 'kiosk.db'));
  const clock: EventClock = { now: () => new Date('2026-01-01T00:00:00Z'), monoMs: () => 0 };
  const events = createEventStore(db, { ...identity, bootId: newBootId(), clock });
  /** The platform acknowledged the event `ageMs` before `now`. */
  const ack = (id: string, at: number) => db.transaction(() => {
    db.prepare('DELETE FROM outbox WHERE event_id = ?').run(id);
    db.prepare('UPDATE events SET synced_at = ? WHERE id = ?').run(at, id);
  })();
  return { db, events, ack };
}

const lift = { slotId: 'A01', boardId: 'shelf-A', channel: 0, productId: 'p', priceFen: 100, contentVersion: 1, planogramVersion: 1, sessionId: 's' };
const sale = { saleId: 's1', productId: 'p', quantity: 1, priceFen: 100, totalFen: 100, contentVersion: 1 };

describe('retention of acknowledged analytics', () => {
  it('deletes old acknowledged analytics only: never sales, unacknowledged events, recent ones or the newest event', () => {
    const { db, events, ack } = setup();
    const now = Date.UTC(2026, 5, 1);
    const old = now - ANALYTICS_RETENTION_MS - 1000;
    const oldLift = events.append('shelf.lift', lift);
    const oldSale = events.append('sale.recorded', sale);
    const unacked = events.append('shelf.lift', lift);
    const recent = events.append('shelf.lift', lift);
    const newest = events.append('shelf.put', { ...lift, dwellMs: 5 });
    ack(oldLift.id, old);
    ack(oldSale.id, old);
    ack(recent.id, now - 1000);
    ack(newest.id, old);
    expect(pruneSyncedAnalytics(db, now)).toBe(1);
    const left = db.prepare('SELECT id FROM events ORDER BY seq').pluck().all();
    expect(left).toEqual([oldSale.id, unacked.id, recent.id, newest.id]);
    // The sequence continues after the newest event: no number is handed out twice.
    expect(events.append('shelf.lift', lift).seq).toBe(newest.seq + 1);
    db.close();
  });
});
