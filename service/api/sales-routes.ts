import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { LocaleSchema, type Locale } from '../../contract/locale.ts';
import { RefundRequestSchema, SaleRequestSchema } from '../../contract/orders.ts';
import { UuidSchema } from '../../contract/events.ts';
import { ReportPeriodSchema } from '../../contract/sales.ts';
import type { ReportService } from '../reports/report-service.ts';
import { reportCsv, reportXlsx } from '../reports/report-export.ts';
import type { SaleResult, SaleService } from '../sales/sale-service.ts';
import type { StaffService } from '../staff/staff-service.ts';
import type { ApiServer } from './server.ts';
import { actorOf, parseBody, refuse } from './staff-routes.ts';

export interface SalesRouteDeps {
  staff: StaffService;
  sales: SaleService;
  reports: ReportService;
  /** A product's name in a locale (exports), or its id when the catalogue does not know it. */
  nameOf(productId: string, locale: Locale): string;
}

function answer<T>(reply: FastifyReply, result: SaleResult<T>): FastifyReply {
  if (result.ok) return reply.code(result.created ? 201 : 200).header('cache-control', 'no-store').send(result.value);
  const extra = { ...(result.currentPriceFen !== undefined ? { currentPriceFen: result.currentPriceFen } : {}), ...(result.productId !== undefined ? { productId: result.productId } : {}) };
  return refuse(reply, result.status, result.error, result.message, extra);
}

const ReportQuerySchema = z.object({ period: ReportPeriodSchema.default('today') });
const ExportQuerySchema = ReportQuerySchema.extend({ format: z.enum(['csv', 'xlsx']), lang: LocaleSchema.default('zh-CN') });
const AfterSchema = z.object({ after: z.coerce.number().int().nonnegative().max(8.64e15).default(0) });
const DaysSchema = z.object({ days: z.coerce.number().int().min(1).max(31).default(1) });

/** Counter sales (staff), refunds and voids (supervisor), store reports and their exports (staff). */
export function registerSalesRoutes(app: ApiServer, deps: SalesRouteDeps): void {
  const { staff, sales, reports } = deps;

  app.post('/api/sales', (req, reply) => {
    const body = parseBody(SaleRequestSchema, req, reply);
    if (!body) return reply;
    return answer(reply, sales.sell(actorOf(staff, req), body));
  });

  app.get<{ Querystring: unknown }>('/api/sales', (req, reply) => {
    const q = DaysSchema.safeParse(req.query);
    if (!q.success) return refuse(reply, 400, 'bad-request', 'days: 1–31');
    return reply.header('cache-control', 'no-store').send({ sales: sales.recent(q.data.days) });
  });

  app.get<{ Querystring: unknown }>('/api/sales/lifts', (req, reply) => {
    const q = AfterSchema.safeParse(req.query);
    if (!q.success) return refuse(reply, 400, 'bad-request', 'after: epoch milliseconds');
    return reply.header('cache-control', 'no-store').send({ lifts: sales.liftsAfter(q.data.after) });
  });

  app.get<{ Params: { id: string } }>('/api/sales/:id', (req, reply) => {
    const id = UuidSchema.safeParse(req.params.id);
    if (!id.success) return refuse(reply, 400, 'bad-request', 'a sale id is a UUID');
    const sale = sales.get(id.data);
    return sale ? reply.header('cache-control', 'no-store').send(sale) : refuse(reply, 404, 'unknown-sale', `no sale ${id.data}`);
  });

  app.post<{ Params: { id: string } }>('/api/sales/:id/refund', (req, reply) => {
    const id = UuidSchema.safeParse(req.params.id);
    if (!id.success) return refuse(reply, 400, 'bad-request', 'a sale id is a UUID');
    const body = parseBody(RefundRequestSchema, req, reply);
    if (!body) return reply;
    return answer(reply, sales.refund(actorOf(staff, req), id.data, body));
  });

  app.get<{ Querystring: unknown }>('/api/reports', (req, reply) => {
    const q = ReportQuerySchema.safeParse(req.query);
    if (!q.success) return refuse(reply, 400, 'bad-request', 'period: today or week');
    return reply.header('cache-control', 'no-store').send(reports.report(q.data.period));
  });

  app.get<{ Querystring: unknown }>('/api/reports/export', async (req, reply) => {
    const q = ExportQuerySchema.safeParse(req.query);
    if (!q.success) return refuse(reply, 400, 'bad-request', 'period: today or week; format: csv or xlsx; lang: zh-CN, zh-TW or en');
    const { period, format, lang } = q.data;
    const report = reports.report(period);
    const nameOf = (id: string): string => deps.nameOf(id, lang);
    const file = `store-report-${period}-${report.fromDay}`;
    reply.header('cache-control', 'no-store');
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(reportCsv(report, lang, nameOf));
    const xlsx = await reportXlsx(report, lang, nameOf);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${file}.xlsx"`).send(xlsx);
  });
}
