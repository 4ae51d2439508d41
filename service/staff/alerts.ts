import type { Alert } from '../../contract/staff.ts';
import type { EventStore } from '../../db/events.ts';
import type { Db } from '../../db/open.ts';
import type { Logger } from '../log.ts';

/** A board counts as lost for staff after this long (shorter outages are replugs, not alerts). */
export const BOARD_LOST_ALERT_MS = 30_000;
/** Unsent events older than this are an alert (the platform has been unreachable for a while). */
export const BACKLOG_ALERT_MS = 3600_000;

export interface AlertSources {
  boards(): Array<{ boardId: string; state: string }>;
  sensors(): Array<{ boardId: string; channel: number; state: 'ok' | 'stuck' | 'noisy' }>;
  lowStock(): string[];
  oldestUnsentMs(): number | null;
}

type Wanted = Omit<Alert, 'since'>;

/**
 * Staff alerts, re-evaluated every second: board lost > 30 s, stuck or noisy sensor, low
 * stock, old unsent backlog. Each is raised once and cleared once (a row and a `staff.alert`
 * event in one transaction), so the platform sees them and staff see a stable list.
 */
export class StaffAlerts {
  private readonly lostSince = new Map<string, number>();
  private readonly openRows;
  private readonly raise;
  private readonly clear;

  constructor(
    private readonly db: Db,
    private readonly events: EventStore,
    private readonly sources: AlertSources,
    private readonly logger: Logger,
    private readonly onChange: () => void,
  ) {
    this.openRows = db.prepare('SELECT alert_id AS id, kind, subject, raised_at AS since FROM staff_alerts WHERE cleared_at IS NULL ORDER BY raised_at');
    this.raise = db.prepare('INSERT INTO staff_alerts (alert_id, kind, subject, raised_at) VALUES (?, ?, ?, ?) ON CONFLICT(alert_id) DO UPDATE SET raised_at = excluded.raised_at, cleared_at = NULL');
    this.clear = db.prepare('UPDATE staff_alerts SET cleared_at = ? WHERE alert_id = ?');
  }

  list(): Alert[] {
    return this.openRows.all() as Alert[];
  }

  evaluate(now: number): void {
    const wanted = new Map(this.wanted(now).map((a) => [a.id, a]));
    const open = new Map(this.list().map((a) => [a.id, a]));
    const toRaise = [...wanted.values()].filter((a) => !open.has(a.id));
    const toClear = [...open.values()].filter((a) => !wanted.has(a.id));
    if (toRaise.length === 0 && toClear.length === 0) return;
    try {
      this.db.transaction(() => {
        for (const a of toRaise) {
          this.raise.run(a.id, a.kind, a.subject, now);
          this.events.append('staff.alert', { kind: a.kind, subject: a.subject, state: 'raised' });
        }
        for (const a of toClear) {
          this.clear.run(now, a.id);
          this.events.append('staff.alert', { kind: a.kind, subject: a.subject, state: 'cleared' });
        }
      })();
    } catch (err) {
      this.logger.error({ err }, 'could not record staff alerts');
      return;
    }
    this.onChange();
  }

  private wanted(now: number): Wanted[] {
    const out: Wanted[] = [];
    for (const b of this.sources.boards()) {
      if (b.state !== 'lost' && b.state !== 'absent') {
        this.lostSince.delete(b.boardId);
        continue;
      }
      const since = this.lostSince.get(b.boardId) ?? now;
      this.lostSince.set(b.boardId, since);
      if (now - since >= BOARD_LOST_ALERT_MS) out.push({ id: `board-lost:${b.boardId}`, kind: 'board-lost', subject: b.boardId });
    }
    for (const s of this.sources.sensors()) {
      if (s.state !== 'ok') out.push({ id: `sensor-${s.state}:${s.boardId}#${s.channel}`, kind: s.state === 'stuck' ? 'sensor-stuck' : 'sensor-noisy', subject: `${s.boardId} ch ${s.channel}` });
    }
    for (const slotId of this.sources.lowStock()) out.push({ id: `low-stock:${slotId}`, kind: 'low-stock', subject: slotId });
    const oldest = this.sources.oldestUnsentMs();
    if (oldest !== null && oldest >= BACKLOG_ALERT_MS) out.push({ id: 'unsent-backlog', kind: 'unsent-backlog', subject: `${Math.round(oldest / 60_000)} min` });
    return out;
  }
}
