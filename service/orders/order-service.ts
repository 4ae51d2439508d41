import { v7 as uuidv7 } from 'uuid';
import type { CreateOrderRequest, OrderView } from '../../contract/api.ts';
import { applyOrderAction, changeDue, ORDER_TTL_MS, priceCart, type OrderAction, type OrderStatus, type PaymentMethod, type PriceBook, type PricingError } from '../../contract/orders.ts';
import type { Db } from '../../db/open.ts';
import type { EventStore } from '../../db/events.ts';
import type { OrderRecord, OrderStore } from '../../db/orders.ts';
import type { Actor as StaffActor } from '../staff/staff-service.ts';
import type { Logger } from '../log.ts';
import type { PlatformOrders } from './platform-orders.ts';

/** Local expiry waits this long past the platform's: a payment racing the deadline is the platform's call. */
const EXPIRY_GRACE_MS = 60_000;
/** How often an order the platform has not registered yet is offered again. */
const REGISTER_RETRY_MS = 5_000;

export interface OrderServiceDeps {
  db: Db;
  orders: OrderStore;
  events: EventStore;
  priceBook(): PriceBook | null;
  /** The platform's orders API; null when no platform is configured (orders stay pay-at-counter). */
  platform: PlatformOrders | null;
  renderQr(url: string): Promise<string>;
  /** Tells screens about a change (the WebSocket hub). */
  publish(view: OrderView): void;
  now(): number;
  logger: Logger;
  /** How long an order may wait for payment (default ORDER_TTL_MS). */
  ttlMs?: number;
}

export type CreateOrderResult = { ok: true; order: OrderView } | { ok: false; error: PricingError };

export function counterCode(orderId: string): string {
  return orderId.replace(/-/g, '').slice(-6).toUpperCase();
}

/**
 * Shopper orders on the kiosk: a cart becomes an order (row + `order.created` event in one
 * transaction, committed before the screen sees it), is registered with the platform for the
 * phone to pay, and follows the platform's status stream. Every state change is an
 * `order.state` event written with the row change.
 */
