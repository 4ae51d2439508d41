import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../contract/api.ts';
import { ledgerDay, type OrderStatus, type PriceBook } from '../../contract/orders.ts';
import { createEventStore, newBootId } from '../../db/events.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { createOrderStore } from '../../db/orders.ts';
import { createLogger } from '../../service/log.ts';
import { createLedger } from '../../service/orders/ledger.ts';
import { createOrderService, type OrderService } from '../../service/orders/order-service.ts';
import { createPlatformOrders } from '../../service/orders/platform-orders.ts';

const book: PriceBook = {
  version: 3,
  products: [
    { id: 'dongyuan-eggs', priceFen: 2580 },
    { id: 'dongyuan-tea', priceFen: 6800 },
  ],
  campaigns: [{ id: 'month', prices: [{ productId: 'dongyuan-tea', priceFen: 5800 }] }],
};

let dir: string;
let db: Db;
let clock: number;
let service: OrderService;
let events: ReturnType<typeof createEventStore>;
let published: OrderView[];
const logger = createLogger({ level: 'silent', stdout: false });

function eventsOf(type: string): Array<Record<string, unknown>> {
  return (db.prepare('SELECT payload FROM events WHERE type = ? ORDER BY seq').all(type) as Array<{ payload: string }>).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orders-'));
  const opened = openDatabase(path.join(dir, 'kiosk.db'));
  db = opened.db;
  clock = Date.parse('2026-09-10T10:00:00+08:00');
  events = createEventStore(db, { ...opened.identity, bootId: newBootId(), clock: { now: () => new Date(clock), monoMs: () => 0 } });
  published = [];
  service = createOrderService({ db, orders: createOrderStore(db), events, priceBook: () => book, platform: null, renderQr: (u) => Promise.resolve(`<svg>${u}</svg>`), publish: (v) => published.push(v), now: () => clock, logger });
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function newOrder() {
  const r = await service.create({ contentVersion: 3, locale: 'zh-CN', lines: [{ productId: 'dongyuan-eggs', quantity: 2, unitPriceFen: 2580 }, { productId: 'dongyuan-tea', quantity: 1, unitPriceFen: 5800 }] });
  if (!r.ok) throw new Error(r.error.message);
  return r.order;
}

function paidStatus(orderId: string, over: Partial<OrderStatus> = {}): OrderStatus {
  return { orderId, state: 'paid', scanned: true, paidFen: 10960, refundedFen: 0, paymentId: 'sandbox-1', updatedAt: new Date(clock).toISOString(), ...over };
}

describe('order service', () => {
  it('records the order and its money event in one go, priced with the campaign', async () => {
    const order = await newOrder();
    expect(order).toMatchObject({ state: 'created', totalFen: 2 * 2580 + 5800, subtotalFen: 2 * 2580 + 6800, discountFen: 1000, payUrl: null, qrSvg: null });
    expect(order.counterCode).toMatch(/^[0-9A-F]{6}$/);
    const [created] = eventsOf('order.created');
    expect(created).toMatchObject({ orderId: order.orderId, totalFen: 10960, contentVersion: 3 });
    const outbox = db.prepare("SELECT o.priority FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.type = 'order.created'").pluck().all();
    expect(outbox).toEqual([0]);
  });

  it('applies a payment notified five times once, and ignores a late "expired" after it', async () => {
    const order = await newOrder();
    for (let i = 0; i < 5; i++) service.applyStatus(paidStatus(order.orderId));
    service.applyStatus(paidStatus(order.orderId, { state: 'expired', paidFen: 0 }));
    const changes = eventsOf('order.state');
    expect(changes.map((c) => [c.action, c.to, c.amountFen])).toEqual([['pay', 'paid', 10960]]);
    expect((await service.get(order.orderId))?.state).toBe('paid');
    expect(published.at(-1)).toMatchObject({ orderId: order.orderId, state: 'paid', scanned: true });
  });

  it('refuses a payment that does not match the total (and records nothing)', async () => {
    const order = await newOrder();
    service.applyStatus(paidStatus(order.orderId, { paidFen: 100 }));
    expect(eventsOf('order.state')).toEqual([]);
    expect((await service.get(order.orderId))?.state).toBe('created');
  });

  it('follows a partial then a full refund from the platform', async () => {
    const order = await newOrder();
    service.applyStatus(paidStatus(order.orderId));
    service.applyStatus(paidStatus(order.orderId, { state: 'partially-refunded', refundedFen: 2580 }));
    service.applyStatus(paidStatus(order.orderId, { state: 'partially-refunded', refundedFen: 2580 }));
    service.applyStatus(paidStatus(order.orderId, { state: 'refunded', refundedFen: 10960 }));
    expect(eventsOf('order.state').map((c) => [c.action, c.to, c.amountFen])).toEqual([
      ['pay', 'paid', 10960],
      ['refund', 'partially-refunded', 2580],
      ['refund', 'refunded', 8380],
    ]);
  });

  it('expires an unpaid order at its deadline, and a cancelled one cannot be cancelled again', async () => {
    const a = await newOrder();
    const b = await newOrder();
    expect(await service.cancel(b.orderId)).toBe('cancelled');
    expect(await service.cancel(b.orderId)).toBe('not-open');
    clock = a.expiresAt - 1;
    await service.tick();
    expect((await service.get(a.orderId))?.state).toBe('created');
    clock = a.expiresAt;
    await service.tick();
    expect((await service.get(a.orderId))?.state).toBe('expired');
    // The phone's payment raced the expiry: money received is recorded, not lost.
    service.applyStatus(paidStatus(a.orderId));
    expect((await service.get(a.orderId))?.state).toBe('paid');
  });
});

describe('day ledger', () => {
  it('reports each local day’s paid orders and refunds, once per change, surviving a reopen', async () => {
    const events = createEventStore(db, { installId: '00000000-0000-4000-8000-000000000000', streamId: (db.prepare('SELECT stream_id FROM events LIMIT 1').pluck().get() as string | undefined) ?? '00000000-0000-4000-8000-000000000001', bootId: newBootId(), clock: { now: () => new Date(clock), monoMs: () => 0 } });
    const ledger = createLedger({ db, events, logger });
    // Days are the kiosk's local days (this machine's zone, as events record it).
    const dayOf = (t: number) => ledgerDay(t, -new Date(t).getTimezoneOffset());
    const day1 = dayOf(clock);
    const day2 = dayOf(clock + 86_400_000);
    const a = await newOrder();
    service.applyStatus(paidStatus(a.orderId));
    expect(ledger.flush()).toEqual([day1]);
    expect(ledger.flush()).toEqual([]);
    service.applyStatus(paidStatus(a.orderId, { state: 'partially-refunded', refundedFen: 960 }));
    clock += 86_400_000;
    const b = await newOrder();
    service.applyStatus(paidStatus(b.orderId));
    expect(ledger.flush()).toEqual([day1, day2]);
    const days = eventsOf('ledger.day');
    expect(days).toEqual([
      { day: day1, salesCount: 0, salesFen: 0, saleRefundsFen: 0, ordersPaidCount: 1, ordersPaidFen: 10960, orderRefundsFen: 0 },
      { day: day1, salesCount: 0, salesFen: 0, saleRefundsFen: 0, ordersPaidCount: 1, ordersPaidFen: 10960, orderRefundsFen: 960 },
      { day: day2, salesCount: 0, salesFen: 0, saleRefundsFen: 0, ordersPaidCount: 1, ordersPaidFen: 10960, orderRefundsFen: 0 },
    ]);
    expect(createLedger({ db, events, logger }).flush()).toEqual([]);
  });
});

/**
 * Offering an unregistered order to the platform again (every 5 s) is for a platform that could
 * not answer; a refusal (a 4xx such as a price it does not accept) is not asked again. The
 * platform here is a real HTTP endpoint on 127.0.0.1 that refuses or fails as told; the
 * client is the real one.
 */
describe('offering orders to the platform again', () => {
  it('retries an order the platform could not take, never one it refused', async () => {
    const answers = new Map<string, number>();
    const posts: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const orderId = (JSON.parse(body || '{}') as { orderId?: string }).orderId ?? '';
        posts.push(orderId);
        const status = answers.get(orderId) ?? 503;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: status === 422 ? 'price-mismatch' : 'unavailable', message: `answered ${status}` } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const platform = createPlatformOrders({ baseUrl, getCredentials: () => ({ kioskId: 'k-1', token: 'token-0123456789abcdef' }), onStatus: () => undefined, cursor: { load: () => null, save: () => undefined }, logger });
      const withPlatform = createOrderService({ db, orders: createOrderStore(db), events, priceBook: () => book, platform, renderQr: (u) => Promise.resolve(`<svg>${u}</svg>`), publish: () => undefined, now: () => clock, logger });
      const place = async () => {
        const r = await withPlatform.create({ contentVersion: 3, locale: 'zh-CN', lines: [{ productId: 'dongyuan-eggs', quantity: 1, unitPriceFen: 2580 }] });
        if (!r.ok) throw new Error(r.error.message);
        return r.order;
      };
      // Ids are chosen by the kiosk: both orders first meet a 503; then one is refused for good.
      const refusedOrder = await place();
      const refusedPosts = posts.filter((id) => id === refusedOrder.orderId).length;
      expect(refusedPosts).toBe(1);
      answers.set(refusedOrder.orderId, 422);
      const failedOrder = await place();
      // Both failed at creation (503): now the platform refuses one for good and still cannot take the other.
      expect(refusedOrder.payUrl).toBeNull();
      expect(failedOrder.payUrl).toBeNull();
      for (let i = 0; i < 3; i++) {
        clock += 6_000;
        await withPlatform.tick();
      }
      const count = (id: string) => posts.filter((p) => p === id).length;
      // The refused one was asked once more (its first answer was a 503), then never again.
      expect(count(refusedOrder.orderId)).toBe(2);
      expect(count(failedOrder.orderId)).toBe(4);
      expect((await withPlatform.get(refusedOrder.orderId))?.platformError).toContain('422');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
