import type pg from 'pg';
import type { IncomingEvent } from '../store/platform-store.ts';
import { orderAfterKioskEvent } from './kiosk-order-effects.ts';
import { moneyRecordOf } from './money-projection.ts';
import {
  CALLBACK_COLUMNS, MONEY_COLUMNS, ORDER_COLUMNS, PAYMENT_COLUMNS, REFUND_COLUMNS,
  insertValues, orderValues, statusOf, toCallback, toChange, toMoney, toOrder, toPayment, toRefund,
} from './order-rows.ts';
import type { MoneyEventRecord, OrderCommit, OrderRecord, OrderStore } from './order-store.ts';

/**
 * Orders, payments and the money projection on PostgreSQL. Migrations are the orders
 * module's own list (`module_migrations`), serialised across processes by an advisory lock.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE orders (
     order_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, request_hash TEXT NOT NULL, lines JSONB NOT NULL,
     subtotal_fen BIGINT NOT NULL, discount_fen BIGINT NOT NULL, total_fen BIGINT NOT NULL, content_version BIGINT NOT NULL,
     locale TEXT NOT NULL, state TEXT NOT NULL, paid_fen BIGINT NOT NULL, refunded_fen BIGINT NOT NULL, scanned BOOLEAN NOT NULL,
     fulfilment JSONB, contact_phone TEXT, pay_key_hash TEXT NOT NULL, payment_id TEXT, created_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version BIGINT NOT NULL);
   CREATE INDEX orders_kiosk_created ON orders (kiosk_id, created_at);
   CREATE INDEX orders_created ON orders (created_at);
   CREATE INDEX orders_open_expiry ON orders (expires_at) WHERE state IN ('created', 'awaiting-payment');
   CREATE TABLE payments (
     payment_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, provider TEXT NOT NULL, provider_payment_id TEXT NOT NULL UNIQUE,
     amount_fen BIGINT NOT NULL, state TEXT NOT NULL, surplus BOOLEAN NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
   CREATE INDEX payments_order ON payments (order_id);
   CREATE TABLE refunds (
     refund_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, payment_id TEXT NOT NULL, amount_fen BIGINT NOT NULL, reason TEXT NOT NULL,
     provider_refund_id TEXT NOT NULL, at BIGINT NOT NULL);
   CREATE INDEX refunds_order ON refunds (order_id);
   CREATE TABLE payment_callbacks (
     id BIGSERIAL PRIMARY KEY, provider TEXT NOT NULL, provider_payment_id TEXT NOT NULL, order_id TEXT,
     status TEXT NOT NULL, outcome TEXT NOT NULL, body TEXT NOT NULL, at BIGINT NOT NULL);
   CREATE INDEX payment_callbacks_order ON payment_callbacks (order_id);
   CREATE TABLE order_changes (
     cursor BIGSERIAL PRIMARY KEY, order_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, status JSONB NOT NULL, at BIGINT NOT NULL);
   CREATE INDEX order_changes_kiosk ON order_changes (kiosk_id, cursor);
   CREATE INDEX order_changes_order ON order_changes (order_id);
   CREATE TABLE money_events (
     event_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, stream_id TEXT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL,
     day TEXT NOT NULL, device_time TEXT NOT NULL, received_at BIGINT NOT NULL, ref_id TEXT NOT NULL, action TEXT NOT NULL,
     amount_fen BIGINT NOT NULL, payment_id TEXT, payload JSONB NOT NULL);
   CREATE INDEX money_events_kiosk_day ON money_events (kiosk_id, day);
   CREATE INDEX money_events_day ON money_events (day);`,
  // 2: as sqlite-orders.ts: the order's local day and whether its prices were checked.
  `ALTER TABLE orders ADD COLUMN local_day TEXT NOT NULL DEFAULT '';
   ALTER TABLE orders ADD COLUMN price_check TEXT NOT NULL DEFAULT 'unverified-prices';
   UPDATE orders SET local_day = COALESCE(
     (SELECT m.day FROM money_events m WHERE m.ref_id = orders.order_id AND m.type = 'order.created' AND m.kiosk_id = orders.kiosk_id LIMIT 1),
     to_char(to_timestamp(created_at / 1000.0) AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD'));
   CREATE INDEX orders_local_day ON orders (local_day);
   CREATE INDEX money_events_ref ON money_events (ref_id);`,
];

const MODULE = 'orders';
const LOCK = 0x6f726472;

/** Runs the orders module's pending migrations (each in its own transaction, under the lock). */
export async function migrateOrdersPg(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    for (let v = 1; v <= MIGRATIONS.length + 1; v++) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
        await client.query('CREATE TABLE IF NOT EXISTS module_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version))');
        const done = Number((await client.query<{ v: number }>('SELECT COALESCE(max(version), 0) AS v FROM module_migrations WHERE module = $1', [MODULE])).rows[0]?.v ?? 0);
        if (done > MIGRATIONS.length) throw new Error(`orders schema ${done} is newer than this platform (${MIGRATIONS.length})`);
        if (done < v && v <= MIGRATIONS.length) {
          await client.query(MIGRATIONS[v - 1] ?? '');
          await client.query('INSERT INTO module_migrations (module, version) VALUES ($1, $2)', [MODULE, v]);
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    client.release();
  }
}

