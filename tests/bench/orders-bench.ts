/**
 * Orders benchmark (issue 10): `order_callback_to_stream_ms_p50/p95` — from the sandbox's Pay
 * press (which queues the signed callback) to the kiosk's status stream delivering `paid`, over
 * real HTTP on 127.0.0.1 with the SQLite store. The budget is 2 s (the kiosk learns of payment
 * within 2 s while online). Run alone: `node --import tsx tests/bench/orders-bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { startPlatform } from '../../platform/server.ts';
import { enrolKiosk } from '../../service/sync/enrol.ts';
import { kioskApi, openStatusStream, sampleOrder, sandboxPress, startPhonePayment } from '../orders/order-client.ts';
import { percentile, type Metric } from './stats.ts';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const ORDERS = 60;

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for the stream');
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function runOrdersBench(): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'orders-bench-'));
  const p = await startPlatform({ dataDir: join(dir, 'platform'), adminToken: ADMIN });
  try {
    const res = await fetch(`${p.url}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: '{}' });
    const code = ((await res.json()) as { code: string }).code;
    const enrolled = await enrolKiosk({ baseUrl: p.url, code, installId: uuidv7() });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    const creds = { kioskId: enrolled.value.kioskId, token: enrolled.value.token };
    const api = kioskApi(p.url, creds);
    const stream = openStatusStream(p.url, creds);
    const samples: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const order = sampleOrder();
      const { json } = await api.post('/v1/orders', order);
      const sandbox = await startPhonePayment(p.url, String(json.payUrl));
      const t0 = performance.now();
      await sandboxPress(p.url, sandbox, 'pay');
      await waitUntil(() => stream.events.some((e) => e.data.orderId === order.orderId && e.data.state === 'paid'), 10_000);
      samples.push(performance.now() - t0);
    }
    await stream.close();
    return [
      { name: 'order_callback_to_stream_ms_p50', value: Math.round(percentile(samples, 50)), unit: 'ms', goal: '≤ 2000' },
      { name: 'order_callback_to_stream_ms_p95', value: Math.round(percentile(samples, 95)), unit: 'ms', goal: '≤ 2000' },
    ];
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const m of await runOrdersBench()) console.log(JSON.stringify(m));
}
