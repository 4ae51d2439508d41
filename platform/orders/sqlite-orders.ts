import type Database from 'better-sqlite3';
import type { IncomingEvent } from '../store/platform-store.ts';
import { orderAfterKioskEvent } from './kiosk-order-effects.ts';
import { moneyRecordOf } from './money-projection.ts';
import {
  CALLBACK_COLUMNS, MONEY_COLUMNS, ORDER_COLUMNS, PAYMENT_COLUMNS, REFUND_COLUMNS,
  insertValues, orderValues, statusOf, toCallback, toChange, toMoney, toOrder, toPayment, toRefund,
} from './order-rows.ts';
import type { MoneyEventRecord, OrderCommit, OrderFilter, OrderRecord, OrderStore } from './order-store.ts';

/**
 * Orders, payments and the money projection on the embedded SQLite store. Their migrations
 * are a list of their own (recorded in `module_migrations`), so this module merges without
 * renumbering the platform's main list that other work extends at the same time.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE orders (
     order_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, request_hash TEXT NOT NULL, lines TEXT NOT NULL,
     subtotal_fen INTEGER NOT NULL, discount_fen INTEGER NOT NULL, total_fen INTEGER NOT NULL, content_version INTEGER NOT NULL,
     locale TEXT NOT NULL, state TEXT NOT NULL, paid_fen INTEGER NOT NULL, refunded_fen INTEGER NOT NULL, scanned INTEGER NOT NULL,
     fulfilment TEXT, contact_phone TEXT, pay_key_hash TEXT NOT NULL, payment_id TEXT, created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL) STRICT;
   CREATE INDEX orders_kiosk_created ON orders (kiosk_id, created_at);
   CREATE INDEX orders_created ON orders (created_at);
   CREATE INDEX orders_open_expiry ON orders (expires_at) WHERE state IN ('created', 'awaiting-payment');
   CREATE TABLE payments (
     payment_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, provider TEXT NOT NULL, provider_payment_id TEXT NOT NULL UNIQUE,
     amount_fen INTEGER NOT NULL, state TEXT NOT NULL, surplus INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT;
   CREATE INDEX payments_order ON payments (order_id);
   CREATE TABLE refunds (
     refund_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, payment_id TEXT NOT NULL, amount_fen INTEGER NOT NULL, reason TEXT NOT NULL,
     provider_refund_id TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
   CREATE INDEX refunds_order ON refunds (order_id);
   CREATE TABLE payment_callbacks (
     id INTEGER PRIMARY KEY AUTOINCREMENT, provider TEXT NOT NULL, provider_payment_id TEXT NOT NULL, order_id TEXT,
     status TEXT NOT NULL, outcome TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
   CREATE INDEX payment_callbacks_order ON payment_callbacks (order_id);
   CREATE TABLE order_changes (
     cursor INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
   CREATE INDEX order_changes_kiosk ON order_changes (kiosk_id, cursor);
   CREATE INDEX order_changes_order ON order_changes (order_id);
   CREATE TABLE money_events (
     event_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, stream_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,
     day TEXT NOT NULL, device_time TEXT NOT NULL, received_at INTEGER NOT NULL, ref_id TEXT NOT NULL, action TEXT NOT NULL,
     amount_fen INTEGER NOT NULL, payment_id TEXT, payload TEXT NOT NULL) STRICT;
   CREATE INDEX money_events_kiosk_day ON money_events (kiosk_id, day);
   CREATE INDEX money_events_day ON money_events (day);`,
  // 2: the order's local day (day filters) and whether its prices were checked against the
  // content package. Orders before this were checked for arithmetic only; their day is the
  // kiosk's order.created day where held, else created_at in hall time (+08:00).
  `ALTER TABLE orders ADD COLUMN local_day TEXT NOT NULL DEFAULT '';
   ALTER TABLE orders ADD COLUMN price_check TEXT NOT NULL DEFAULT 'unverified-prices';
   UPDATE orders SET local_day = COALESCE(
     (SELECT m.day FROM money_events m WHERE m.ref_id = orders.order_id AND m.type = 'order.created' AND m.kiosk_id = orders.kiosk_id LIMIT 1),
     strftime('%Y-%m-%d', created_at / 1000 + 8 * 3600, 'unixepoch'));
   CREATE INDEX orders_local_day ON orders (local_day);
   CREATE INDEX money_events_ref ON money_events (ref_id);`,
];

const MODULE = 'orders';

/** Runs the orders module's pending migrations in one transaction. */
export function migrateOrdersSqlite(db: Database.Database): void {
  db.transaction(() => {
    // The bootstrap of the module migration runner itself (the one table it cannot migrate).
    db.exec('CREATE TABLE IF NOT EXISTS module_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version)) STRICT');
    const done = db.prepare('SELECT COALESCE(MAX(version), 0) FROM module_migrations WHERE module = ?').pluck().get(MODULE) as number;
    if (done > MIGRATIONS.length) throw new Error(`orders schema ${done} is newer than this platform (${MIGRATIONS.length})`);
    for (let v = done + 1; v <= MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v - 1] ?? '');
      db.prepare('INSERT INTO module_migrations (module, version) VALUES (?, ?)').run(MODULE, v);
    }
  })();
}