/**
 * One order's lock for the writers of its local day: the order's insert and the projection of
 * its kiosk's order.created event. Under READ COMMITTED each could miss the other's uncommitted
 * row; holding this lock across both makes the later one see the earlier one.
 */
const lockOrderDay = (c: pg.PoolClient, orderId: string) => c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`order-day:${orderId}`]);

/** The kiosk's own local day of an order, once its order.created event is held (of that kiosk only). */
const KIOSK_DAY = `UPDATE orders o SET local_day = m.day FROM money_events m
  WHERE o.order_id = $1 AND m.ref_id = o.order_id AND m.type = 'order.created' AND m.kiosk_id = o.kiosk_id`;

type Tx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;
type Row = Record<string, unknown>;
class StaleError extends Error {
  override name = 'StaleError';
}

const UPDATE_ORDER = `UPDATE orders SET kiosk_id = $1, request_hash = $2, lines = $3::jsonb, subtotal_fen = $4, discount_fen = $5, total_fen = $6,
  content_version = $7, locale = $8, state = $9, paid_fen = $10, refunded_fen = $11, scanned = $12, fulfilment = $13::jsonb, contact_phone = $14,
  pay_key_hash = $15, payment_id = $16, created_at = $17, expires_at = $18, updated_at = $19, version = $20 WHERE order_id = $21 AND version = $22`;

/**
 * A change row for the kiosk's status stream. The per-kiosk advisory lock makes the cursor
 * (a sequence) rise in commit order for each kiosk, so a reader never skips a change that
 * committed after a higher cursor it already saw.
 */
async function addChange(c: pg.PoolClient, o: OrderRecord): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`order-changes:${o.kioskId}`]);
  await c.query('INSERT INTO order_changes (order_id, kiosk_id, status, at) VALUES ($1, $2, $3::jsonb, $4)', [o.orderId, o.kioskId, JSON.stringify(statusOf(o)), o.updatedAt]);
}

/**
 * Projects the freshly stored money events of a batch, inside the ingest transaction, and
 * applies what each changes on the platform's order row (kiosk-order-effects.ts). Locks are
 * taken in the one order every order writer follows — order-day locks, then order rows, then
 * the kiosk's change lock (addChange) — so ingest cannot deadlock with a request's commit (row,
 * then change lock) or an order's insert (order-day, then change lock). Rows are read FOR
 * UPDATE; the version still rises, so a request that read the order before retries.
 */
