import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { createEventStore, newBootId, systemClock } from '../../db/events.ts';
import { createSlotStore } from '../../db/slots.ts';
import { createLogger } from '../../service/log.ts';
import { ShopperSession, type ShelfChange } from '../../service/shelf/shopper-session.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-session-'));
  dirs.push(dir);
  const { db, identity } = openDatabase(path.join(dir, 'kiosk.db'));
  const slots = createSlotStore(db);
  slots.bind([
    { slotId: 'A01', boardId: 'shelf-A', channel: 0, productId: 'tea' },
    { slotId: 'A02', boardId: 'shelf-A', channel: 1, productId: null },
  ]);
  let t = 1_000_000;
  const published: ShelfChange[] = [];
  const session = new ShopperSession({
    slots,
    events: createEventStore(db, { ...identity, bootId: newBootId(), clock: systemClock }),
    priceOf: (id) => (id === 'tea' ? 5800 : undefined),
    contentVersion: () => 1,
    publish: (c) => published.push(c),
    logger: createLogger({ level: 'silent', stdout: false }),
    now: () => t,
  });
  const types = () => db.prepare('SELECT type FROM events ORDER BY seq').pluck().all();
  return { session, published, types, advance: (ms: number) => (t += ms), db };
}

const lift = (channel: number) => ({ kind: 'lift' as const, boardId: 'shelf-A', channel, rxAt: 0 });
const put = (channel: number) => ({ kind: 'put' as const, boardId: 'shelf-A', channel, rxAt: 0 });

describe('shopper session', () => {
  it('shows a bound lift first, then records it; a put returns to attract and records the dwell', () => {
    const s = setup();
    s.session.handle(lift(0));
    expect(s.published.at(-1)?.lifted.map((l) => l.productId)).toEqual(['tea']);
    expect(s.session.isActive()).toBe(true);
    s.advance(4000);
    s.session.handle(put(0));
    expect(s.published.at(-1)?.lifted).toEqual([]);
    expect(s.types()).toEqual(['shelf.lift', 'shelf.put']);
    const dwell = JSON.parse(s.db.prepare("SELECT payload FROM events WHERE type = 'shelf.put'").pluck().get() as string) as { dwellMs: number };
    expect(dwell.dwellMs).toBe(4000);
  });

  it('records an unbound lift without showing anything or holding content back', () => {
    const s = setup();
    s.session.handle(lift(1));
    expect(s.published).toEqual([]);
    expect(s.session.isActive()).toBe(false);
    expect(s.types()).toEqual(['shelf.lift']);
  });

  it('lets content switch once the screen has let go of a lift whose put never arrived', () => {
    const s = setup();
    s.session.handle(lift(0));
    s.advance(61_000);
    s.session.expireIdle(60_000);
    expect(s.published.at(-1)?.lifted).toEqual([]);
    expect(s.session.isActive()).toBe(false);
    // The put still closes the books when it does arrive.
    s.session.handle(put(0));
    expect(s.types()).toEqual(['shelf.lift', 'shelf.put']);
  });
});
