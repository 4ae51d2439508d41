/**
 * The read-only hardware status page (/status): boards, health, protocol error counts and
 * recent events. The HTML holds no data; its script (no inline scripts: CSP script-src
 * 'self') exchanges the bootstrap code from the URL fragment for the session cookie and
 * then reads the session-protected /api/hardware/status every two seconds.
 */
export function statusPageHtml(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>货架状态 Shelf status</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#f6f3ea;color:#1d2a22;margin:24px}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #c9c2b0;padding:4px 8px;text-align:left;font-size:14px}
th{background:#e7e0cc}.connected,.recovered{color:#1f6b35}.degraded{color:#9a6400}.lost,.absent{color:#a4262c;font-weight:bold}
#recent{font:13px monospace;white-space:pre}small{color:#6b6b6b}</style></head>
<body><h1>货架状态 · Shelf status</h1><p id="session">…</p>
<table><thead><tr><th>Board</th><th>Protocol</th><th>State</th><th>Detail</th><th>Port</th><th>Identity</th><th>Errors</th><th>Firmware</th><th>Load cells</th><th>Recording</th></tr></thead>
<tbody id="boards"></tbody></table>
<h2>最近事件 · Recent events</h2><div id="recent"></div>
<p><small>只读页面。Read-only. Updated every 2 s.</small></p>
<script src="/status/page.js"></script></body></html>`;
}

export const statusPageScript = `
const sessionLine = document.getElementById('session');
async function boot() {
  const m = /boot=([^&]+)/.exec(location.hash);
  if (!m) { sessionLine.textContent = '使用现有会话 using existing session'; return; }
  const r = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: m[1] }) });
  history.replaceState(null, '', location.pathname);
  sessionLine.textContent = r.ok ? '已连接 connected' : '会话无效 session refused (' + r.status + ')';
}
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
    const r = await fetch('/api/hardware/status', { cache: 'no-store' });
    if (r.ok) render(await r.json());
    else sessionLine.textContent = 'status ' + r.status;
  } catch (e) {
    sessionLine.textContent = '服务不可用 service unreachable';
  }
}
void boot().then(refresh);
setInterval(refresh, 2000);
`;
