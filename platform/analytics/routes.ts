import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { sendError } from '../auth.ts';
import { principalOf } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { AnalyticsService } from './analytics-service.ts';
import { renderDigest, digestText } from './digest.ts';
import { sheetOf, toCsv, toXlsx } from './export.ts';
import { renderAnalyticsPage } from './page.ts';
import { ExportQuery, FunnelQuery, ImpactQuery, parseQuery, resolveRange, resolveThresholds, todayOf, UnsoldQuery } from './params.ts';
import { startRollupTimer } from './rollup-job.ts';

const require = createRequire(import.meta.url);
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'";
const RollupBody = z.strictObject({ settleMs: z.number().int().min(0).max(86_400_000).optional() }).nullable();

type Q = { Querystring: Record<string, unknown> };
type Req = FastifyRequest<Q>;

/**
 * Every analytics route needs a signed-in administrator account of any role (a city's figures
 * are for all of them to read) or the admin token (automation); anonymous pages go to sign-in.
 */
function guard(deps: PlatformDeps, api: boolean) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if ((await principalOf(req, deps)) !== null) return;
    if (api) return sendError(reply, 401, 'unauthorized', 'sign in, or send the admin token');
    return reply.redirect(`/login?next=${encodeURIComponent(req.url.slice(0, 512))}`, 303);
  };
}

const bad = (reply: FastifyReply, message: string) => sendError(reply, 400, 'bad-query', message);

function registerApi(app: FastifyInstance, deps: PlatformDeps, a: AnalyticsService): void {
  const onRequest = guard(deps, true);
  app.get<Q>('/v1/admin/analytics/impact', { onRequest }, async (req, reply) => {
    const q = parseQuery(ImpactQuery, req.query);
    if (!q.ok) return bad(reply, q.error.message);
    const r = resolveRange(q.value, deps.now());
    return r.ok ? a.impact(r.value, q.value.period ?? 'week', q.value.kiosk) : bad(reply, r.error.message);
  });
  app.get<Q>('/v1/admin/analytics/funnel', { onRequest }, async (req, reply) => {
    const q = parseQuery(FunnelQuery, req.query);
    if (!q.ok) return bad(reply, q.error.message);
    const r = resolveRange(q.value, deps.now());
    return r.ok ? a.funnel(r.value, q.value.kiosk) : bad(reply, r.error.message);
  });
  app.get<Q>('/v1/admin/analytics/unsold', { onRequest }, async (req, reply) => {
    const q = parseQuery(UnsoldQuery, req.query);
    if (!q.ok) return bad(reply, q.error.message);
    return a.unsold(q.value.to ?? todayOf(deps.now()), resolveThresholds(q.value));
  });
  app.get('/v1/admin/analytics/status', { onRequest }, async () => ({ cursor: await a.status(), contentVersion: (await a.catalogue()).contentVersion }));
  app.post('/v1/admin/analytics/rollup', { onRequest, bodyLimit: 1024 }, async (req, reply) => {
    const body = RollupBody.safeParse(req.body ?? null);
    if (!body.success) return sendError(reply, 400, 'bad-request', `body: ${body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    return a.rollup(body.data?.settleMs === undefined ? {} : { settleMs: body.data.settleMs });
  });
}

async function exportTable(deps: PlatformDeps, a: AnalyticsService, req: Req, reply: FastifyReply, format: 'csv' | 'xlsx') {
  const q = parseQuery(ExportQuery, req.query);
  if (!q.ok) return bad(reply, q.error.message);
  const r = resolveRange(q.value, deps.now());
  if (!r.ok) return bad(reply, r.error.message);
  const t = q.value.table;
  const reports = t === 'unsold'
    ? { unsold: await a.unsold(r.value.to, resolveThresholds(q.value)) }
    : t.startsWith('funnel-') ? { funnel: await a.funnel(r.value, q.value.kiosk) } : { impact: await a.impact(r.value, q.value.period ?? 'week', q.value.kiosk) };
  const sheet = sheetOf(t, reports);
  const name = `${t}-${r.value.from}-${r.value.to}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(sheet));
  const meta = `${sheet.title} ${r.value.from} … ${r.value.to}${q.value.kiosk ? ` kiosk ${q.value.kiosk}` : ''}`;
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(sheet, meta));
}

function registerPages(app: FastifyInstance, deps: PlatformDeps, a: AnalyticsService): void {
  const onRequest = guard(deps, false);
  app.get<Q>('/analytics', { onRequest }, async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP);
    const q = parseQuery(ImpactQuery, req.query);
    const r = q.ok ? resolveRange(q.value, deps.now()) : q;
    if (!q.ok || !r.ok) return reply.code(400).send(renderAnalyticsPage(null, `请求参数有误 / bad query: ${r.ok ? '' : r.error.message}`));
    const [impact, funnel, unsold] = await Promise.all([a.impact(r.value, q.value.period ?? 'week', q.value.kiosk), a.funnel(r.value, q.value.kiosk), a.unsold(r.value.to, resolveThresholds({}))]);
    return renderAnalyticsPage({ impact, funnel, unsold, kiosk: q.value.kiosk ?? null, cursor: await a.status() }, null);
  });
  app.get<Q>('/analytics/export.csv', { onRequest }, (req, reply) => exportTable(deps, a, req, reply, 'csv'));
  app.get<Q>('/analytics/export.xlsx', { onRequest }, (req, reply) => exportTable(deps, a, req, reply, 'xlsx'));
  app.get<Q>('/analytics/digest', { onRequest }, async (req, reply) => {
    const q = parseQuery(UnsoldQuery, req.query);
    if (!q.ok) return bad(reply, q.error.message);
    const report = await a.unsold(q.value.to ?? todayOf(deps.now()), resolveThresholds(q.value));
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).send(renderDigest(report));
  });
  app.get<Q>('/analytics/digest.txt', { onRequest }, async (req, reply) => {
    const q = parseQuery(UnsoldQuery, req.query);
    if (!q.ok) return bad(reply, q.error.message);
    return reply.type('text/plain; charset=utf-8').send(digestText(await a.unsold(q.value.to ?? todayOf(deps.now()), resolveThresholds(q.value))));
  });
  // ECharts from node_modules (the platform serves it itself: no CDN, CSP script-src 'self').
  const echarts = readFile(require.resolve('echarts/dist/echarts.min.js'));
  const client = readFile(new URL('./page-client.js', import.meta.url));
  app.get('/analytics/echarts.min.js', { onRequest }, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'private, max-age=3600').send(await echarts));
  app.get('/analytics/page-client.js', { onRequest }, async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(await client));
}

/**
 * The analytics of issue 15: JSON API (`/v1/admin/analytics/*`), the impact page (`/analytics`),
 * CSV/XLSX exports, the weekly unsold-produce digest, and the rollup job on a timer.
 */
export function registerAnalytics(app: FastifyInstance, deps: PlatformDeps, opts: { everyMs?: number } = {}): AnalyticsService {
  const a = new AnalyticsService({ store: deps.store, dataDir: deps.dataDir, now: deps.now });
  registerApi(app, deps, a);
  registerPages(app, deps, a);
  let timer: { stop(): Promise<void> } | null = null;
  app.addHook('onReady', (done) => {
    timer = startRollupTimer(() => a.rollup(), opts.everyMs ?? 60_000, (err) => app.log.error({ err }, 'analytics rollup failed'));
    done();
  });
  app.addHook('onClose', async () => timer?.stop());
  return a;
}
