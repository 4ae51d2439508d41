import type { FastifyInstance } from 'fastify';
import { hasRole } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { overview } from './admin-routes.ts';
import { esc } from './html.ts';
import { adminPage, withPage } from './page-shell.ts';

export { esc, page } from './html.ts';

type Overview = Awaited<ReturnType<typeof overview>>;

function when(ms: number | null, now: number): string {
  if (ms === null) return 'never';
  const s = Math.round((now - ms) / 1000);
  return `${new Date(ms).toISOString()} (${s < 120 ? `${s} s` : `${Math.round(s / 60)} min`} ago)`;
}

function table(head: string[], rows: Array<Array<string | number | null>>): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr || `<tr><td colspan="${head.length}">none</td></tr>`}</tbody></table>`;
}

function backlogText(hb: unknown): string {
  const b = (hb as { backlog?: Record<string, { count: number; oldestAgeMs: number | null }> } | null)?.backlog;
  if (!b) return 'no heartbeat yet';
  return Object.entries(b)
    .map(([p, e]) => `${p} ${e.count}${e.oldestAgeMs === null ? '' : ` (oldest ${Math.round(e.oldestAgeMs / 60000)} min)`}`)
    .join(', ');
}

function renderPage(o: Overview, now: number): string {
  const kiosks = table(
    ['kiosk', 'name', 'last contact', 'backlog', 'dead letters', 'content'],
    o.kiosks.map((k) => {
      const hb = k.heartbeat as { deadLetters?: number; contentVersion?: number | null } | null;
      return [k.kioskId, k.name ?? '', when(k.lastContact, now), backlogText(k.heartbeat), hb?.deadLetters ?? '', hb?.contentVersion ?? ''];
    }),
  );
  const streams = table(['stream', 'kiosk', 'max seq', 'received', 'missing'], o.streams.map((s) => [s.streamId, s.kioskId, s.maxSeq, s.count, s.missing]));
  const events = table(['received', 'kiosk', 'type', 'stream:seq', 'device time'], o.recentEvents.map((e) => [new Date(e.receivedAt).toISOString(), e.kioskId, e.type, `${e.streamId.slice(0, 8)}:${e.seq}`, e.deviceTime]));
  const conflicts = table(['at', 'event', 'kiosk', 'kind', 'stored hash', 'received hash'], o.conflicts.map((c) => [new Date(c.at).toISOString(), c.eventId, c.kioskId, c.kind, c.storedHash.slice(0, 12), c.receivedHash.slice(0, 12)]));
  return (
    `<h1>Fleet</h1><p>${esc(o.eventCount)} events held. <a href="/fleet">Fleet view: health, alerts, timelines</a></p><h2>Kiosks</h2>${kiosks}<h2>Conflicts (alarms)</h2>${conflicts}<h2>Streams and gaps</h2>${streams}<h2>Recent events</h2>${events}`
  );
}

/** The fleet admin's overview at `/`: kiosks, last contact, backlog, recent events, conflicts. */
export function registerAdminPage(app: FastifyInstance, deps: PlatformDeps): void {
  app.get('/', (req, reply) =>
    withPage(req, reply, deps, null, async (p) => {
      if (!hasRole(p, 'fleet-admin')) return adminPage(p, 'Kiosk platform', '<h1>Kiosk platform</h1><p>Signed in. Use the links above.</p>');
      return adminPage(p, 'Fleet', renderPage(await overview(deps), deps.now()));
    }),
  );
}
