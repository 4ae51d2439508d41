import type { RefundRequest, SaleRequest } from '../../../../contract/orders.ts';
import { CounterLiftListSchema, SaleListSchema, SaleReceiptSchema, StoreReportSchema, type ReportPeriod } from '../../../../contract/sales.ts';
import { call } from '../staff-api.ts';

/** The counter, refund and report screens' typed client of the local API (answers parsed with contract/sales.ts). */
export const salesApi = {
  sell: (req: SaleRequest) => call(SaleReceiptSchema, 'POST', '/api/sales', req),
  recent: (days: number) => call(SaleListSchema, 'GET', `/api/sales?days=${days}`),
  refund: (saleId: string, req: RefundRequest) => call(SaleReceiptSchema, 'POST', `/api/sales/${encodeURIComponent(saleId)}/refund`, req),
  liftsAfter: (after: number) => call(CounterLiftListSchema, 'GET', `/api/sales/lifts?after=${Math.floor(after)}`),
  report: (period: ReportPeriod) => call(StoreReportSchema, 'GET', `/api/reports?period=${period}`),
};

/** Where the service serves a report export (a plain link: the browser downloads it with the session cookie). */
export function exportUrl(period: ReportPeriod, format: 'csv' | 'xlsx', lang: string): string {
  return `/api/reports/export?${new URLSearchParams({ period, format, lang }).toString()}`;
}
