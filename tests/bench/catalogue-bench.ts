import path from 'node:path';
import WebSocket from 'ws';
import { ServerMessageSchema } from '../../contract/api.ts';
import { ProductSchema } from '../../contract/content.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { startPlatform } from '../../platform/server.ts';
import { buildImportSheet } from '../support/catalogue-sheet.ts';
import { login, startTestKiosk } from '../support/kiosk-in-process.ts';
import { tempDir, waitFor } from '../sync/helpers.ts';
import { round, type Metric } from './stats.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RUNS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * `import_1000_rows_ms`: a 1,000-row XLSX (8 bad rows) uploaded over HTTP → dry run ready →
 * applied, on the SQLite store. `package_activate_ms`: a kiosk asked to check content → the
 * new 1,000-product package downloaded, verified, installed, activated and in the shopper
 * snapshot. Medians of 3 runs.
 */
export async function runCatalogueBench(): Promise<Metric[]> {
  const t = tempDir('bench-catalogue');
  const platform = await startPlatform({ dataDir: path.join(t.dir, 'platform'), adminToken: TOKEN });
  const api = async (method: string, p: string, body?: unknown, type = 'application/json') =>
    fetch(`${platform.url}${p}`, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': type }) }, ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }) });
  let kiosk: Awaited<ReturnType<typeof startTestKiosk>> | null = null;
  try {
    await buildDemoPackage(path.join(t.dir, 'demo'));
    await api('POST', '/v1/admin/catalogue/seed', { dir: path.join(t.dir, 'demo') });
    const imports: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const products = (await platform.deps.store.catalogueProducts()).map((r) => ProductSchema.parse(JSON.parse(r.doc)));
      const sheet = await buildImportSheet(products.filter((p) => !p.id.startsWith('import-item-')).map((p) => ({ ...p, intro: { 'zh-CN': `${p.intro['zh-CN']}·${i}` } })));
      const start = performance.now();
      const job = (await (await api('POST', '/v1/admin/imports', sheet.xlsx, XLSX)).json()) as { id: string };
      await waitFor(async () => ((await (await api('GET', `/v1/admin/imports/${job.id}`)).json()) as { state: string }).state === 'ready', 60_000, 'dry run');
      const applied = await api('POST', `/v1/admin/imports/${job.id}/apply`, {});
      if (applied.status !== 200) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
      imports.push(performance.now() - start);
    }
    const { code } = (await (await api('POST', '/v1/admin/enrolment-codes', { uses: 1 })).json()) as { code: string };
    kiosk = await startTestKiosk({ platformUrl: platform.url, enrolCode: code, platformKeys: [platform.deps.key.publicKey.spki] });
    const cookie = await login(kiosk.kiosk);
    let shown = 0;
    const ws = new WebSocket(`ws://127.0.0.1:${kiosk.kiosk.port}/ws`, { headers: { cookie, origin: `http://127.0.0.1:${kiosk.kiosk.port}` } });
    ws.on('message', (d: Buffer) => {
      const m = ServerMessageSchema.parse(JSON.parse(d.toString()));
      if (m.type === 'snapshot') shown = m.snapshot.content?.version ?? 0;
    });
    const activations: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { version } = (await (await api('POST', '/v1/admin/catalogue/publish', {})).json()) as { version: number };
      const start = performance.now();
      await kiosk.kiosk.link.checkContentNow();
      await waitFor(() => shown === version, 60_000, `version ${version} on screen`);
      activations.push(performance.now() - start);
    }
    ws.close();
    return [
      { name: 'import_1000_rows_ms', value: round(median(imports), 0), unit: 'ms', goal: 'upload → dry run → applied, 1,000 rows' },
      { name: 'package_activate_ms', value: round(median(activations), 0), unit: 'ms', goal: '1,000-product package: download, verify, install, on screen' },
    ];
  } finally {
    await kiosk?.stop();
    await platform.close();
    t.cleanup();
  }
}
