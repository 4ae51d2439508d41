import type { FastifyInstance } from 'fastify';
import { hasRole } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { esc } from './html.ts';
import { adminPage, withPage } from './page-shell.ts';
import { registerTracePage } from './trace-page.ts';

/** The page script: no inline script, so the CSP allows scripts from this origin only. */
const SCRIPT = `'use strict';
const $ = (id) => document.getElementById(id);
const mime = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv', json: 'application/json' };
let jobId = null;
function cell(text) { const td = document.createElement('td'); td.textContent = text; return td; }
function showReport(job) {
  $('progress').max = job.progress.total || 1; $('progress').value = job.progress.done;
  $('state').textContent = job.state + (job.error ? ': ' + job.error.message : '') + ' — ' + job.progress.done + ' / ' + job.progress.total + ' rows';
  $('counts').textContent = 'new ' + job.counts.new + ', changed ' + job.counts.changed + ', unchanged ' + job.counts.unchanged + ', invalid ' + job.counts.invalid;
  const body = $('report'); body.replaceChildren();
  const order = { invalid: 0, changed: 1, new: 2 };
  const shown = job.rows.filter((x) => x.status !== 'unchanged').sort((a, b) => order[a.status] - order[b.status] || a.row - b.row);
  for (const r of shown.slice(0, 500)) {
    const tr = document.createElement('tr'); tr.dataset.status = r.status;
    const what = r.status === 'invalid' ? r.errors.map((e) => e.column + ': ' + e.message).join('; ') : r.changes.map((c) => c.column + ': ' + c.from + ' → ' + c.to).join('; ');
    tr.append(cell(String(r.row)), cell(r.id || ''), cell(r.status), cell(what)); body.append(tr);
  }
  $('apply').disabled = job.state !== 'ready';
}
async function poll() {
  const res = await fetch('/v1/admin/imports/' + jobId); const job = await res.json(); showReport(job);
  if (job.state === 'parsing' || job.state === 'checking') setTimeout(poll, 300);
}
$('upload').addEventListener('submit', async (e) => {
  e.preventDefault(); const file = $('file').files[0]; if (!file) return;
  const name = file.name.toLowerCase(); const kind = name.endsWith('.csv') ? 'csv' : name.endsWith('.json') ? 'json' : 'xlsx';
  const res = await fetch('/v1/admin/imports', { method: 'POST', headers: { 'content-type': mime[kind] }, body: file });
  const job = await res.json(); if (!res.ok) { $('state').textContent = job.error.message; return; }
  jobId = job.id; showReport(job); poll();
});
$('apply').addEventListener('click', async () => {
  const res = await fetch('/v1/admin/imports/' + jobId + '/apply', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const job = await res.json(); if (!res.ok) { $('state').textContent = job.error.message; return; } showReport(job);
});
const publish = $('publish');
if (publish) publish.addEventListener('submit', async (e) => {
  e.preventDefault(); const kind = $('target-kind').value; const value = $('target-value').value.trim();
  const target = kind === 'all' ? { kind } : kind === 'group' ? { kind, group: value } : { kind, kioskId: value };
  const res = await fetch('/v1/admin/catalogue/publish', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target }) });
  const out = await res.json(); $('published').textContent = res.ok ? 'published version ' + out.version + ' (' + out.products + ' products)' : out.error.message;
});
`;

function body(canPublish: boolean, products: number, revision: number): string {
  const links = ['template.xlsx', 'template.csv', 'export.xlsx', 'export.csv', 'package.json'].map((f) => `<a href="/v1/admin/catalogue/${f}" download>${esc(f)}</a>`).join(' · ');
  const publish = canPublish
    ? `<h2>Publish</h2><form id="publish"><select id="target-kind"><option value="all">all kiosks</option><option value="group">a group</option><option value="kiosk">one kiosk</option></select>
<input id="target-value" placeholder="group name or kiosk id"> <button>Publish signed package</button></form><p id="published" role="status"></p>`
    : '<p>Publishing needs the publisher role.</p>';
  return `<h1>Catalogue</h1><p>${products} products, revision ${revision}. Download: ${links}</p>
<h2>Import a spreadsheet or a JSON package</h2><form id="upload"><input type="file" id="file" accept=".xlsx,.csv,.json"> <button>Check (dry run)</button></form>
<p><progress id="progress" value="0" max="1" style="width:24em"></progress> <span id="state" role="status"></span></p><p id="counts"></p>
<button id="apply" disabled>Apply the valid rows</button>
<p>Invalid rows first, then changed, then new (at most 500 shown; the JSON report has all).</p>
<table><thead><tr><th>row</th><th>id</th><th>status</th><th>changes or errors</th></tr></thead><tbody id="report"></tbody></table>${publish}
<script src="/assets/catalogue-page.js"></script>`;
}

/** `/catalogue`: downloads, a spreadsheet import with a progress bar and its dry-run report, publish; and the public trace page. */
export function registerCataloguePage(app: FastifyInstance, deps: PlatformDeps): void {
  // Registered here rather than in server.ts: the trace page reads the same working catalogue.
  registerTracePage(app, deps);
  app.get('/assets/catalogue-page.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(SCRIPT));
  app.get('/catalogue', (req, reply) =>
    withPage(req, reply, deps, 'editor', async (p) => {
      reply.header('content-security-policy', "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
      const [rows, revision] = await Promise.all([deps.store.catalogueProducts(), deps.store.catalogueRevision()]);
      return adminPage(p, 'Catalogue', body(hasRole(p, 'publisher'), rows.length, revision));
    }),
  );
}
