/**
 * Shared script prelude for the service's own small pages (/dev, /status): trades the
 * single-use boot code in the URL fragment for the session cookie, then drops the fragment.
 * Defines `bootSession(statusElement)`.
 */
export const pageBootScript = `
async function bootSession(statusEl) {
  const m = /boot=([^&]+)/.exec(location.hash);
  if (!m) { statusEl.textContent = '使用现有会话 using existing session'; return; }
  const r = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: m[1] }) });
  history.replaceState(null, '', location.pathname);
  statusEl.textContent = r.ok ? '已连接 connected' : '会话无效 session refused (' + r.status + ')';
}
`;
