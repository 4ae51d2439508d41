import type { PlatformStore } from '../store/platform-store.ts';
import type { AnalyticsBackend } from './backend.ts';
import { EMPTY_CATALOGUE, mergeCatalogue, readPublishedCatalogue, type CatalogueSnapshot } from './catalogue.ts';
import { RollupFolder } from './fold.ts';
import { pgAnalytics } from './pg-analytics.ts';
import { sqliteAnalytics } from './sqlite-analytics.ts';

export interface RollupOptions {
  /** Events per transaction (default 5,000). */
  batch?: number;
  /**
   * Only events received at least this long ago are folded (default 120 s). On PostgreSQL an
   * ingest transaction stamps `received_at` before it commits, so a slow one can commit after a
   * later one: folding only settled time keeps the keyset cursor from stepping over it.
   */
  settleMs?: number;
}

export interface RollupRun {
  events: number;
  batches: number;
}

/** The store's analytics tables (migrated). */
export async function openAnalytics(store: PlatformStore): Promise<AnalyticsBackend> {
  const database = await store.database();
  const backend = database.kind === 'sqlite' ? sqliteAnalytics(database.db) : pgAnalytics(database.pool);
  await backend.migrate();
  return backend;
}

/**
 * Snapshots the product → county / co-op / pairing mapping of the newest published content
 * into the analytics tables (merged with older snapshots), so reports say which mapping they used.
 */
export async function refreshCatalogue(backend: AnalyticsBackend, store: PlatformStore, dataDir: string): Promise<CatalogueSnapshot> {
  const have = (await backend.latestCatalogue()) ?? EMPTY_CATALOGUE;
  const latest = await store.latestContent();
  if (!latest || latest.version <= have.contentVersion) return have;
  const published = await readPublishedCatalogue(dataDir, latest.version);
  if (!published) return have;
  const merged = mergeCatalogue(have, published);
  await backend.saveCatalogue(merged);
  return merged;
}

/** Folds every settled event not yet folded, one transaction per batch; safe to run from several processes at once. */
export async function runRollup(backend: AnalyticsBackend, now: number, opts: RollupOptions = {}): Promise<RollupRun> {
  const batch = opts.batch ?? 5_000;
  const upTo = now - (opts.settleMs ?? 120_000);
  let events = 0;
  let batches = 0;
  for (;;) {
    const n = await backend.step(batch, upTo, (evs, docs) => new RollupFolder(docs).fold(evs));
    if (n === 0) return { events, batches };
    events += n;
    batches++;
  }
}

/** Runs the rollup every `everyMs` until stopped; one run at a time; errors go to `onError` and the next tick tries again. */
export function startRollupTimer(run: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = run().catch(onError).finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
