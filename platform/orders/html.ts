import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** HTML-escapes any value for text and attribute positions. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Yuan from fen for display: 3800 → "38.00". Integer arithmetic, no float rounding. */
export function yuan(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
}

/**
 * The phone and sandbox pages' style: one stylesheet, allowed by its hash in the CSP, so the
 * pages need neither 'unsafe-inline' nor a second request. No page has any script.
 * System CJK fonts only (never a webfont).
 */
export const PHONE_STYLE = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1b1b1b;background:#f4f1ea}
main{max-width:430px;margin:0 auto;padding:12px 14px 28px}h1{font-size:1.3rem;margin:.2em 0 .4em}h2{font-size:1.05rem;margin:1.1em 0 .4em}
.langs{display:flex;gap:8px;justify-content:flex-end;font-size:.9rem}.langs a{color:#3a5a1c}.langs b{color:#555}
.card{background:#fff;border-radius:12px;padding:12px 14px;margin:10px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
table{width:100%;border-collapse:collapse}td{padding:4px 0;vertical-align:top;overflow-wrap:anywhere}td.n{text-align:right;white-space:nowrap;padding-left:8px}
tr.total td{font-weight:700;border-top:1px solid #ddd;padding-top:8px}.muted{color:#666;font-size:.9rem}
label{display:block;margin:8px 0 4px;font-weight:600}input[type=text],input[type=tel],textarea{width:100%;font:inherit;padding:10px;border:1px solid #bbb;border-radius:8px;background:#fff}
.choice{display:flex;gap:10px;flex-wrap:wrap}.choice label{font-weight:400;display:flex;gap:6px;align-items:center;margin:4px 0}
button{width:100%;font:inherit;font-size:1.15rem;font-weight:700;padding:14px;margin-top:14px;border:0;border-radius:10px;background:#c8102e;color:#fff}
button.alt{background:#555}button.ok{background:#2e7d32}.state{font-size:1.2rem;font-weight:700;padding:14px;border-radius:10px;text-align:center}
.paid{background:#e3f4e1;color:#1f5e22}.bad{background:#fde7e7;color:#8a1111}.wait{background:#fff6dc;color:#6b5200}.err{color:#a00;font-weight:600}`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(PHONE_STYLE).digest('base64')}'`;

/** Strict CSP: nothing but this page's own style, forms posting to this origin, no framing. */
export const PHONE_CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

export function phoneDocument(lang: string, title: string, body: string, refreshS?: number): string {
  const refresh = refreshS === undefined ? '' : `<meta http-equiv="refresh" content="${refreshS}">`;
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="same-origin">${refresh}<title>${esc(title)}</title><style>${PHONE_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * Referrer: same-origin, never no-referrer — with no-referrer Chromium sends `Origin: null` on
 * the page's own form posts, which the Origin check refuses; other origins still get no URL
 * (the key is in it).
 */
export function sendPhonePage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PHONE_CSP)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(html);
}

/**
 * A form post must come from one of our own pages: the Origin header, when the browser sends
 * one, must be the platform's; otherwise Sec-Fetch-Site must not be cross-site.
 */
export function isSameOriginPost(req: FastifyRequest, publicUrl: string): boolean {
  const origin = req.headers.origin;
  const own = new Set([new URL(publicUrl).origin, `${req.protocol}://${req.headers.host ?? ''}`]);
  if (typeof origin === 'string') return own.has(origin);
  return req.headers['sec-fetch-site'] !== 'cross-site';
}
