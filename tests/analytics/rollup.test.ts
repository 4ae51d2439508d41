import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsService } from '../../platform/analytics/analytics-service.ts';
import type { PlatformStore } from '../../platform/store/platform-store.ts';
import { tempDir } from '../sync/helpers.ts';
import { independent, ingestGenerated, openTestStore, rollupRows } from './fixture.ts';
import { normalise } from './independent-sql.ts';

describe('analytics rollup', () => {
  const tmp = tempDir('analytics-rollup');
  let store: PlatformStore;
  let events = 0;

  beforeAll(async () => {
    store = await openTestStore(tmp.dir);
    events = await ingestGenerated(store, { kiosks: 4, days: 9, start: '2026-09-25', seed: 151, mean: 40 });
  });
  afterAll(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('folds in small batches, survives a crash mid-run and equals SQL over the raw events', async () => {
    const service = new AnalyticsService({ store, dataDir: tmp.dir, now: () => Date.parse('2027-01-01T00:00:00Z') });
    const tables = await service.tables();
    // A crash in the middle of the third batch: nothing of that batch may be kept.
    let calls = 0;
    const realStep = tables.step.bind(tables);
    tables.step = (limit, upTo, fold) =>
      realStep(limit, upTo, (evs, docs) => {
        if (++calls === 3) throw new Error('simulated crash');
        return fold(evs, docs);
      });
    await expect(service.rollup({ batch: 97 })).rejects.toThrow('simulated crash');
    expect((await service.status()).folded).toBe(2 * 97);
    tables.step = realStep;

    const run = await service.rollup({ batch: 97 });
    expect(run.events + 2 * 97).toBe(events);
    const [got, want] = await Promise.all([rollupRows(store), independent(store)]);
    expect(normalise(got.byKey)).toEqual(normalise(want.byKey));
    expect(normalise(got.refunds)).toEqual(normalise(want.refunds));
    expect(Object.keys(normalise(want.byKey)).length).toBeGreaterThan(50);
    // The data exercise every kind of figure (not only lifts).
    const totals = (key: string) => [...want.byKey.values()].reduce((a, f) => a + (f[key] ?? 0), 0);
    for (const key of ['paid_fen', 'counter_fen', 'ordered_qty', 'qr_trace', 'restocked_qty', 'dwell_ms']) expect(totals(key), key).toBeGreaterThan(0);
    expect([...want.refunds.values()].reduce((a, f) => a + (f.refund_fen ?? 0), 0)).toBeGreaterThan(0);
  });

  it('is idempotent: a second run folds nothing and changes nothing', async () => {
    const service = new AnalyticsService({ store, dataDir: tmp.dir, now: () => Date.parse('2027-01-01T00:00:00Z') });
    const before = normalise((await rollupRows(store)).byKey);
    expect(await service.rollup()).toEqual({ events: 0, batches: 0 });
    expect(normalise((await rollupRows(store)).byKey)).toEqual(before);
    expect((await service.status()).folded).toBe(events);
  });

  it('leaves events younger than the settle time for the next run', async () => {
    const late = await ingestGenerated(store, { kiosks: 1, days: 1, start: '2026-10-04', seed: 9, mean: 20 });
    const lastReceived = Date.parse('2026-10-05T00:00:00Z');
    const service = new AnalyticsService({ store, dataDir: tmp.dir, now: () => lastReceived - 24 * 3_600_000 });
    expect((await service.rollup()).events).toBe(0);
    const later = new AnalyticsService({ store, dataDir: tmp.dir, now: () => Date.parse('2027-01-01T00:00:00Z') });
    expect((await later.rollup()).events).toBe(late);
    const [got, want] = await Promise.all([rollupRows(store), independent(store)]);
    expect(normalise(got.byKey)).toEqual(normalise(want.byKey));
  });
});
