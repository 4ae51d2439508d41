import type { PlatformStore } from '../store/platform-store.ts';
import type { AnalyticsBackend, DayRange, ProductDayRow } from './backend.ts';
import { EMPTY_CATALOGUE, type CatalogueSnapshot } from './catalogue.ts';
import { buildFunnel, type FunnelReport } from './funnel.ts';
import { buildImpact, type ImpactReport } from './impact.ts';
import { addDays } from './periods.ts';
import type { Period } from './periods.ts';
import { openAnalytics, refreshCatalogue, runRollup, type RollupOptions, type RollupRun } from './rollup-job.ts';
import { buildUnsold, type UnsoldReport, type UnsoldThresholds } from './unsold.ts';

export interface AnalyticsDeps {
  store: PlatformStore;
  dataDir: string;
  now: () => number;
  rollup?: RollupOptions;
}

/** The analytics of one platform process: the rollup job and the reports read from its tables. */
export class AnalyticsService {
  private backend: Promise<AnalyticsBackend> | null = null;

  constructor(private readonly deps: AnalyticsDeps) {}

  /** Opens (and migrates) the analytics tables on first use. */
  tables(): Promise<AnalyticsBackend> {
    this.backend ??= openAnalytics(this.deps.store).catch((err: unknown) => {
      this.backend = null;
      throw err;
    });
    return this.backend;
  }

  /** Snapshots the newest content mapping, then folds every settled event not yet folded. */
  async rollup(opts: RollupOptions = {}): Promise<RollupRun> {
    const b = await this.tables();
    await refreshCatalogue(b, this.deps.store, this.deps.dataDir);
    return runRollup(b, this.deps.now(), { ...this.deps.rollup, ...opts });
  }

  async catalogue(): Promise<CatalogueSnapshot> {
    return (await (await this.tables()).latestCatalogue()) ?? EMPTY_CATALOGUE;
  }

  private async days(r: DayRange, kiosk: string | undefined): Promise<ProductDayRow[]> {
    const b = await this.tables();
    return kiosk === undefined ? b.productDays(r) : b.kioskProductDays(kiosk, r);
  }

  async impact(r: DayRange, period: Period, kiosk?: string): Promise<ImpactReport> {
    const b = await this.tables();
    const [rows, units, cat] = await Promise.all([this.days(r, kiosk), kiosk === undefined ? b.unitDays(r) : Promise.resolve([]), this.catalogue()]);
    return buildImpact(rows, units, cat, r, period);
  }

  async funnel(r: DayRange, kiosk?: string): Promise<FunnelReport> {
    const b = await this.tables();
    const [rows, lines, cat] = await Promise.all([this.days(r, kiosk), kiosk === undefined ? b.campaignDays(r) : Promise.resolve([]), this.catalogue()]);
    return buildFunnel(rows, lines, cat, r);
  }

  async unsold(to: string, t: UnsoldThresholds): Promise<UnsoldReport> {
    const b = await this.tables();
    // Eight weeks of trend and two windows of comparison.
    const from = addDays(to, -Math.max(56, 2 * t.windowDays) + 1);
    const [rows, stock, cat] = await Promise.all([b.productDays({ from, to }), b.stock(), this.catalogue()]);
    return buildUnsold(rows, stock, cat, to, t);
  }

  async status() {
    return (await this.tables()).cursor();
  }
}
