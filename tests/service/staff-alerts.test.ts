import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.ts';
import { createEventStore, newBootId, systemClock } from '../../db/events.ts';
import { createLogger } from '../../service/log.ts';
import { BOARD_LOST_ALERT_MS, StaffAlerts } from '../../service/staff/alerts.ts';

let dir: string;
let db: Db;
afterEach(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('staff alerts', () => {
  it('raises board-lost only after 30 s, low stock and sick sensors at once; each raise and clear is one event', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-alerts-'));
    const opened = openDatabase(path.join(dir, 'kiosk.db'));
    db = opened.db;
    const events = createEventStore(db, { ...opened.identity, bootId: newBootId(), clock: systemClock });
    const src = { board: 'lost', sensor: 'noisy' as 'ok' | 'noisy', low: ['A03'] };
    let changes = 0;
    const alerts = new StaffAlerts(
      db,
      events,
      { boards: () => [{ boardId: 'shelf-A', state: src.board }], sensors: () => [{ boardId: 'shelf-A', channel: 2, state: src.sensor }], lowStock: () => src.low, oldestUnsentMs: () => null },
      createLogger({ level: 'silent', stdout: false }),
      () => (changes += 1),
    );
    alerts.evaluate(0);
    expect(alerts.list().map((a) => a.kind).sort()).toEqual(['low-stock', 'sensor-noisy']);
    alerts.evaluate(BOARD_LOST_ALERT_MS - 1);
    expect(alerts.list().some((a) => a.kind === 'board-lost')).toBe(false);
    alerts.evaluate(BOARD_LOST_ALERT_MS);
    expect(alerts.list().some((a) => a.kind === 'board-lost')).toBe(true);
    alerts.evaluate(BOARD_LOST_ALERT_MS + 10); // nothing new: no event, no change
    Object.assign(src, { board: 'connected', sensor: 'ok', low: [] });
    alerts.evaluate(BOARD_LOST_ALERT_MS + 20);
    expect(alerts.list()).toEqual([]);
    const rows = (db.prepare("SELECT payload FROM events WHERE type = 'staff.alert' ORDER BY seq").pluck().all() as string[]).map((p) => JSON.parse(p) as { kind: string; state: string });
    expect(rows.filter((r) => r.state === 'raised')).toHaveLength(3);
    expect(rows.filter((r) => r.state === 'cleared')).toHaveLength(3);
    expect(changes).toBe(3);
  });
});
