import { pageBootScript } from './page-boot.ts';

/**
 * The simulated shelf's dev panel (served only in `sim` mode): buttons and keys 1–9, 0 that
 * lift / put back channels 0–9. It authenticates with its own bootstrap code like the kiosk page.
 */
export function devPanelHtml(channels: number, firmataChannels = 0): string {
  const buttons = Array.from({ length: channels }, (_, ch) => `<button data-ch="${ch}" id="ch-${ch}">${ch === 9 ? 0 : ch + 1}<small>ch ${ch}</small></button>`).join('');
  // The emulated Firmata board (KIOSK_SIM_FIRMATA=1): its switch pins, driven through the emulator.
  const firmata = firmataChannels === 0 ? '' : `<h2>Firmata (uno-sim)</h2><div id="firmata">${Array.from({ length: firmataChannels }, (_, ch) => `<button data-board="uno-sim" data-ch="${ch}" id="uno-sim-ch-${ch}">F${ch + 1}<small>pin ${2 + ch}</small></button>`).join('')}</div>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>模拟货架 Simulated shelf</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;background:#1d2a22;color:#f4efe3;margin:24px}
button{width:88px;height:88px;margin:6px;font-size:28px;border-radius:12px;border:2px solid #8fb996;background:#2f4a38;color:#fff}
button.up{background:#e0a43a;color:#1d2a22}button[data-led=on],button[data-led=blink]{box-shadow:0 0 0 6px #7fd4ff}button[data-led=blink]{animation:led 1s steps(2) infinite}@keyframes led{50%{box-shadow:none}}small{display:block;font-size:12px}#log{font:13px monospace;white-space:pre;opacity:.8}</style></head>
<body><h1>模拟货架 · Simulated shelf</h1><p>点击或按 1–9、0 拿起 / 放回商品。Click or press 1–9, 0 to lift / put back.</p>
<div id="slots">${buttons}</div>${firmata}<p id="status">…</p><div id="log"></div><script src="/dev/panel.js"></script></body></html>`;
}

export const devPanelScript = `${pageBootScript}
const up = new Set();
const status = document.getElementById('status');
const log = document.getElementById('log');
async function toggle(ch, board) {
  const key = (board ? board + '-' : '') + 'ch-' + ch;
  const action = up.has(key) ? 'put' : 'lift';
  const body = board ? { action, channel: ch, boardId: board } : { action, channel: ch };
  const r = await fetch('/api/sim/action', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) { log.textContent = 'error ' + r.status + '\\n' + log.textContent; return; }
  if (action === 'lift') up.add(key); else up.delete(key);
  document.getElementById(key).classList.toggle('up', up.has(key));
  log.textContent = action + ' ' + (board ? board + ' ' : '') + 'ch ' + ch + '\\n' + log.textContent;
}
// Slot LEDs (restock guidance from staff mode): shown on the buttons, as the real shelf would light them.
async function showLeds() {
  const r = await fetch('/api/sim/leds', { cache: 'no-store' });
  if (!r.ok) return;
  const { leds } = await r.json();
  for (const [ch, pattern] of Object.entries(leds)) {
    const b = document.getElementById('ch-' + ch);
    if (b) b.dataset.led = pattern;
  }
}
setInterval(showLeds, 1000);
document.body.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-ch]'); if (b) void toggle(Number(b.dataset.ch), b.dataset.board);
});
document.addEventListener('keydown', (e) => {
  if (!/^[0-9]$/.test(e.key)) return;
  const ch = e.key === '0' ? 9 : Number(e.key) - 1;
  if (document.getElementById('ch-' + ch)) void toggle(ch);
});
void bootSession(status);
`;
