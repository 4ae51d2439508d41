import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OrderViewSchema, type OrderView } from '../../contract/api.ts';
import { seededRandom } from '../../platform/testing/fault-proxy.ts';
import { openDatabase } from '../../db/open.ts';
import { createStaffStore } from '../../db/staff.ts';
import { openSqlite } from '../../db/sqlite.ts';
import { hashPin } from '../../service/staff/pin-hash.ts';
import { request } from '../support/kiosk-in-process.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';

/**
 * Kills a real kiosk service process (SIGKILL) at random points while shoppers order and
 * staff take money, restarts it, and goes on. What a client was told (201 / 200) is the
 * acknowledged truth the database must hold afterwards, exactly once. Used by the short test
 * in `npm test` and by `npm run test:kill-checkout` (≥ 200 kills).
 */

const PIN = '604172';

export interface Acknowledged {
  orders: Map<string, OrderView>;
  paid: Set<string>;
  cancelled: Set<string>;
}

export interface KillRunResult {
  kills: number;
  requestsSent: number;
  acknowledged: Acknowledged;
  dataDir: string;
  cleanup(): void;
}

interface Session {
  service: ServiceProcess;
  screen: string;
  staff: string;
}

async function cookieFor(service: ServiceProcess): Promise<string> {
  const url = new URL(await service.bootUrl('/'));
  const code = url.hash.replace('#boot=', '');
  const res = await request(service.port, { method: 'POST', path: '/api/session', headers: { origin: `http://127.0.0.1:${service.port}` }, body: { code } });
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`session exchange failed: ${res.status}`);
  return cookie;
}

async function open(dataDir: string, accountId: string, env: Record<string, string>): Promise<Session> {
  const service = await startServiceProcess({ KIOSK_DATA_DIR: dataDir, KIOSK_HARDWARE: 'sim', KIOSK_LOG_LEVEL: 'error', ...env });
  const screen = await cookieFor(service);
  const staff = await cookieFor(service);
  const res = await request(service.port, { method: 'POST', path: '/api/staff/sign-in', headers: { cookie: staff, origin: `http://127.0.0.1:${service.port}` }, body: { accountId, pin: PIN } });
  if (res.status !== 200) throw new Error(`staff sign-in failed: ${res.status} ${res.body}`);
  return { service, screen, staff };
}

function catalogue(dataDir: string): Array<{ id: string; priceFen: number; version: number }> {
  const db = openSqlite(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT p.version, p.manifest FROM content_active a JOIN content_packages p ON p.version = a.version').get() as { version: number; manifest: string } | undefined;
    if (!row) throw new Error('no active content');
    const manifest = JSON.parse(row.manifest) as { products: Array<{ id: string; priceFen: number }> };
    return manifest.products.map((p) => ({ id: p.id, priceFen: p.priceFen, version: row.version }));
  } finally {
    db.close();
  }
}

/** One life of the service: a burst of concurrent operations with a SIGKILL at a random instant among them. */
async function burst(s: Session, random: () => number, products: ReturnType<typeof catalogue>, ack: Acknowledged, killAfterMs: number): Promise<number> {
  const origin = `http://127.0.0.1:${s.service.port}`;
  const ops: Array<Promise<void>> = [];
  const open = [...ack.orders.keys()].filter((id) => !ack.paid.has(id) && !ack.cancelled.has(id));
  const n = 3 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    const pick = random();
    if (pick < 0.55 || open.length === 0) {
      const lines = [...new Set([0, 1, 2].map(() => products[Math.floor(random() * products.length)]!))].map((p) => ({ productId: p.id, quantity: 1 + Math.floor(random() * 3), unitPriceFen: p.priceFen }));
      const body = { contentVersion: products[0]!.version, locale: 'zh-CN', lines };
      ops.push(
        request(s.service.port, { method: 'POST', path: '/api/orders', headers: { cookie: s.screen, origin }, body }).then((r) => {
          if (r.status === 201) {
            const v = OrderViewSchema.parse(JSON.parse(r.body));
            ack.orders.set(v.orderId, v);
          }
        }),
      );
    } else {
      const id = open.splice(Math.floor(random() * open.length), 1)[0]!;
      const order = ack.orders.get(id)!;
      const cancel = pick > 0.9;
      ops.push(
        request(s.service.port, { method: 'POST', path: `/api/orders/${id}/${cancel ? 'cancel' : 'pay-at-counter'}`, headers: { cookie: cancel ? s.screen : s.staff, origin }, body: cancel ? {} : { method: 'cash', tenderedFen: order.totalFen + 100 } }).then((r) => {
          if (r.status === 200) (cancel ? ack.cancelled : ack.paid).add(id);
        }),
      );
    }
  }
  const killed = new Promise<void>((resolve) => {
    setTimeout(() => {
      s.service.child.kill('SIGKILL');
      if (s.service.child.exitCode !== null || s.service.child.signalCode !== null) resolve();
      else s.service.child.once('exit', () => resolve());
    }, killAfterMs);
  });
  await Promise.allSettled(ops);
  await killed;
  return n;
}

export async function runCheckoutKills(opts: { kills: number; seed: number; env?: Record<string, string>; onProgress?: (i: number) => void }): Promise<KillRunResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkout-kill-'));
  const accountId = 'kill-test-staff';
  // First start creates the database and installs the demo catalogue; then a staff account is added.
  const first = await startServiceProcess({ KIOSK_DATA_DIR: dataDir, KIOSK_HARDWARE: 'sim', KIOSK_LOG_LEVEL: 'error', ...opts.env });
  await first.stop();
  const { db } = openDatabase(path.join(dataDir, 'kiosk.db'));
  createStaffStore(db).insert({ id: accountId, name: 'kill test', role: 'staff', createdAt: Date.now() }, await hashPin(PIN));
  db.close();
  const products = catalogue(dataDir);
  const random = seededRandom(opts.seed);
  const ack: Acknowledged = { orders: new Map(), paid: new Set(), cancelled: new Set() };
  let requestsSent = 0;
  for (let i = 0; i < opts.kills; i++) {
    const s = await open(dataDir, accountId, opts.env ?? {});
    // Kill points spread over the burst: before, during and after the requests are handled.
    requestsSent += await burst(s, random, products, ack, Math.floor(random() * 40));
    opts.onProgress?.(i + 1);
  }
  return { kills: opts.kills, requestsSent, acknowledged: ack, dataDir, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
