/**
 * Counter sale commit (issue 10): `sale_commit_ms_p99` — one sale priced, written as sales rows
 * + `sale.completed` event + outbox row in one transaction on a real file under WAL and
 * synchronous=FULL (each commit fsyncs), over a database already holding a busy week of events.
 * `report_week_ms`: this week's store report over the same database (200k events of the past
 * week, 40 % of them shelf lifts, read by the events type index).
 * Run alone: `node --import tsx tests/bench/run.ts sale`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PriceBook } from '../../contract/orders.ts';
import { createEventStore, newBootId, systemClock } from '../../db/events.ts';
import { openDatabase } from '../../db/open.ts';
import { createSalesStore } from '../../db/sales.ts';
import { createStockStore } from '../../db/stock.ts';
import { createLogger } from '../../service/log.ts';
import { SaleService } from '../../service/sales/sale-service.ts';
import { ReportService } from '../../service/reports/report-service.ts';
import { createReportQueries } from '../../db/reports.ts';
import { percentile, round, type Metric } from './stats.ts';
import { fillWeek } from './sync-bench.ts';

const SALES = 1000;
const WARMUP = 50;
const PRIOR_EVENTS = 200_000;

export function runSaleBench(): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sale-bench-'));
  const { db, identity } = openDatabase(join(dir, 'kiosk.db'));
  try {
    if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('the bench needs synchronous=FULL');
    fillWeek(db, identity, PRIOR_EVENTS);
    const book: PriceBook = { version: 1, products: Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, priceFen: 500 + i * 137 })), campaigns: [] };
    const sales = new SaleService({ sales: createSalesStore(db), stock: createStockStore(db), events: createEventStore(db, { ...identity, bootId: newBootId(), clock: systemClock }), priceBook: () => book, slotStock: () => [], logger: createLogger({ level: 'silent', stdout: false }) });
    const actor = { accountId: 'bench', name: 'bench', role: 'staff' as const };
    const samples: number[] = [];
    for (let i = 0; i < SALES + WARMUP; i++) {
      const lines = Array.from({ length: 1 + (i % 4) }, (_, k) => {
        const p = book.products[(i * 7 + k * 11) % book.products.length];
        if (!p) throw new Error('no product');
        return { productId: p.id, quantity: 1 + (k % 3), unitPriceFen: p.priceFen };
      });
      const t0 = performance.now();
      const r = sales.sell(actor, { saleId: randomUUID(), contentVersion: 1, lines, method: 'card', tenderedFen: null });
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(r.message);
      if (i >= WARMUP) samples.push(ms);
    }
    const reports = new ReportService({ queries: createReportQueries(db), logger: createLogger({ level: 'silent', stdout: false }), tzOffsetAt: () => 480 });
    const reportMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      reports.report('week');
      reportMs.push(performance.now() - t0);
    }
    return Promise.resolve([
      { name: 'report_week_ms_median', value: round(percentile(reportMs, 50)), unit: 'ms' },
      { name: 'sale_commit_ms_p50', value: round(percentile(samples, 50)), unit: 'ms' },
      { name: 'sale_commit_ms_p99', value: round(percentile(samples, 99)), unit: 'ms', goal: 'committed (fsync) before the receipt shows' },
    ]);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
