import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OrderStateSchema } from '../../contract/orders.ts';
import { sendError } from '../auth.ts';
import { hasRole, principalOf, requireRole } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import type { OrderFilter, OrderRecord } from './order-store.ts';
import { paidByText, renderOrderDetail, renderOrdersList, renderReconciliation, type OrderDetail, type Reconciliation } from './admin-pages.ts';
import { reconcileDays, reconcilePayments } from './reconciliation.ts';
import { salesCsv, salesRows, salesXlsx } from './sales-export.ts';

type G = { Querystring: Record<string, string | undefined>; Params: { id?: string } };
type Q = FastifyRequest<G>;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isCalendarDay = (d: string) => DAY.test(d) && new Date(Date.parse(`${d}T00:00:00Z`)).toISOString().startsWith(d);

/**
 * Filters from the query; a malformed value is an error, never silently ignored. `from`/`to`
 * are local days, inclusive, compared with the kiosk's local day of each order and money event
 * (docs/orders-platform.md, "Days") — never with UTC days.
 */
export function parseFilters(q: Record<string, string | undefined>): { ok: true; orders: OrderFilter; days: { kioskId?: string; fromDay?: string; toDay?: string } } | { ok: false; message: string } {
  const kioskId = q.kiosk ? q.kiosk.slice(0, 100) : undefined;
  const state = q.state ? OrderStateSchema.safeParse(q.state) : null;
  if (state && !state.success) return { ok: false, message: `state must be one of ${OrderStateSchema.options.join(', ')}` };
  for (const k of ['from', 'to'] as const) if (q[k] && !isCalendarDay(q[k] ?? '')) return { ok: false, message: `${k} must be a calendar day YYYY-MM-DD` };
  if (q.from && q.to && q.from > q.to) return { ok: false, message: 'from must not be after to' };
  const limit = Math.min(1000, Math.max(1, Number(q.limit ?? 200) || 200));
  const days = { ...(kioskId ? { kioskId } : {}), ...(q.from ? { fromDay: q.from } : {}), ...(q.to ? { toDay: q.to } : {}) };
  return { ok: true, orders: { limit, ...(state?.success ? { state: state.data } : {}), ...days }, days };
}

/** Admins see everything but the hash of the phone page's key. */
function withoutKey(o: OrderRecord): Omit<OrderRecord, 'payKeyHash'> {
  const shown: Partial<OrderRecord> = { ...o };
  delete shown.payKeyHash;
  return shown as Omit<OrderRecord, 'payKeyHash'>;
}

async function orderDetail(deps: PlatformDeps, id: string): Promise<OrderDetail | null> {
  const order = await deps.store.getOrder(id);
  if (!order) return null;
  const [payments, refunds, callbacks, changes] = await Promise.all([deps.store.paymentsOf(id), deps.store.refundsOf(id), deps.store.callbacksOf(id), deps.store.changesOf(id)]);
  return { order: withoutKey(order), paidBy: paidByText(order), payments, refunds, callbacks, changes };
}

async function reconciliation(deps: PlatformDeps, days: { kioskId?: string; fromDay?: string; toDay?: string }): Promise<Reconciliation> {
  const [dayRows, payments] = await Promise.all([reconcileDays(deps.store, days), reconcilePayments(deps.store, deps.now())]);
  const alarms = dayRows.filter((d) => d.status === 'mismatch').length + payments.length;
  return { days: dayRows, payments, alarms };
}

/** Administrators' orders list and detail, sales exports and reconciliation (fleet-admin accounts, or the admin token). */
export function registerAdminOrderRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  // Money is the fleet administrators' (and automation's admin token): accounts of issue 11.
  const json = requireRole(deps, 'fleet-admin');
  const html = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-security-policy', CSP).header('cache-control', 'no-store');
    const p = await principalOf(req, deps);
    if (!p) return reply.redirect(`/login?next=${encodeURIComponent(req.url.slice(0, 512))}`, 303);
    return hasRole(p, 'fleet-admin') ? undefined : reply.code(403).type('text/html; charset=utf-8').send('<p>This page needs the fleet-admin role.</p>');
  };
  const filtered = <T>(req: Q, reply: FastifyReply, fn: (f: Extract<ReturnType<typeof parseFilters>, { ok: true }>) => Promise<T>) => {
    const f = parseFilters(req.query);
    return f.ok ? fn(f) : sendError(reply, 400, 'bad-filter', f.message);
  };

  app.get<G>('/v1/admin/orders', { onRequest: json }, (req: Q, reply) => filtered(req, reply, async (f) => ({ orders: (await deps.store.listOrders(f.orders)).map(withoutKey) })));
  app.get<G>('/v1/admin/orders/:id', { onRequest: json }, async (req: Q, reply) => (await orderDetail(deps, req.params.id ?? '')) ?? sendError(reply, 404, 'not-found', 'no such order'));
  app.get<G>('/v1/admin/reconciliation', { onRequest: json }, (req: Q, reply) => filtered(req, reply, (f) => reconciliation(deps, f.days)));
  app.get<G>('/v1/admin/sales.csv', { onRequest: json }, (req: Q, reply) =>
    filtered(req, reply, async (f) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="sales.csv"').send(salesCsv(await salesRows(deps.store, f.days)))),
  );
  app.get<G>('/v1/admin/sales.xlsx', { onRequest: json }, (req: Q, reply) =>
    filtered(req, reply, async (f) =>
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="sales.xlsx"').send(await salesXlsx(await salesRows(deps.store, f.days))),
    ),
  );

  app.get<G>('/admin/orders', { onRequest: html }, (req: Q, reply) =>
    filtered(req, reply, async (f) => reply.type('text/html; charset=utf-8').send(renderOrdersList(await deps.store.listOrders(f.orders), req.query))),
  );
  app.get<G>('/admin/orders/:id', { onRequest: html }, async (req: Q, reply) => {
    const d = await orderDetail(deps, req.params.id ?? '');
    return d ? reply.type('text/html; charset=utf-8').send(renderOrderDetail(d)) : reply.code(404).type('text/html; charset=utf-8').send('<p>No such order. <a href="/admin/orders">Orders</a></p>');
  });
  app.get<G>('/admin/reconciliation', { onRequest: html }, (req: Q, reply) =>
    filtered(req, reply, async (f) => reply.type('text/html; charset=utf-8').send(renderReconciliation(await reconciliation(deps, f.days), req.query))),
  );
}
