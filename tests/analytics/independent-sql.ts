/**
 * The rollup's figures computed straight from the stored raw events with SQL, written apart
 * from platform/analytics/ (no shared code): what the tests compare the rollup against.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

export type Figures = Record<string, number>;
/** key: kiosk|day|product */
export type ByKey = Map<string, Figures>;

const SQLITE_DAY = `date(json_extract(e.envelope, '$.deviceTime'), json_extract(e.envelope, '$.tzOffset') || ' minutes')`;
const PG_DAY = `to_char(((e.envelope->>'deviceTime')::timestamptz + make_interval(mins => (e.envelope->>'tzOffset')::int)) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

function dialect(kind: 'sqlite' | 'pg') {
  const day = kind === 'sqlite' ? SQLITE_DAY : PG_DAY;
  const j = (path: string) => (kind === 'sqlite' ? `json_extract(e.envelope, '$.payload.${path}')` : `(e.envelope->'payload'->>'${path}')`);
  const lineOf = (field: string) => (kind === 'sqlite' ? `json_extract(l.value, '$.${field}')` : `(l.value->>'${field}')`);
  const lines = kind === 'sqlite' ? `json_each(e.envelope, '$.payload.lines') l` : `jsonb_array_elements(e.envelope->'payload'->'lines') AS l(value)`;
  const int = (x: string) => (kind === 'sqlite' ? `CAST(${x} AS INTEGER)` : `(${x})::bigint`);
  return { day, j, lineOf, lines, int };
}

/** One query per figure; each returns (kiosk, day, product, n). */
export function figureQueries(kind: 'sqlite' | 'pg'): Record<string, string> {
  const { day, j, lineOf, lines, int } = dialect(kind);
  const simple = (type: string, value: string, extra = '') =>
    `SELECT e.kiosk_id AS k, ${day} AS d, ${j('productId')} AS p, sum(${value}) AS n FROM events e WHERE e.type = '${type}' AND ${j('productId')} IS NOT NULL ${extra} GROUP BY 1, 2, 3`;
  const created = `SELECT e.kiosk_id AS kiosk, ${j('orderId')} AS oid, ${lineOf('productId')} AS p, ${int(lineOf('quantity'))} AS q, ${int(lineOf('lineTotalFen'))} AS f FROM events e, ${lines} WHERE e.type = 'order.created'`;
  const pays = `SELECT e.kiosk_id AS kiosk, ${j('orderId')} AS oid, ${day} AS d FROM events e WHERE e.type = 'order.state' AND ${j('action')} = 'pay'`;
  const sold = (value: string) =>
    `SELECT e.kiosk_id AS k, ${day} AS d, ${lineOf('productId')} AS p, sum(${int(lineOf(value))}) AS n FROM events e, ${lines} WHERE e.type = 'sale.completed' GROUP BY 1, 2, 3`;
  const createdBy = (value: string) =>
    `SELECT e.kiosk_id AS k, ${day} AS d, ${lineOf('productId')} AS p, sum(${value}) AS n FROM events e, ${lines} WHERE e.type = 'order.created' GROUP BY 1, 2, 3`;
  return {
    lifts: simple('shelf.lift', '1'),
    dwell_ms: simple('shelf.put', int(j('dwellMs'))),
    qr_order: simple('shopper.qr-shown', '1', `AND ${j('kind')} = 'order'`),
    qr_trace: simple('shopper.qr-shown', '1', `AND ${j('kind')} = 'trace'`),
    restocked_qty: simple('stock.restocked', int(j('added'))),
    orders: createdBy('1'),
    ordered_qty: createdBy(int(lineOf('quantity'))),
    ordered_fen: createdBy(int(lineOf('lineTotalFen'))),
    paid_lines: `SELECT pays.kiosk AS k, pays.d AS d, c.p AS p, count(*) AS n FROM (${pays}) pays JOIN (${created}) c ON c.kiosk = pays.kiosk AND c.oid = pays.oid GROUP BY 1, 2, 3`,
    paid_qty: `SELECT pays.kiosk AS k, pays.d AS d, c.p AS p, sum(c.q) AS n FROM (${pays}) pays JOIN (${created}) c ON c.kiosk = pays.kiosk AND c.oid = pays.oid GROUP BY 1, 2, 3`,
    paid_fen: `SELECT pays.kiosk AS k, pays.d AS d, c.p AS p, sum(c.f) AS n FROM (${pays}) pays JOIN (${created}) c ON c.kiosk = pays.kiosk AND c.oid = pays.oid GROUP BY 1, 2, 3`,
    counter_qty: sold('quantity'),
    counter_fen: sold('lineTotalFen'),
  };
}

/** Refunds per kiosk and day (orders and counter sales): the rollup spreads them over lines, the total must match. */
export function refundQuery(kind: 'sqlite' | 'pg'): string {
  const { day, j, int } = dialect(kind);
  return `SELECT e.kiosk_id AS k, ${day} AS d, '' AS p, sum(${int(j('amountFen'))}) AS n FROM events e
    WHERE (e.type = 'order.state' AND ${j('action')} = 'refund') OR e.type = 'sale.refunded' GROUP BY 1, 2`;
}

function collect(out: ByKey, figure: string, rows: Array<{ k: string; d: string; p: string; n: number | string }>): void {
  for (const r of rows) {
    const key = `${r.k}|${r.d}|${r.p}`;
    const f = out.get(key) ?? {};
    f[figure] = (f[figure] ?? 0) + Number(r.n);
    out.set(key, f);
  }
}

export function independentSqlite(db: Database.Database): { byKey: ByKey; refunds: ByKey } {
  const byKey: ByKey = new Map();
  for (const [figure, sql] of Object.entries(figureQueries('sqlite'))) collect(byKey, figure, db.prepare(sql).all() as never);
  const refunds: ByKey = new Map();
  collect(refunds, 'refund_fen', db.prepare(refundQuery('sqlite')).all() as never);
  return { byKey, refunds };
}

export async function independentPg(client: pg.Pool | pg.Client): Promise<{ byKey: ByKey; refunds: ByKey }> {
  const byKey: ByKey = new Map();
  for (const [figure, sql] of Object.entries(figureQueries('pg'))) collect(byKey, figure, (await client.query(sql)).rows as never);
  const refunds: ByKey = new Map();
  collect(refunds, 'refund_fen', (await client.query(refundQuery('pg'))).rows as never);
  return { byKey, refunds };
}

/** Drops zero figures and empty keys, so two maps compare by what was counted. */
export function normalise(m: ByKey): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  for (const [k, f] of [...m].sort(([a], [b]) => a.localeCompare(b))) {
    const nz = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
    if (Object.keys(nz).length > 0) out[k] = nz;
  }
  return out;
}