export async function projectMoneyPg(client: pg.PoolClient, kioskId: string, fresh: IncomingEvent[], now: number): Promise<void> {
  const rows = fresh.map((e) => moneyRecordOf(kioskId, e, now)).filter((m) => m !== null);
  const stored: MoneyEventRecord[] = [];
  for (const m of rows.sort((a, b) => (a.eventId < b.eventId ? -1 : 1))) {
    const ins = await client.query('INSERT INTO money_events VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb) ON CONFLICT DO NOTHING', [
      m.eventId, m.kioskId, m.streamId, m.seq, m.type, m.day, m.deviceTime, m.receivedAt, m.refId, m.action, m.amountFen, m.paymentId, m.payload,
    ]);
    if (ins.rowCount === 1 && (m.type === 'order.created' || m.type === 'order.state')) stored.push(m);
  }
  if (stored.length === 0) return;
  const sorted = (ids: string[]) => [...new Set(ids)].sort();
  for (const id of sorted(stored.filter((m) => m.type === 'order.created').map((m) => m.refId))) await lockOrderDay(client, id);
  await client.query('SELECT order_id FROM orders WHERE order_id = ANY($1) ORDER BY order_id FOR UPDATE', [sorted(stored.map((m) => m.refId))]);
  for (const m of stored) {
    if (m.type === 'order.created') {
      await client.query(KIOSK_DAY, [m.refId]);
      continue;
    }
    const row = (await client.query<Row>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = $1`, [m.refId])).rows[0];
    const next = row ? orderAfterKioskEvent(toOrder(row), m, now) : null;
    if (!next) continue;
    await client.query(UPDATE_ORDER, [...orderValues(next), next.orderId, next.version - 1]);
    await addChange(client, next);
  }
}

async function applyCommit(c: pg.PoolClient, x: OrderCommit): Promise<void> {
  if (x.order) {
    const { next, expectVersion } = x.order;
    if ((await c.query(UPDATE_ORDER, [...orderValues(next), next.orderId, expectVersion])).rowCount !== 1) throw new StaleError();
    if (x.order.change) await addChange(c, next);
  }
  const p = x.insertPayment;
  if (p) {
    const r = await c.query('INSERT INTO payments VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING', [p.paymentId, p.orderId, p.provider, p.providerPaymentId, p.amountFen, p.state, p.surplus, p.createdAt, p.updatedAt]);
    if (r.rowCount !== 1) throw new StaleError();
  }
  const u = x.updatePayment;
  if (u && (await c.query('UPDATE payments SET state = $1, surplus = $2, updated_at = $3 WHERE payment_id = $4 AND state = $5', [u.to, u.surplus, u.at, u.paymentId, u.from])).rowCount !== 1) throw new StaleError();
  const r = x.insertRefund;
  if (r && (await c.query('INSERT INTO refunds VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING', [r.refundId, r.orderId, r.paymentId, r.amountFen, r.reason, r.providerRefundId, r.at])).rowCount !== 1) throw new StaleError();
  const cb = x.callback;
  if (cb) await c.query('INSERT INTO payment_callbacks (provider, provider_payment_id, order_id, status, outcome, body, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [cb.provider, cb.providerPaymentId, cb.orderId, cb.status, cb.outcome, cb.body, cb.at]);
}

export function pgOrderMethods(pool: pg.Pool, transaction: Tx): OrderStore {
  const all = async <T>(map: (r: Row) => T, sql: string, params: unknown[]) => (await pool.query<Row>(sql, params)).rows.map(map);
  const first = async <T>(map: (r: Row) => T, sql: string, params: unknown[]) => (await all(map, sql, params))[0] ?? null;
  return {
    insertOrder: (o) =>
      transaction(async (c) => {
        await lockOrderDay(c, o.orderId);
        const r = await c.query(`INSERT INTO orders VALUES ($1, $2, $3, $4::jsonb, ${Array.from({ length: 19 }, (_, i) => `$${i + 5}`).join(', ')}) ON CONFLICT DO NOTHING`, insertValues(o));
        if (r.rowCount !== 1) return 'exists' as const;
        // The kiosk's order.created event may have arrived before the order itself.
        await c.query(KIOSK_DAY, [o.orderId]);
        await addChange(c, o);
        return 'created' as const;
      }),
    getOrder: (id) => first(toOrder, `SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = $1`, [id]),
    commitOrder: async (x) => {
      try {
        await transaction((c) => applyCommit(c, x));
        return 'ok';
      } catch (err) {
        if (err instanceof StaleError) return 'stale';
        throw err;
      }
    },
    paymentByProviderId: (id) => first(toPayment, `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE provider_payment_id = $1`, [id]),
    paymentsOf: (id) => all(toPayment, `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = $1 ORDER BY created_at`, [id]),
    refund: (id) => first(toRefund, `SELECT ${REFUND_COLUMNS} FROM refunds WHERE refund_id = $1`, [id]),
    refundsOf: (id) => all(toRefund, `SELECT ${REFUND_COLUMNS} FROM refunds WHERE order_id = $1 ORDER BY at`, [id]),
    callbacksOf: (id) => all(toCallback, `SELECT ${CALLBACK_COLUMNS} FROM payment_callbacks WHERE order_id = $1 ORDER BY id`, [id]),
    changesOf: (id) => all(toChange, 'SELECT cursor, order_id AS "orderId", status, at FROM order_changes WHERE order_id = $1 ORDER BY cursor', [id]),
    changesAfter: (kioskId, cursor, since, limit) =>
      all(toChange, 'SELECT cursor, order_id AS "orderId", status, at FROM order_changes WHERE kiosk_id = $1 AND cursor > $2 AND at >= $3 ORDER BY cursor LIMIT $4', [kioskId, cursor, since, limit]),
    overdueOrders: (now, limit) => all(toOrder, `SELECT ${ORDER_COLUMNS} FROM orders WHERE state IN ('created', 'awaiting-payment') AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, [now, limit]),
    listOrders: (f) =>
      all(toOrder, `SELECT ${ORDER_COLUMNS} FROM orders WHERE ($1::text IS NULL OR kiosk_id = $1) AND ($2::text IS NULL OR state = $2)
        AND local_day >= $3 AND local_day <= $4 ORDER BY created_at DESC LIMIT $5`, [f.kioskId ?? null, f.state ?? null, f.fromDay ?? '0000-00-00', f.toDay ?? '9999-99-99', f.limit]),
    paidPayments: (limit) => all(toPayment, `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE state = 'paid' ORDER BY updated_at DESC LIMIT $1`, [limit]),
    moneyEvents: (f) =>
      all(toMoney, `SELECT ${MONEY_COLUMNS} FROM money_events WHERE ($1::text IS NULL OR kiosk_id = $1) AND day >= $2 AND day <= $3
        AND ($4::text[] IS NULL OR type = ANY($4)) ORDER BY kiosk_id, day, stream_id, seq`, [f.kioskId ?? null, f.fromDay ?? '0000-00-00', f.toDay ?? '9999-99-99', f.types ?? null]),
    seqsBelow: async (streamId, seq) => Number((await pool.query<{ n: number }>('SELECT count(*) AS n FROM stream_seqs WHERE stream_id = $1 AND seq < $2', [streamId, seq])).rows[0]?.n ?? 0),
  };
}
