import type { CatalogueSnapshot } from './catalogue.ts';
import type { Deltas, RawEvent } from './fold.ts';
import type { CampaignMetric, Counters, DocState } from './metrics.ts';

/** Where the rollup stands: the last folded event by (received_at, id). */
export interface RollupCursor {
  receivedAt: number;
  eventId: string;
  folded: number;
  skipped: number;
}

export interface DayRange {
  /** Inclusive local days, YYYY-MM-DD. */
  from: string;
  to: string;
}

export type ProductDayRow = Counters & { day: string; productId: string };
export type CampaignDayRow = Record<CampaignMetric, number> & { day: string; campaignId: string; productId: string };
export interface UnitDayRow { day: string; unitId: string; name: string; kind: string; productId: string; qty: number; fen: number }
export interface StockRow { productId: string; count: number; kiosks: number }

/** One step of the rollup: what it needs to fold a batch. */
export type FoldBatch = (events: RawEvent[], docs: Map<string, DocState>) => Deltas;

/**
 * The analytics tables of one platform store (SQLite or PostgreSQL), in their own schema with
 * their own migrations. `step` folds one batch: rollup rows, docs and the cursor move in one
 * transaction, so a crash leaves either all of a batch or none of it.
 */
export interface AnalyticsBackend {
  kind: 'sqlite' | 'pg';
  migrate(): Promise<void>;
  /** Folds up to `limit` events received at or before `upTo`; returns how many it read. */
  step(limit: number, upTo: number, fold: FoldBatch): Promise<number>;
  cursor(): Promise<RollupCursor>;
  latestCatalogue(): Promise<CatalogueSnapshot | null>;
  saveCatalogue(c: CatalogueSnapshot): Promise<void>;
  productDays(r: DayRange): Promise<ProductDayRow[]>;
  /** The same, for one kiosk (from the kiosk × product rollup). */
  kioskProductDays(kioskId: string, r: DayRange): Promise<ProductDayRow[]>;
  campaignDays(r: DayRange): Promise<CampaignDayRow[]>;
  unitDays(r: DayRange): Promise<UnitDayRow[]>;
  stock(): Promise<StockRow[]>;
}
