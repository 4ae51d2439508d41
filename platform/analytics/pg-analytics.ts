import type { Pool, PoolClient } from 'pg';
import type { AnalyticsBackend, CampaignDayRow, ProductDayRow, RollupCursor, StockRow, UnitDayRow } from './backend.ts';
import type { CatalogueSnapshot } from './catalogue.ts';
import { splitKey, type Deltas, type RawEvent } from './fold.ts';
import { CAMPAIGN_METRICS, METRICS, type DocState } from './metrics.ts';
import { migrateAnalyticsPg } from './pg-analytics-schema.ts';
import { addExcluded, CAMPAIGN_COLUMNS, METRIC_COLUMNS, sums } from './sql-text.ts';
import { docIdsOf, productDayDeltas } from './deltas.ts';

const bigints = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}::bigint[]`).join(', ');

/** Upserts rows given as columns of arrays (one statement per table, whatever the batch size). */
async function upsertColumns(c: PoolClient, sql: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const cols = (rows[0] ?? []).map((_, i) => rows.map((r) => r[i]));
  await c.query(sql, cols);
}

const KIOSK_DAY = `INSERT INTO analytics.kiosk_day (day, kiosk_id, product_id, ${METRIC_COLUMNS})
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], ${bigints(4, METRICS.length)})
  ON CONFLICT (kiosk_id, day, product_id) DO UPDATE SET ${addExcluded('kiosk_day', METRICS)}`;
const PRODUCT_DAY = `INSERT INTO analytics.product_day (day, product_id, ${METRIC_COLUMNS})
  SELECT * FROM unnest($1::text[], $2::text[], ${bigints(3, METRICS.length)})
  ON CONFLICT (day, product_id) DO UPDATE SET ${addExcluded('product_day', METRICS)}`;
const CAMPAIGN_DAY = `INSERT INTO analytics.campaign_day (day, campaign_id, product_id, ${CAMPAIGN_COLUMNS})
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], ${bigints(4, CAMPAIGN_METRICS.length)})
  ON CONFLICT (day, campaign_id, product_id) DO UPDATE SET ${addExcluded('campaign_day', CAMPAIGN_METRICS)}`;
const UNIT_DAY = `INSERT INTO analytics.unit_day (day, unit_id, product_id, name, kind, qty, fen)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
  ON CONFLICT (day, unit_id, product_id) DO UPDATE SET qty = unit_day.qty + excluded.qty, fen = unit_day.fen + excluded.fen, name = excluded.name, kind = excluded.kind`;
const DOCS = `INSERT INTO analytics.docs (doc_id, state) SELECT * FROM unnest($1::text[], $2::jsonb[])
  ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state`;
const STOCK = `INSERT INTO analytics.stock (kiosk_id, product_id, count) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
  ON CONFLICT (kiosk_id, product_id) DO UPDATE SET count = excluded.count`;

async function writeDeltas(c: PoolClient, d: Deltas): Promise<void> {
  await upsertColumns(c, KIOSK_DAY, [...d.kioskDay].map(([k, v]) => [...splitKey(k), ...METRICS.map((m) => v[m])]));
  await upsertColumns(c, PRODUCT_DAY, [...productDayDeltas(d)].map(([k, v]) => [...splitKey(k), ...METRICS.map((m) => v[m])]));
  await upsertColumns(c, CAMPAIGN_DAY, [...d.campaignDay].map(([k, v]) => [...splitKey(k), ...CAMPAIGN_METRICS.map((m) => v[m])]));
  await upsertColumns(c, UNIT_DAY, [...d.unitDay.values()].map((u) => [u.day, u.unitId, u.productId, u.name, u.kind, u.qty, u.fen]));
  await upsertColumns(c, DOCS, [...d.docs.values()].map((s) => [s.docId, JSON.stringify(s)]));
  await upsertColumns(c, STOCK, [...d.stock.values()].map((s) => [s.kioskId, s.productId, s.count]));
}

const CURSOR = 'SELECT received_at AS "receivedAt", event_id AS "eventId", folded, skipped FROM analytics.cursor WHERE id = 1';

async function step(pool: Pool, limit: number, upTo: number, fold: Parameters<AnalyticsBackend['step']>[2]): Promise<number> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    // FOR UPDATE: platform processes take turns; the second reads the events after the first's cursor.
    const at = (await c.query<RollupCursor>(`${CURSOR} FOR UPDATE`)).rows[0] as RollupCursor;
    // received_at >= cursor lets each month's (received_at) index bound the scan; the row comparison breaks ties by id.
    const rows = (await c.query<{ id: string; kioskId: string; receivedAt: number; envelope: RawEvent['envelope'] }>(
      `SELECT id, kiosk_id AS "kioskId", received_at AS "receivedAt", envelope FROM events
       WHERE received_at >= $1 AND received_at <= $3 AND (received_at, id) > ($1, $2) ORDER BY received_at, id LIMIT $4`,
      [at.receivedAt, at.eventId, upTo, limit],
    )).rows;
    if (rows.length > 0) {
      const ids = docIdsOf(rows);
      const stored = (await c.query<{ doc_id: string; state: DocState }>('SELECT doc_id, state FROM analytics.docs WHERE doc_id = ANY($1::text[])', [ids])).rows;
      const d = fold(rows, new Map(stored.map((r) => [r.doc_id, r.state])));
      await writeDeltas(c, d);
      const last = rows[rows.length - 1];
      await c.query('UPDATE analytics.cursor SET received_at = $1, event_id = $2, folded = folded + $3, skipped = skipped + $4 WHERE id = 1', [last?.receivedAt, last?.id, rows.length, d.skipped]);
    }
    await c.query('COMMIT');
    return rows.length;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** The analytics tables in schema `analytics` of the platform's PostgreSQL database. */
export function pgAnalytics(pool: Pool): AnalyticsBackend {
  const rows = async <T>(sql: string, p: unknown[]) => (await pool.query(sql, p)).rows as T[];
  const S = sums(METRICS, '::bigint');
  return {
    kind: 'pg',
    migrate: () => migrateAnalyticsPg(pool),
    step: (limit, upTo, fold) => step(pool, limit, upTo, fold),
    cursor: async () => (await rows<RollupCursor>(CURSOR, []))[0] as RollupCursor,
    latestCatalogue: async () => (await rows<{ snapshot: CatalogueSnapshot }>('SELECT snapshot FROM analytics.catalogue ORDER BY content_version DESC LIMIT 1', []))[0]?.snapshot ?? null,
    saveCatalogue: async (c) =>
      void (await pool.query('INSERT INTO analytics.catalogue (content_version, snapshot) VALUES ($1, $2::jsonb) ON CONFLICT (content_version) DO UPDATE SET snapshot = excluded.snapshot', [c.contentVersion, JSON.stringify(c)])),
    productDays: (r) => rows<ProductDayRow>(`SELECT day, product_id AS "productId", ${METRIC_COLUMNS} FROM analytics.product_day WHERE day BETWEEN $1 AND $2 ORDER BY day, product_id`, [r.from, r.to]),
    kioskProductDays: (kioskId, r) =>
      rows<ProductDayRow>(`SELECT day, product_id AS "productId", ${S} FROM analytics.kiosk_day WHERE kiosk_id = $1 AND day BETWEEN $2 AND $3 GROUP BY day, product_id ORDER BY day, product_id`, [kioskId, r.from, r.to]),
    campaignDays: (r) => rows<CampaignDayRow>(`SELECT day, campaign_id AS "campaignId", product_id AS "productId", ${CAMPAIGN_COLUMNS} FROM analytics.campaign_day WHERE day BETWEEN $1 AND $2 ORDER BY day`, [r.from, r.to]),
    unitDays: (r) => rows<UnitDayRow>('SELECT day, unit_id AS "unitId", name, kind, product_id AS "productId", qty, fen FROM analytics.unit_day WHERE day BETWEEN $1 AND $2 ORDER BY day', [r.from, r.to]),
    stock: () => rows<StockRow>('SELECT product_id AS "productId", sum(count)::bigint AS count, count(*)::bigint AS kiosks FROM analytics.stock GROUP BY product_id', []),
  };
}