const bind = (values: unknown[]) => values.map((v) => (typeof v === 'boolean' ? Number(v) : v));
type Row = Record<string, unknown>;

const UPDATE_ORDER = `UPDATE orders SET kiosk_id = ?, request_hash = ?, lines = ?, subtotal_fen = ?, discount_fen = ?, total_fen = ?,
  content_version = ?, locale = ?, state = ?, paid_fen = ?, refunded_fen = ?, scanned = ?, fulfilment = ?, contact_phone = ?,
  pay_key_hash = ?, payment_id = ?, created_at = ?, expires_at = ?, updated_at = ?, version = ? WHERE order_id = ? AND version = ?`;
const INSERT_CHANGE = 'INSERT INTO order_changes (order_id, kiosk_id, status, at) VALUES (?, ?, ?, ?)';
/** The kiosk's own local day of an order, once its order.created event is held (of that kiosk only). */
const KIOSK_DAY = `UPDATE orders SET local_day = (SELECT m.day FROM money_events m WHERE m.ref_id = orders.order_id AND m.type = 'order.created' AND m.kiosk_id = orders.kiosk_id LIMIT 1)
  WHERE order_id = ? AND EXISTS (SELECT 1 FROM money_events m WHERE m.ref_id = orders.order_id AND m.type = 'order.created' AND m.kiosk_id = orders.kiosk_id)`;

/**
 * Projects a freshly stored money event, and applies what it changes on the platform's order
 * row (kiosk-order-effects.ts: its local day; a payment or refund at the kiosk's counter).
 * Called inside the ingest transaction, which SQLite serialises: the read–decide–write of the
 * order cannot race another commit.
 */
export function sqliteMoneyProjector(db: Database.Database): (kioskId: string, e: IncomingEvent, now: number) => void {
  const insert = db.prepare(`INSERT OR IGNORE INTO money_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const kioskDay = db.prepare(KIOSK_DAY);
  const get = db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = ?`);
  const update = db.prepare(UPDATE_ORDER);
  const change = db.prepare(INSERT_CHANGE);
  return (kioskId, e, now) => {
    const m = moneyRecordOf(kioskId, e, now);
    if (!m) return;
    if (insert.run(m.eventId, m.kioskId, m.streamId, m.seq, m.type, m.day, m.deviceTime, m.receivedAt, m.refId, m.action, m.amountFen, m.paymentId, m.payload).changes !== 1) return;
    if (m.type === 'order.created') kioskDay.run(m.refId);
    if (m.type !== 'order.state') return;
    const row = get.get(m.refId) as Row | undefined;
    const next = row ? orderAfterKioskEvent(toOrder(row), m, now) : null;
    if (!next) return;
    update.run(...bind(orderValues(next)), next.orderId, next.version - 1);
    change.run(next.orderId, next.kioskId, JSON.stringify(statusOf(next)), next.updatedAt);
  };
}

