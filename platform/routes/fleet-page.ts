import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../deps.ts';
import type { TimelineCursor } from '../store/fleet-store.ts';
import { buildFleet, filterFleet, summarise, type FleetFilter, type FleetRow } from '../fleet/fleet-view.ts';
import { esc } from './admin-page.ts';
import { adminPage, withPage } from './page-shell.ts';
import { moneyAlarmsByKiosk } from '../orders/reconciliation.ts';

const TIMELINE_PAGE = 200;

async function loadFleet(deps: PlatformDeps): Promise<FleetRow[]> {
  const [kiosks, boards, stats] = await Promise.all([deps.store.listKiosks(), deps.store.boardHealth(), deps.store.kioskEventStats()]);
  return buildFleet(kiosks, boards, stats, deps.now());
}

function ago(ms: number | null, now: number): string {
  if (ms === null) return 'never';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

const minutes = (ms: number | null) => (ms === null ? '' : `${Math.round(ms / 60_000)} min`);

function boardsCell(r: FleetRow): string {
  if (r.boards.length === 0) return 'none reported';
  return r.boards.map((b) => `<span data-board="${esc(b.boardId)}" data-state="${esc(b.state)}">${esc(b.boardId)}: ${esc(b.state)}</span>`).join('<br>');
}

function cell(field: string, text: string | number | null, raw?: string): string {
  return `<td data-field="${field}">${raw ?? esc(text)}</td>`;
}

function fleetRowHtml(r: FleetRow, now: number): string {
  return `<tr data-kiosk-id="${esc(r.kioskId)}">${[
    cell('kiosk', null, `<a href="/fleet/kiosks/${encodeURIComponent(r.kioskId)}">${esc(r.name ?? r.kioskId)}</a><br><small>${esc(r.kioskId)}</small>`),
    cell('heartbeat', ago(r.heartbeatAt, now)),
    cell('app', r.appVersion ?? ''),
    cell('content', r.contentVersion),
    cell('boards', null, boardsCell(r)),
    cell('backlog', r.backlogCount),
    cell('backlog-age', minutes(r.backlogOldestAgeMs)),
    cell('dead-letters', r.deadLetters),
    cell('events', r.events),
    cell('missing', r.missing),
    cell('alerts', null, r.alerts.map((a) => `<span class="alert">${esc(a)}</span>`).join('<br>')),
  ].join('')}</tr>`;
}

function parseFilter(q: Record<string, string | undefined>): FleetFilter {
  const status = q.status === 'alerting' || q.status === 'ok' ? q.status : 'all';
  const content = q.content !== undefined && /^\d+$/.test(q.content) ? Number(q.content) : undefined;
  return { status, ...(q.q ? { q: q.q.slice(0, 100) } : {}), ...(content === undefined ? {} : { content }) };
}

function filterForm(f: FleetFilter): string {
  const opt = (v: string) => `<option value="${v}"${f.status === v ? ' selected' : ''}>${v}</option>`;
  return `<form method="get" action="/fleet"><label>Search <input name="q" value="${esc(f.q ?? '')}"></label>
 <label>Status <select name="status">${['all', 'alerting', 'ok'].map(opt).join('')}</select></label>
 <label>Content version <input name="content" size="5" value="${esc(f.content ?? '')}"></label> <button>Filter</button></form>`;
}

function renderFleet(all: FleetRow[], f: FleetFilter, now: number, money: Map<string, number>): string {
  const rows = filterFleet(all, f);
  const s = summarise(all);
  const summary = (Object.entries(s) as Array<[string, number]>).map(([k, v]) => `<dt>${esc(k)}</dt><dd data-summary="${esc(k)}">${esc(v)}</dd>`).join('');
  const head = ['kiosk', 'last heartbeat', 'app', 'content', 'boards', 'unsent', 'oldest unsent', 'dead letters', 'events held', 'missing', 'open alerts'];
  const body = rows.map((r) => fleetRowHtml(r, now)).join('') || `<tr><td colspan="${head.length}">no kiosk matches</td></tr>`;
  const moneyList = [...money].map(([k, n]) => `${esc(k)} (${n})`).join(', ');
  const moneyLine = `<p id="money-alarms" data-count="${[...money.values()].reduce((a, b) => a + b, 0)}">Money alarms, last 7 days: ${moneyList || 'none'} — <a href="/admin/reconciliation">reconciliation</a>, <a href="/admin/orders">orders</a></p>`;
  return `<h1>Fleet view</h1><dl class="summary">${summary}</dl>${moneyLine}${filterForm(f)}
<p data-shown="${rows.length}">${rows.length} of ${all.length} kiosks shown.</p>
<table id="fleet"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

async function renderKiosk(deps: PlatformDeps, kioskId: string, before: TimelineCursor | undefined): Promise<string | null> {
  const row = (await loadFleet(deps)).find((r) => r.kioskId === kioskId);
  if (!row) return null;
  const now = deps.now();
  const events = await deps.store.kioskTimeline(kioskId, TIMELINE_PAGE, before);
  const tr = events
    .map((e) => `<tr data-event-id="${esc(e.id)}"><td>${esc(new Date(e.receivedAt).toISOString())}</td><td>${esc(e.deviceTime)}</td><td data-field="type">${esc(e.type)}</td><td>${esc(`${e.streamId.slice(0, 8)}:${e.seq}`)}</td><td><code>${esc(e.payload.slice(0, 240))}</code></td></tr>`)
    .join('');
  const last = events[events.length - 1];
  const cursor = last ? `${last.receivedAt}.${last.seq}.${encodeURIComponent(last.id)}` : '';
  const older = events.length === TIMELINE_PAGE ? `<p><a id="older" href="/fleet/kiosks/${encodeURIComponent(kioskId)}?before=${cursor}">Older events</a></p>` : '';
  const info = [
    ['kiosk id', row.kioskId], ['name', row.name ?? ''], ['last heartbeat', ago(row.heartbeatAt, now)], ['last contact', ago(row.lastContact, now)],
    ['app version', row.appVersion ?? ''], ['content version', row.contentVersion ?? ''], ['unsent', row.backlogCount ?? 'no heartbeat yet'],
    ['oldest unsent', minutes(row.backlogOldestAgeMs)], ['dead letters', row.deadLetters ?? ''], ['events held', row.events], ['missing', row.missing],
  ].map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  return `<p><a href="/fleet">Fleet view</a></p><h1>${esc(row.name ?? row.kioskId)}</h1><dl>${info}</dl>
<h2>Boards</h2><p>${boardsCell(row)}</p><h2>Open alerts</h2><ul id="alerts">${row.alerts.map((a) => `<li>${esc(a)}</li>`).join('') || '<li>none</li>'}</ul>
<h2>Timeline</h2><table id="timeline"><thead><tr><th>received</th><th>device time</th><th>type</th><th>stream:seq</th><th>payload</th></tr></thead><tbody>${tr || '<tr><td colspan="5">no events</td></tr>'}</tbody></table>${older}`;
}

/** The fleet view (`/fleet`) and a kiosk's page with its event timeline (`/fleet/kiosks/<id>`); admin only. */
export function registerFleetPage(app: FastifyInstance, deps: PlatformDeps): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/fleet', (req, reply) =>
    withPage(req, reply, deps, 'fleet-admin', async (p) => adminPage(p, 'Fleet view', renderFleet(await loadFleet(deps), parseFilter(req.query), deps.now(), await moneyAlarmsByKiosk(deps.store, deps.now())))),
  );
  app.get<{ Params: { kioskId: string }; Querystring: { before?: string } }>('/fleet/kiosks/:kioskId', (req, reply) =>
    withPage(req, reply, deps, 'fleet-admin', async (p) => {
      const m = /^(\d+)\.(\d+)\.(.{1,100})$/.exec(req.query.before ?? '');
      const before = m ? { receivedAt: Number(m[1]), seq: Number(m[2]), id: m[3] ?? '' } : undefined;
      const html = await renderKiosk(deps, req.params.kioskId, before);
      return html === null ? reply.code(404).send(adminPage(p, 'Not found', '<p>No such kiosk. <a href="/fleet">Fleet view</a></p>')) : adminPage(p, `Kiosk ${req.params.kioskId}`, html);
    }),
  );
}