export function createOrderService(deps: OrderServiceDeps) {
  const { db, orders, events, logger } = deps;
  const qrCache = new Map<string, string>();
  let lastRegisterTry = 0;

  async function view(o: OrderRecord): Promise<OrderView> {
    let qrSvg: string | null = null;
    if (o.payUrl !== null) {
      qrSvg = qrCache.get(o.orderId) ?? (await deps.renderQr(o.payUrl));
      qrCache.set(o.orderId, qrSvg);
      if (qrCache.size > 50) qrCache.delete(qrCache.keys().next().value ?? '');
    }
    return {
      orderId: o.orderId,
      counterCode: counterCode(o.orderId),
      state: o.state,
      lines: o.lines,
      subtotalFen: o.subtotalFen,
      discountFen: o.discountFen,
      totalFen: o.totalFen,
      expiresAt: o.expiresAt,
      payUrl: o.payUrl,
      qrSvg,
      scanned: o.scanned,
      platformError: o.platformError,
    };
  }

  async function publish(orderId: string): Promise<void> {
    const o = orders.get(orderId);
    if (o) deps.publish(await view(o));
  }

  /** One state change: the row and its event in one transaction. False when the model refuses it. */
  function transition(orderId: string, action: OrderAction, amountFen: number, extra: { paymentId?: string | null; reason?: string | null; actor?: StaffActor | null } = {}): boolean {
    return db.transaction((): boolean => {
      const o = orders.get(orderId);
      if (!o) return false;
      const next = applyOrderAction({ state: o.state, totalFen: o.totalFen, paidFen: o.paidFen, refundedFen: o.refundedFen }, action, amountFen);
      if (!next.ok) {
        logger.warn({ orderId, action, amountFen, state: o.state, reason: next.error.message }, 'order change refused');
        return false;
      }
      const paymentId = extra.paymentId ?? null;
      orders.setLedger(orderId, { state: next.value.state, paidFen: next.value.paidFen, refundedFen: next.value.refundedFen, paymentId }, deps.now());
      events.append('order.state', {
        orderId,
        from: o.state,
        to: next.value.state,
        action,
        amountFen: action === 'pay' || action === 'refund' ? amountFen : 0,
        paidFen: next.value.paidFen,
        refundedFen: next.value.refundedFen,
        paymentId,
        reason: extra.reason ?? null,
        actor: extra.actor ?? null,
      });
      return true;
    })();
  }

  /** Orders the platform refused (4xx) since this service started: not offered again. */
  const refused = new Set<string>();

  async function register(o: OrderRecord): Promise<void> {
    if (!deps.platform) return;
    const out = await deps.platform.create({
      orderId: o.orderId,
      contentVersion: o.contentVersion,
      lines: o.lines,
      subtotalFen: o.subtotalFen,
      discountFen: o.discountFen,
      totalFen: o.totalFen,
      createdAt: new Date(o.createdAt).toISOString(),
      expiresAt: new Date(o.expiresAt).toISOString(),
      locale: o.locale as 'zh-CN' | 'zh-TW' | 'en',
    });
    const now = deps.now();
    if (out.kind === 'ok') {
      db.transaction(() => {
        orders.setRegistered(o.orderId, out.value.payUrl, now);
        if (orders.get(o.orderId)?.state === 'created') transition(o.orderId, 'await-payment', 0);
      })();
      return;
    }
    orders.setPlatformError(o.orderId, out.message, now);
    // A refusal (a 4xx such as a price the platform does not accept) will not change by asking
    // again: the order stays payable at the counter by its code, and is not offered again.
    if (out.kind === 'refused') refused.add(o.orderId);
    logger.warn({ orderId: o.orderId, outcome: out.kind, reason: out.message }, 'the platform did not register an order');
  }

  return {
    /** Prices and records a cart as an order, then asks the platform for its pay page (bounded wait). */
    async create(req: CreateOrderRequest): Promise<CreateOrderResult> {
      const book = deps.priceBook();
      if (!book) return { ok: false, error: { code: 'unknown-product', message: 'no catalogue is active' } };
      const now = deps.now();
      const priced = priceCart(book, req.lines, now);
      if (!priced.ok) return priced;
      const orderId = uuidv7();
      const expiresAt = now + (deps.ttlMs ?? ORDER_TTL_MS);
      db.transaction(() => {
        orders.insert({ orderId, source: 'shelf', state: 'created', ...priced.value, locale: req.locale, createdAt: now, expiresAt });
        events.append('order.created', { orderId, source: 'shelf', ...priced.value, expiresAt: new Date(expiresAt).toISOString() });
      })();
      const created = orders.get(orderId);
      if (!created) throw new Error('order vanished after commit');
      await register(created);
      const o = orders.get(orderId) ?? created;
      return { ok: true, order: await view(o) };
    },

    async get(orderId: string): Promise<OrderView | null> {
      const o = orders.get(orderId);
      return o ? view(o) : null;
    },

    /** The shopper walked away from an unpaid order (or staff cancelled it). */
    async cancel(orderId: string): Promise<'cancelled' | 'not-found' | 'not-open'> {
      const o = orders.get(orderId);
      if (!o) return 'not-found';
      if (!transition(orderId, 'cancel', 0)) return 'not-open';
      await publish(orderId);
      // Best effort: if the phone paid meanwhile, the status stream brings `paid` and it is recorded.
      if (deps.platform && o.payUrl !== null) void deps.platform.cancel(orderId).catch(() => undefined);
      return 'cancelled';
    },

    /** Applies what the platform says about one of our orders; idempotent (a repeat changes nothing). */
    applyStatus(s: OrderStatus): void {
      const o = orders.get(s.orderId);
      if (!o) {
        logger.warn({ orderId: s.orderId }, 'status for an order this kiosk does not hold');
        return;
      }
      let changed = false;
      if (s.scanned && !o.scanned) changed = orders.markScanned(o.orderId, deps.now()) || changed;
      const paidThere = ['paid', 'fulfilled', 'partially-refunded', 'refunded'].includes(s.state);
      if (paidThere && o.paidFen === 0) changed = transition(o.orderId, 'pay', s.paidFen, { paymentId: s.paymentId }) || changed;
      const current = orders.get(o.orderId) ?? o;
      if (s.refundedFen > current.refundedFen) changed = transition(o.orderId, 'refund', s.refundedFen - current.refundedFen, { reason: 'refunded on the platform' }) || changed;
      if (s.state === 'fulfilled' && current.state === 'paid') changed = transition(o.orderId, 'fulfil', 0) || changed;
      if ((s.state === 'expired' || s.state === 'cancelled') && (current.state === 'created' || current.state === 'awaiting-payment')) {
        changed = transition(o.orderId, s.state === 'expired' ? 'expire' : 'cancel', 0) || changed;
      }
      if (changed) void publish(o.orderId);
    },

    /** Every second: expire overdue orders; offer unregistered ones to the platform again. */
    async tick(): Promise<void> {
      const now = deps.now();
      for (const o of orders.open()) {
        if (now >= o.expiresAt + (o.payUrl === null ? 0 : EXPIRY_GRACE_MS)) {
          if (transition(o.orderId, 'expire', 0)) await publish(o.orderId);
        }
      }
      if (!deps.platform || now - lastRegisterTry < REGISTER_RETRY_MS) return;
      lastRegisterTry = now;
      for (const o of orders.open()) {
        if (o.payUrl !== null || now >= o.expiresAt || refused.has(o.orderId)) continue;
        await register(o);
        if (orders.get(o.orderId)?.payUrl) await publish(o.orderId);
      }
    },

    /** Open orders by their pay-at-counter code (staff look an offline order up). */
    byCounterCode: async (code: string) => Promise.all(orders.openByCounterCode(code).map(view)),

    /**
     * Staff take the money for an open order at the counter (the shopper could not pay on the
     * phone). The payment id names the method; change is worked out like a counter sale.
     */
    async payAtCounter(orderId: string, method: PaymentMethod, tenderedFen: number | null, actor: StaffActor): Promise<{ ok: true; changeFen: number; order: OrderView } | { ok: false; status: number; error: string; message: string }> {
      const o = orders.get(orderId);
      if (!o) return { ok: false, status: 404, error: 'not-found', message: 'no such order' };
      const change = changeDue(o.totalFen, method, tenderedFen);
      if (!change.ok) return { ok: false, status: 400, error: change.error.code, message: change.error.message };
      const reason = method === 'cash' ? `paid at the counter: ${change.value.tenderedFen} fen tendered, ${change.value.changeFen} change` : `paid at the counter by ${method}`;
      if (!transition(orderId, 'pay', o.totalFen, { paymentId: `counter:${method}`, reason, actor })) {
        return { ok: false, status: 409, error: 'not-open', message: `the order is ${o.state}: it cannot be paid` };
      }
      await publish(orderId);
      // The platform learns of it from the order.state event; its own pay page must stop taking money.
      if (deps.platform && o.payUrl !== null) void deps.platform.cancel(orderId).catch(() => undefined);
      const after = orders.get(orderId) ?? o;
      return { ok: true, changeFen: change.value.changeFen, order: await view(after) };
    },

    recent: async (limit: number) => Promise.all(orders.recent(limit).map(view)),
    transition,
  };
}
export type OrderService = ReturnType<typeof createOrderService>;
