import { pageBootScript } from '../api/page-boot.ts';

/**
 * The status page (/status): boards, health, protocol error counts, recent events and the sync ledger (read-only, plus an export of the unsent ledger): boards, health, protocol error counts and
 * recent events. The HTML holds no data; its script (no inline scripts: CSP script-src
 * 'self') exchanges the bootstrap code from the URL fragment for the session cookie and
 * then reads the session-protected /api/hardware/status every two seconds.
 */
export function statusPageHtml(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>货架状态 Shelf status</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#f6f3ea;color:#1d2a22;margin:24px}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #c9c2b0;padding:4px 8px;text-align:left;font-size:14px}
th{background:#e7e0cc}.connected,.recovered{color:#1f6b35}.degraded{color:#9a6400}.lost,.absent{color:#a4262c;font-weight:bold}
#recent,.mono{font:13px monospace;white-space:pre}small{color:#6b6b6b}</style></head>
<body><h1>货架状态 · Shelf status</h1><p id="session">…</p>
<table><thead><tr><th>Board</th><th>Protocol</th><th>State</th><th>Detail</th><th>Port</th><th>Identity</th><th>Errors</th><th>Firmware</th><th>Load cells</th><th>Recording</th></tr></thead>
<tbody id="boards"></tbody></table>
<h2>最近事件 · Recent events</h2><div id="recent"></div>
<h2>同步台账 · Sync ledger</h2><div id="sync" class="mono"></div>
<p><button id="export" type="button">导出未上传记录 · Export unsent ledger</button> <span id="exported"></span></p>
<p><small>只读页面。Read-only. Updated every 2 s.</small></p>
<script src="/status/page.js"></script></body></html>`;
}

export const statusPageScript = `${pageBootScript}
const sessionLine = document.getElementById('session');
function age(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  return s < 120 ? s + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h';
}
function renderSync(sync) {
  const l = sync.ledger;
  const rows = ['money', 'stock', 'analytics'].map((p) => p + ': ' + l.unsent[p].count + ' unsent, oldest ' + age(l.unsent[p].oldestAgeMs));
  rows.push('dead letters: ' + l.deadLetters.count);
  for (const d of l.deadLetters.items) rows.push('  ' + d.type + ' #' + d.seq + ': ' + d.reason);
  rows.push('platform: ' + (sync.platformUrl || 'none (offline)') + (sync.enrolled ? ', enrolled' : ', not enrolled'));
  rows.push('last contact: ' + (sync.lastContact ? new Date(sync.lastContact).toLocaleString() : 'never'));
  if (sync.lastError) rows.push('last error: ' + sync.lastError.message);
  if (sync.pendingContentVersion) rows.push('content v' + sync.pendingContentVersion + ' waits for the shelf to be quiet');
  document.getElementById('sync').textContent = rows.join('\\n');
}
document.getElementById('export').addEventListener('click', async () => {
  const r = await fetch('/api/sync/export-unsent', { method: 'POST' });
  document.getElementById('exported').textContent = r.ok ? (await r.json()).file : 'export failed (' + r.status + ')';
});
function cell(row, text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}
function errorsText(b) {
  const kinds = Object.entries(b.errorsByKind).filter(([, n]) => n > 0).map(([k, n]) => k + ' ' + n);
  return String(b.protocolErrors) + (kinds.length ? ' (' + kinds.join(', ') + ')' : '');
}
function render(status) {
  const body = document.getElementById('boards');
  body.replaceChildren();
  for (const b of status.boards) {
    const row = document.createElement('tr');
    row.dataset.board = b.boardId;
    cell(row, b.boardId + (b.sim ? ' (sim)' : ''));
    cell(row, b.protocol);
    cell(row, b.state, b.state).dataset.testid = 'state';
    cell(row, b.detail || '');
    cell(row, b.path || '—');
    cell(row, b.identity + (b.confirmed ? ' ✓' : ' (unconfirmed)'));
    cell(row, errorsText(b));
    cell(row, b.firmware || '—');
    cell(row, b.sensors.map((s) => 'ch ' + s.channel + ' ' + s.state).join(', ') || '—');
    const link = document.createElement('a');
    link.href = '/api/support/flight-recording?board=' + encodeURIComponent(b.boardId);
    link.textContent = 'download';
    cell(row, '').appendChild(link);
    body.appendChild(row);
  }
  document.getElementById('recent').textContent = status.recent
    .map((e) => new Date(e.at).toLocaleTimeString() + '  ' + e.boardId + '  ' + e.kind + '  ' + e.text)
    .join('\\n');
}
async function refresh() {
  try {
    const [r, s] = await Promise.all([fetch('/api/hardware/status', { cache: 'no-store' }), fetch('/api/sync/status', { cache: 'no-store' })]);
    if (r.ok) render(await r.json());
    else sessionLine.textContent = 'status ' + r.status;
    if (s.ok) renderSync(await s.json());
  } catch (e) {
    sessionLine.textContent = '服务不可用 service unreachable';
  }
}
void bootSession(sessionLine).then(refresh);
setInterval(refresh, 2000);
`;