export function sqliteOrderMethods(db: Database.Database): { [K in keyof OrderStore]: (...a: Parameters<OrderStore[K]>) => Awaited<ReturnType<OrderStore[K]>> } {
  const q = {
    insert: db.prepare(`INSERT OR IGNORE INTO orders VALUES (?, ${Array(22).fill('?').join(', ')})`),
    kioskDay: db.prepare(KIOSK_DAY),
    get: db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = ?`),
    update: db.prepare(UPDATE_ORDER),
    change: db.prepare(INSERT_CHANGE),
    insPayment: db.prepare('INSERT OR IGNORE INTO payments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    updPayment: db.prepare('UPDATE payments SET state = ?, surplus = ?, updated_at = ? WHERE payment_id = ? AND state = ?'),
    insRefund: db.prepare('INSERT OR IGNORE INTO refunds VALUES (?, ?, ?, ?, ?, ?, ?)'),
    callback: db.prepare('INSERT INTO payment_callbacks (provider, provider_payment_id, order_id, status, outcome, body, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    byProvider: db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE provider_payment_id = ?`),
    paymentsOf: db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = ? ORDER BY created_at`),
    refund: db.prepare(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE refund_id = ?`),
    refundsOf: db.prepare(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE order_id = ? ORDER BY at`),
    callbacksOf: db.prepare(`SELECT ${CALLBACK_COLUMNS} FROM payment_callbacks WHERE order_id = ? ORDER BY id`),
    changesOf: db.prepare('SELECT cursor, order_id AS "orderId", status, at FROM order_changes WHERE order_id = ? ORDER BY cursor'),
    changesAfter: db.prepare('SELECT cursor, order_id AS "orderId", status, at FROM order_changes WHERE kiosk_id = ? AND cursor > ? AND at >= ? ORDER BY cursor LIMIT ?'),
    overdue: db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE state IN ('created', 'awaiting-payment') AND expires_at <= ? ORDER BY expires_at LIMIT ?`),
    list: db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE (@kiosk IS NULL OR kiosk_id = @kiosk) AND (@state IS NULL OR state = @state)
      AND local_day >= @from AND local_day <= @to ORDER BY created_at DESC LIMIT @limit`),
    paid: db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE state = 'paid' ORDER BY updated_at DESC LIMIT ?`),
    money: db.prepare(`SELECT ${MONEY_COLUMNS} FROM money_events WHERE (@kiosk IS NULL OR kiosk_id = @kiosk) AND day >= @from AND day <= @to ORDER BY kiosk_id, day, stream_id, seq`),
    seqsBelow: db.prepare('SELECT COUNT(DISTINCT seq) FROM events WHERE stream_id = ? AND seq < ?').pluck(),
  };
  const addChange = (o: OrderRecord) => q.change.run(o.orderId, o.kioskId, JSON.stringify(statusOf(o)), o.updatedAt);
  const commit = db.transaction((c: OrderCommit): 'ok' | 'stale' => {
    if (c.order) {
      const { next, expectVersion } = c.order;
      if (q.update.run(...bind(orderValues(next)), next.orderId, expectVersion).changes !== 1) throw new StaleError();
      if (c.order.change) addChange(next);
    }
    const p = c.insertPayment;
    if (p && q.insPayment.run(...bind([p.paymentId, p.orderId, p.provider, p.providerPaymentId, p.amountFen, p.state, p.surplus, p.createdAt, p.updatedAt])).changes !== 1) throw new StaleError();
    const u = c.updatePayment;
    if (u && q.updPayment.run(u.to, Number(u.surplus), u.at, u.paymentId, u.from).changes !== 1) throw new StaleError();
    const r = c.insertRefund;
    if (r && q.insRefund.run(r.refundId, r.orderId, r.paymentId, r.amountFen, r.reason, r.providerRefundId, r.at).changes !== 1) throw new StaleError();
    const cb = c.callback;
    if (cb) q.callback.run(cb.provider, cb.providerPaymentId, cb.orderId, cb.status, cb.outcome, cb.body, cb.at);
    return 'ok';
  });
  const all = <T>(stmt: Database.Statement, map: (r: Row) => T, ...args: unknown[]) => (stmt.all(...args) as Row[]).map(map);
  const first = <T>(stmt: Database.Statement, map: (r: Row) => T, ...args: unknown[]) => {
    const r = stmt.get(...args) as Row | undefined;
    return r ? map(r) : null;
  };
  return {
    insertOrder: (o) =>
      db.transaction(() => {
        if (q.insert.run(...bind(insertValues(o))).changes === 0) return 'exists' as const;
        // The kiosk's order.created event may have arrived before the order itself.
        q.kioskDay.run(o.orderId);
        addChange(o);
        return 'created' as const;
      })(),
    getOrder: (id) => first(q.get, toOrder, id),
    commitOrder: (c) => {
      try {
        return commit(c);
      } catch (err) {
        if (err instanceof StaleError) return 'stale';
        throw err;
      }
    },
    paymentByProviderId: (id) => first(q.byProvider, toPayment, id),
    paymentsOf: (id) => all(q.paymentsOf, toPayment, id),
    refund: (id) => first(q.refund, toRefund, id),
    refundsOf: (id) => all(q.refundsOf, toRefund, id),
    callbacksOf: (id) => all(q.callbacksOf, toCallback, id),
    changesOf: (id) => all(q.changesOf, toChange, id),
    changesAfter: (kioskId, cursor, since, limit) => all(q.changesAfter, toChange, kioskId, cursor, since, limit),
    overdueOrders: (now, limit) => all(q.overdue, toOrder, now, limit),
    listOrders: (f: OrderFilter) => all(q.list, toOrder, { kiosk: f.kioskId ?? null, state: f.state ?? null, from: f.fromDay ?? '0000-00-00', to: f.toDay ?? '9999-99-99', limit: f.limit }),
    paidPayments: (limit) => all(q.paid, toPayment, limit),
    moneyEvents: (f) => {
      const rows = all(q.money, toMoney, { kiosk: f.kioskId ?? null, from: f.fromDay ?? '0000-00-00', to: f.toDay ?? '9999-99-99' });
      return f.types ? rows.filter((r: MoneyEventRecord) => f.types?.includes(r.type)) : rows;
    },
    seqsBelow: (streamId, seq) => q.seqsBelow.get(streamId, seq) as number,
  };
}

/** Thrown inside a commit to roll it back: a version, state or unique key moved on. */
class StaleError extends Error {
  override name = 'StaleError';
}
