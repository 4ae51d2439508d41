/** HTML helpers of the analytics pages (escaping every value; numbers formatted for zh-CN). */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const yuanText = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
export const pctText = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`);

export const STYLE = `body{font:14px "Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif;margin:1.5em;color:#222;max-width:1400px}
h1{font-size:22px}h2{font-size:18px;margin-top:1.6em;border-bottom:2px solid #c0392b;padding-bottom:4px}
table{border-collapse:collapse;margin-bottom:1em;width:100%;table-layout:auto}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;overflow-wrap:anywhere}
th{background:#f6f1ea}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.chart{width:100%;height:320px;margin:0.5em 0}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1em}
.note{color:#666;font-size:12px}.bad{color:#b00}.ok{color:#080}.high{color:#b00;font-weight:bold}form label{margin-right:1em}
.exports a{margin-right:0.8em}.error{background:#fee;border:1px solid #c00;padding:8px}`;

export function htmlPage(title: string, body: string, scripts: string[] = []): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>${STYLE}</style></head><body>${body}${scripts.map((s) => `<script src="${esc(s)}"></script>`).join('')}</body></html>`;
}

export function table(head: string[], rows: Array<Array<{ text: string | number; num?: boolean; cls?: string; field?: string }>>, id: string): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c) => `<td${c.num ? ' class="n"' : c.cls ? ` class="${esc(c.cls)}"` : ''}${c.field ? ` data-field="${esc(c.field)}"` : ''}>${esc(c.text)}</td>`).join('')}</tr>`)
    .join('');
  return `<table id="${esc(id)}"><thead><tr>${th}</tr></thead><tbody>${tr || `<tr><td colspan="${head.length}">无数据 / no data</td></tr>`}</tbody></table>`;
}
