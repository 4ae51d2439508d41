import type Database from 'better-sqlite3';
import type { AnalyticsBackend, CampaignDayRow, DayRange, FoldBatch, ProductDayRow, RollupCursor, StockRow, UnitDayRow } from './backend.ts';
import type { CatalogueSnapshot } from './catalogue.ts';
import { splitKey, type Deltas, type RawEvent } from './fold.ts';
import { CAMPAIGN_METRICS, METRICS, type DocState } from './metrics.ts';
import { addExcluded, CAMPAIGN_COLUMNS, campaignDefs, METRIC_COLUMNS, metricDefs, sums } from './sql-text.ts';
import { docIdsOf, productDayDeltas } from './deltas.ts';

/** Analytics tables in the platform's SQLite file, prefixed `analytics_`, versioned in `analytics_schema` (not user_version, which the platform's own migrations own). */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE analytics_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), received_at INTEGER NOT NULL, event_id TEXT NOT NULL, folded INTEGER NOT NULL, skipped INTEGER NOT NULL) STRICT;
   INSERT INTO analytics_cursor VALUES (1, 0, '', 0, 0);
   CREATE TABLE analytics_kiosk_day (kiosk_id TEXT NOT NULL, day TEXT NOT NULL, product_id TEXT NOT NULL, ${metricDefs('INTEGER')}, PRIMARY KEY (kiosk_id, day, product_id)) STRICT, WITHOUT ROWID;
   CREATE TABLE analytics_product_day (day TEXT NOT NULL, product_id TEXT NOT NULL, ${metricDefs('INTEGER')}, PRIMARY KEY (day, product_id)) STRICT, WITHOUT ROWID;
   CREATE TABLE analytics_campaign_day (day TEXT NOT NULL, campaign_id TEXT NOT NULL, product_id TEXT NOT NULL, ${campaignDefs('INTEGER')}, PRIMARY KEY (day, campaign_id, product_id)) STRICT, WITHOUT ROWID;
   CREATE TABLE analytics_unit_day (day TEXT NOT NULL, unit_id TEXT NOT NULL, product_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, qty INTEGER NOT NULL, fen INTEGER NOT NULL, PRIMARY KEY (day, unit_id, product_id)) STRICT, WITHOUT ROWID;
   CREATE TABLE analytics_docs (doc_id TEXT PRIMARY KEY, state TEXT NOT NULL) STRICT;
   CREATE TABLE analytics_stock (kiosk_id TEXT NOT NULL, product_id TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kiosk_id, product_id)) STRICT, WITHOUT ROWID;
   CREATE TABLE analytics_catalogue (content_version INTEGER PRIMARY KEY, snapshot TEXT NOT NULL) STRICT;`,
];

function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS analytics_schema (version INTEGER NOT NULL) STRICT');
    const v = (db.prepare('SELECT max(version) FROM analytics_schema').pluck().get() as number | null) ?? 0;
    if (v > MIGRATIONS.length) throw new Error(`analytics schema ${v} is newer than this platform (${MIGRATIONS.length})`);
    for (let i = v; i < MIGRATIONS.length; i++) {
      db.exec(MIGRATIONS[i] ?? '');
      db.prepare('INSERT INTO analytics_schema (version) VALUES (?)').run(i + 1);
    }
  }).immediate();
}

/** better-sqlite3 is synchronous: a thrown error becomes a rejected promise, as on PostgreSQL. */
function now<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

const params = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function writer(db: Database.Database) {
  const kioskDay = db.prepare(`INSERT INTO analytics_kiosk_day (day, kiosk_id, product_id, ${METRIC_COLUMNS}) VALUES (?, ?, ?, ${params(METRICS.length)})
    ON CONFLICT DO UPDATE SET ${addExcluded('analytics_kiosk_day', METRICS)}`);
  const productDay = db.prepare(`INSERT INTO analytics_product_day (day, product_id, ${METRIC_COLUMNS}) VALUES (?, ?, ${params(METRICS.length)})
    ON CONFLICT DO UPDATE SET ${addExcluded('analytics_product_day', METRICS)}`);
  const campaignDay = db.prepare(`INSERT INTO analytics_campaign_day (day, campaign_id, product_id, ${CAMPAIGN_COLUMNS}) VALUES (?, ?, ?, ${params(CAMPAIGN_METRICS.length)})
    ON CONFLICT DO UPDATE SET ${addExcluded('analytics_campaign_day', CAMPAIGN_METRICS)}`);
  const unitDay = db.prepare(`INSERT INTO analytics_unit_day (day, unit_id, product_id, name, kind, qty, fen) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET qty = qty + excluded.qty, fen = fen + excluded.fen, name = excluded.name, kind = excluded.kind`);
  const doc = db.prepare('INSERT INTO analytics_docs (doc_id, state) VALUES (?, ?) ON CONFLICT DO UPDATE SET state = excluded.state');
  const stock = db.prepare('INSERT INTO analytics_stock (kiosk_id, product_id, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = excluded.count');
  return (d: Deltas) => {
    for (const [k, c] of d.kioskDay) kioskDay.run(...splitKey(k), ...METRICS.map((m) => c[m]));
    for (const [k, c] of productDayDeltas(d)) productDay.run(...splitKey(k), ...METRICS.map((m) => c[m]));
    for (const [k, c] of d.campaignDay) campaignDay.run(...splitKey(k), ...CAMPAIGN_METRICS.map((m) => c[m]));
    for (const u of d.unitDay.values()) unitDay.run(u.day, u.unitId, u.productId, u.name, u.kind, u.qty, u.fen);
    for (const s of d.docs.values()) doc.run(s.docId, JSON.stringify(s));
    for (const s of d.stock.values()) stock.run(s.kioskId, s.productId, s.count);
  };
}

function stepper(db: Database.Database) {
  const cursor = db.prepare('SELECT received_at AS receivedAt, event_id AS eventId, folded, skipped FROM analytics_cursor WHERE id = 1');
  // (received_at, id) keyset over the events table's received_at index.
  const batch = db.prepare(`SELECT id, kiosk_id AS kioskId, received_at AS receivedAt, envelope FROM events
    WHERE (received_at, id) > (?, ?) AND received_at <= ? ORDER BY received_at, id LIMIT ?`);
  const loadDoc = db.prepare('SELECT state FROM analytics_docs WHERE doc_id = ?').pluck();
  const move = db.prepare('UPDATE analytics_cursor SET received_at = ?, event_id = ?, folded = folded + ?, skipped = skipped + ? WHERE id = 1');
  const write = writer(db);
  return db.transaction((limit: number, upTo: number, fold: FoldBatch): number => {
    const at = cursor.get() as RollupCursor;
    const rows = batch.all(at.receivedAt, at.eventId, upTo, limit) as Array<{ id: string; kioskId: string; receivedAt: number; envelope: string }>;
    if (rows.length === 0) return 0;
    const events: RawEvent[] = rows.map((r) => ({ id: r.id, kioskId: r.kioskId, receivedAt: r.receivedAt, envelope: JSON.parse(r.envelope) as RawEvent['envelope'] }));
    const docs = new Map<string, DocState>();
    for (const id of docIdsOf(events)) {
      const s = loadDoc.get(id) as string | undefined;
      if (s !== undefined) docs.set(id, JSON.parse(s) as DocState);
    }
    const d = fold(events, docs);
    write(d);
    const last = rows[rows.length - 1];
    move.run(last?.receivedAt ?? at.receivedAt, last?.id ?? at.eventId, rows.length, d.skipped);
    return rows.length;
  });
}


/** The analytics tables in the platform's SQLite database (migrated here, before any statement is prepared). */
export function sqliteAnalytics(db: Database.Database): AnalyticsBackend {
  migrate(db);
  const step = stepper(db);
  const q = {
    cursor: db.prepare('SELECT received_at AS receivedAt, event_id AS eventId, folded, skipped FROM analytics_cursor WHERE id = 1'),
    catalogue: db.prepare('SELECT snapshot FROM analytics_catalogue ORDER BY content_version DESC LIMIT 1').pluck(),
    saveCatalogue: db.prepare('INSERT OR REPLACE INTO analytics_catalogue (content_version, snapshot) VALUES (?, ?)'),
    productDays: db.prepare(`SELECT day, product_id AS productId, ${METRIC_COLUMNS} FROM analytics_product_day WHERE day BETWEEN ? AND ? ORDER BY day, product_id`),
    kioskDays: db.prepare(`SELECT day, product_id AS productId, ${METRIC_COLUMNS} FROM analytics_kiosk_day WHERE kiosk_id = ? AND day BETWEEN ? AND ? ORDER BY day, product_id`),
    campaignDays: db.prepare(`SELECT day, campaign_id AS campaignId, product_id AS productId, ${CAMPAIGN_COLUMNS} FROM analytics_campaign_day WHERE day BETWEEN ? AND ? ORDER BY day`),
    unitDays: db.prepare('SELECT day, unit_id AS unitId, name, kind, product_id AS productId, qty, fen FROM analytics_unit_day WHERE day BETWEEN ? AND ? ORDER BY day'),
    stock: db.prepare(`SELECT product_id AS productId, ${sums(['count'])}, count(*) AS kiosks FROM analytics_stock GROUP BY product_id`),
  };
  return {
    kind: 'sqlite',
    migrate: () => Promise.resolve(),
    step: (limit, upTo, fold) => now(() => step.immediate(limit, upTo, fold)),
    cursor: () => now(() => q.cursor.get() as RollupCursor),
    latestCatalogue: () =>
      now(() => {
        const s = q.catalogue.get() as string | undefined;
        return s === undefined ? null : (JSON.parse(s) as CatalogueSnapshot);
      }),
    saveCatalogue: (c) => now(() => void q.saveCatalogue.run(c.contentVersion, JSON.stringify(c))),
    productDays: (r: DayRange) => now(() => q.productDays.all(r.from, r.to) as ProductDayRow[]),
    kioskProductDays: (kioskId, r) => now(() => q.kioskDays.all(kioskId, r.from, r.to) as ProductDayRow[]),
    campaignDays: (r) => now(() => q.campaignDays.all(r.from, r.to) as CampaignDayRow[]),
    unitDays: (r) => now(() => q.unitDays.all(r.from, r.to) as UnitDayRow[]),
    stock: () => now(() => q.stock.all() as StockRow[]),
  };
}
