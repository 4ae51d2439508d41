import type { FastifyInstance } from 'fastify';
import { hashToken, isAdmin, sameSecret } from '../auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { overview } from './admin-routes.ts';

type Overview = Awaited<ReturnType<typeof overview>>;

/** HTML-escapes any value for text and attribute positions. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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
  return page(
    'Fleet',
    `<h1>Fleet</h1><p>${esc(o.eventCount)} events held. <a href="/fleet">Fleet view: health, alerts, timelines</a></p><h2>Kiosks</h2>${kiosks}<h2>Conflicts (alarms)</h2>${conflicts}<h2>Streams and gaps</h2>${streams}<h2>Recent events</h2>${events}`,
  );
}

/** A whole admin page with the shared style. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} — kiosk platform</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f3f3f3}</style>
</head><body>${body}</body></html>`;
}

const LOGIN = page(
  'Sign in',
  '<h1>Kiosk platform</h1><form method="post" action="/login"><label>Admin token <input name="token" type="password" autocomplete="off"></label> <button>Sign in</button></form>',
);

/** The admin's fleet page at `/`: kiosks, last contact, backlog, recent events, conflicts. */
export function registerAdminPage(app: FastifyInstance, deps: PlatformDeps): void {
  app.get('/', async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    if (!isAdmin(req, deps.adminToken)) return LOGIN;
    return renderPage(await overview(deps), deps.now());
  });

  app.post('/login', { bodyLimit: 4096 }, async (req, reply) => {
    const token = (req.body as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || !sameSecret(hashToken(token), hashToken(deps.adminToken))) {
      return reply.code(401).type('text/html; charset=utf-8').send(LOGIN);
    }
    return reply
      .setCookie('platform_admin', token, { httpOnly: true, sameSite: 'strict', path: '/' })
      .redirect('/', 303);
  });
}
