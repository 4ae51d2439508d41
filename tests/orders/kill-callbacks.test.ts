import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { seededRandom } from '../../platform/testing/fault-proxy.ts';
import { databaseFor, usesPostgres } from '../support/pg-database.ts';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { testSeed } from '../support/seed.ts';
import { ADMIN_TOKEN, enrol, tempDir, waitFor } from '../sync/helpers.ts';
import { callbacksDelivered, kioskApi, openStatusStream, sampleOrder, sandboxPress, startPhonePayment } from './helpers.ts';

/**
 * The platform process is killed with SIGKILL at random points while payment callbacks
 * (each notified 3 times, some followed by a stale 'failed') are being applied. After the
 * restarts, the sandbox's retries deliver the rest: every paid order is paid exactly once,
 * by one payment, and the money sums tie to the fen.
 */
const ORDERS = Number(process.env.ORDERS_KILL_ORDERS ?? 30);
const t = tempDir('orders-kill');
let platform: PlatformProcess | null = null;
afterAll(async () => {
  await platform?.stop();
  t.cleanup();
});

it('keeps every paid order exactly once across SIGKILL during callbacks', { timeout: 240_000 }, async () => {
  const random = seededRandom(testSeed(1010));
  const dataDir = join(t.dir, 'platform');
  const env: Record<string, string> = { PLATFORM_DATA_DIR: dataDir, PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN, PLATFORM_SANDBOX_TEST_HOOKS: '1', PLATFORM_SANDBOX_DUPLICATES: '3' };
  if (usesPostgres()) env.PLATFORM_DATABASE_URL = await databaseFor(dataDir);
  platform = await startPlatformProcess(env);
  const creds = await enrol(platform.url, randomUUID());
  const kill = async () => {
    const child = platform?.child;
    platform = null;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };

  // Orders and their payments at the sandbox, while the platform is up.
  const orders: Array<{ orderId: string; totalFen: number; sandbox: string; pay: boolean }> = [];
  for (let i = 0; i < ORDERS; i++) {
    const order = sampleOrder();
    const base = platform.url;
    const { json } = await kioskApi(base, creds).post('/v1/orders', order);
    const payUrl = new URL(String(json.payUrl));
    orders.push({ orderId: order.orderId, totalFen: order.totalFen, sandbox: await startPhonePayment(base, `${base}${payUrl.pathname}${payUrl.search}`), pay: i % 6 !== 5 });
  }

  let kills = 0;
  let killsWithCallbacksPending = 0;
  for (let i = 0; i < orders.length; ) {
    if (!platform) platform = await startPlatformProcess(env);
    const base = platform.url;
    const chunk = orders.slice(i, i + 1 + Math.floor(random() * 4));
    const presses = Promise.all(chunk.filter((o) => o.pay).map(async (o) => {
      await sandboxPress(base, o.sandbox, 'pay');
      if (random() < 0.5) await fetch(`${base}/sandbox/hooks/${o.sandbox.split('/').pop() ?? ''}/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'failed', copies: 2 }) });
    })).then(() => true, () => false);
    // Kill while the callbacks of this chunk are in flight (or just before / after them).
    await new Promise((r) => setTimeout(r, random() * 120));
    if (random() < 0.6) {
      if (!(await callbacksDelivered(base).catch(() => true))) killsWithCallbacksPending++;
      await kill();
      kills++;
    }
    // A chunk whose presses the kill cut is pressed again (the sandbox settles a payment once).
    if (await presses) i += chunk.length;
  }
  if (!platform) platform = await startPlatformProcess(env);
  const base = platform.url;
  await waitFor(() => callbacksDelivered(base), 120_000, 'the sandbox to deliver every callback');

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  let paidSum = 0;
  for (const o of orders) {
    const d = (await (await fetch(`${base}/v1/admin/orders/${o.orderId}`, { headers: admin })).json()) as {
      order: { state: string; paidFen: number }; payments: Array<{ state: string; surplus: boolean; amountFen: number }>; changes: Array<{ status: { state: string } }>;
    };
    const paid = d.payments.filter((x) => x.state === 'paid');
    if (o.pay) {
      expect(d.order).toMatchObject({ state: 'paid', paidFen: o.totalFen });
      expect(paid).toEqual([expect.objectContaining({ amountFen: o.totalFen, surplus: false })]);
      expect(d.changes.filter((c) => c.status.state === 'paid')).toHaveLength(1);
      paidSum += d.order.paidFen;
    } else {
      expect(d.order.state).toBe('awaiting-payment');
      expect(paid).toEqual([]);
    }
  }
  const expected = orders.filter((o) => o.pay).reduce((s, o) => s + o.totalFen, 0);
  expect(paidSum).toBe(expected);
  // The kiosk's view: its status stream ends with each paid order paid.
  const stream = openStatusStream(base, creds);
  await expect.poll(() => new Set(stream.events.filter((e) => e.data.state === 'paid').map((e) => e.data.orderId)).size).toBe(orders.filter((o) => o.pay).length);
  await stream.close();
  const rec = (await (await fetch(`${base}/v1/admin/reconciliation`, { headers: admin })).json()) as { payments: Array<{ kind: string }> };
  expect(rec.payments.filter((a) => a.kind === 'surplus-payment')).toEqual([]);
  expect(kills).toBeGreaterThan(2);
  expect(killsWithCallbacksPending).toBeGreaterThan(0);
  console.log(`orders kill test: ${kills} kills (${killsWithCallbacksPending} with callbacks pending), ${orders.filter((o) => o.pay).length} paid orders, ${expected} fen`);
});
