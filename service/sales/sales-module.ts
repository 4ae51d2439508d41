import type { ContentManifest } from '../../contract/content.ts';
import { pickText, type Locale } from '../../contract/locale.ts';
import type { PriceBook } from '../../contract/orders.ts';
import type { SlotStock } from '../../contract/staff.ts';
import type { EventStore } from '../../db/events.ts';
import type { Db } from '../../db/open.ts';
import { createReportQueries } from '../../db/reports.ts';
import { createSalesStore } from '../../db/sales.ts';
import { createStockStore } from '../../db/stock.ts';
import type { Logger } from '../log.ts';
import { ReportService } from '../reports/report-service.ts';
import type { StockSink } from '../shelf/shelf-router.ts';
import { localTzOffset, SaleService } from './sale-service.ts';

export interface SalesModuleDeps {
  db: Db;
  events: EventStore;
  content(): ContentManifest | null;
  slotStock(): SlotStock[];
  /** The product bound to a slot (counter lifts name it). */
  productOfSlot(boardId: string, channel: number): { slotId: string; productId: string | null } | undefined;
  logger: Logger;
}

/** Counter sales, refunds and store reports, wired to the kiosk's database and catalogue. */
export function createSalesModule(deps: SalesModuleDeps) {
  const priceBook = (): PriceBook | null => {
    const m = deps.content();
    return m ? { version: m.version, products: m.products, campaigns: m.campaigns } : null;
  };
  const sales = new SaleService({ sales: createSalesStore(deps.db), stock: createStockStore(deps.db), events: deps.events, priceBook, slotStock: () => deps.slotStock(), logger: deps.logger });
  const reports = new ReportService({ queries: createReportQueries(deps.db), logger: deps.logger, tzOffsetAt: localTzOffset });
  const nameOf = (productId: string, locale: Locale): string => {
    const p = deps.content()?.products.find((x) => x.id === productId);
    return p ? pickText(p.name, locale) : productId;
  };
  /** The shelf's stock sink, also telling the counter screen about lifts in staff mode. */
  const withCounterLifts = (sink: StockSink): StockSink => ({
    ...sink,
    staffMotion(boardId, channel, direction, count) {
      sink.staffMotion(boardId, channel, direction, count);
      const slot = direction === 'lift' ? deps.productOfSlot(boardId, channel) : undefined;
      if (slot) sales.noteLift(slot.slotId, slot.productId, count);
    },
  });
  return { sales, reports, nameOf, withCounterLifts };
}
export type SalesModule = ReturnType<typeof createSalesModule>;
