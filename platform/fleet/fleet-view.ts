import type { BoardHealthRecord, KioskEventStats } from '../store/fleet-store.ts';
import type { KioskRecord } from '../store/platform-store.ts';

/** No contact for this long raises an alert. */
export const OFFLINE_AFTER_MS = 15 * 60_000;
/** An unsent event older than this raises an alert. */
export const BACKLOG_AGE_ALERT_MS = 60 * 60_000;
/** Board states that are healthy (contract/hardware.ts BoardHealthState). */
const HEALTHY = new Set(['connected', 'recovered']);

export interface FleetRow {
  kioskId: string;
  name: string | null;
  lastContact: number | null;
  heartbeatAt: number | null;
  appVersion: string | null;
  contentVersion: number | null;
  boards: Array<{ boardId: string; state: string; detail: string | null; deviceTime: string }>;
  /** Unsent events reported in the last heartbeat (all priorities), null before the first one. */
  backlogCount: number | null;
  backlogOldestAgeMs: number | null;
  deadLetters: number | null;
  events: number;
  missing: number;
  conflicts: number;
  alerts: string[];
}

export interface FleetFilter {
  q?: string;
  status?: 'all' | 'alerting' | 'ok';
  content?: number;
}

interface HeartbeatShape {
  appVersion?: string;
  contentVersion?: number | null;
  deadLetters?: number;
  backlog?: Record<string, { count: number; oldestAgeMs: number | null }>;
}

function parseHeartbeat(json: string | null): HeartbeatShape | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as HeartbeatShape;
  } catch {
    return null;
  }
}

/** Open alerts are derived from the current state, not stored: they close when the state heals. */
export function alertsOf(row: Omit<FleetRow, 'alerts'>, now: number): string[] {
  const alerts: string[] = [];
  if (row.lastContact === null || now - row.lastContact > OFFLINE_AFTER_MS) alerts.push('offline');
  for (const b of row.boards) if (!HEALTHY.has(b.state)) alerts.push(`board ${b.boardId} ${b.state}`);
  if ((row.deadLetters ?? 0) > 0) alerts.push(`${row.deadLetters} dead letters`);
  if (row.conflicts > 0) alerts.push(`${row.conflicts} conflicts`);
  if ((row.backlogOldestAgeMs ?? 0) > BACKLOG_AGE_ALERT_MS) alerts.push('backlog older than 1 h');
  // Gaps are normal while a backlog drains (money first); with nothing unsent they are lost events.
  if (row.missing > 0 && row.backlogCount === 0) alerts.push(`${row.missing} events missing`);
  return alerts;
}

/** One row per kiosk, from the kiosks table, their last heartbeat, board health and stream stats. */
export function buildFleet(kiosks: KioskRecord[], boards: BoardHealthRecord[], stats: KioskEventStats[], now: number): FleetRow[] {
  const boardsBy = new Map<string, FleetRow['boards']>();
  for (const b of boards) {
    const list = boardsBy.get(b.kioskId) ?? [];
    list.push({ boardId: b.boardId, state: b.state, detail: b.detail, deviceTime: b.deviceTime });
    boardsBy.set(b.kioskId, list);
  }
  const statsBy = new Map(stats.map((s) => [s.kioskId, s]));
  return kiosks.map((k) => {
    const hb = parseHeartbeat(k.heartbeat);
    const entries = hb?.backlog ? Object.values(hb.backlog) : null;
    const ages = entries?.flatMap((e) => (e.oldestAgeMs === null ? [] : [e.oldestAgeMs])) ?? [];
    const s = statsBy.get(k.kioskId);
    const row = {
      kioskId: k.kioskId,
      name: k.name,
      lastContact: k.lastContact,
      heartbeatAt: k.heartbeatAt,
      appVersion: hb?.appVersion ?? null,
      contentVersion: hb?.contentVersion ?? null,
      boards: boardsBy.get(k.kioskId) ?? [],
      backlogCount: entries ? entries.reduce((n, e) => n + e.count, 0) : null,
      backlogOldestAgeMs: ages.length > 0 ? Math.max(...ages) : null,
      deadLetters: hb?.deadLetters ?? null,
      events: Number(s?.events ?? 0),
      missing: Number(s?.missing ?? 0),
      conflicts: Number(s?.conflicts ?? 0),
    };
    return { ...row, alerts: alertsOf(row, now) };
  });
}

export function filterFleet(rows: FleetRow[], f: FleetFilter): FleetRow[] {
  const q = f.q?.trim().toLowerCase() ?? '';
  return rows.filter(
    (r) =>
      (q === '' || r.kioskId.toLowerCase().includes(q) || (r.name ?? '').toLowerCase().includes(q)) &&
      (f.status === undefined || f.status === 'all' || (f.status === 'alerting') === r.alerts.length > 0) &&
      (f.content === undefined || r.contentVersion === f.content),
  );
}

export interface FleetSummary {
  kiosks: number;
  alerting: number;
  offline: number;
  unhealthyBoards: number;
  backlogEvents: number;
  events: number;
}

export function summarise(rows: FleetRow[]): FleetSummary {
  return {
    kiosks: rows.length,
    alerting: rows.filter((r) => r.alerts.length > 0).length,
    offline: rows.filter((r) => r.alerts.includes('offline')).length,
    unhealthyBoards: rows.reduce((n, r) => n + r.boards.filter((b) => !HEALTHY.has(b.state)).length, 0),
    backlogEvents: rows.reduce((n, r) => n + (r.backlogCount ?? 0), 0),
    events: rows.reduce((n, r) => n + r.events, 0),
  };
}
