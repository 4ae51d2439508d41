import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalFor, requireRole } from '../accounts/admin-auth.ts';
import { sendError } from '../auth.ts';
import { saveCampaigns } from '../catalogue/campaigns.ts';
import { ImportJobs, jobView } from '../catalogue/import-jobs.ts';
import { CataloguePublishSchema, exportManifest, GroupsSchema, publishCatalogue } from '../catalogue/publish-catalogue.ts';
import { seedDemo, seedFromPackage } from '../catalogue/seed.ts';
import { SHEET_MIME, writeCsv, writeXlsx, type SheetFormat } from '../catalogue/sheet-io.ts';
import { loadCatalogue } from '../catalogue/working-catalogue.ts';
import type { PlatformDeps } from '../deps.ts';
import { SMALL_BODY_LIMIT } from '../limits.ts';

/** Largest spreadsheet upload. */
export const SHEET_BODY_LIMIT = 8 * 1024 * 1024;
const SeedSchema = z.object({ dir: z.string().min(1).max(4096) });

function formatOf(req: FastifyRequest): SheetFormat | null {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim();
  return type === SHEET_MIME.xlsx ? 'xlsx' : type === SHEET_MIME.csv ? 'csv' : null;
}

async function sendSheet(reply: FastifyReply, deps: PlatformDeps, format: SheetFormat, name: string, withProducts: boolean) {
  const products = withProducts ? [...(await loadCatalogue(deps.store)).products.values()] : [];
  const body = format === 'xlsx' ? await writeXlsx(products) : writeCsv(products);
  return reply.type(SHEET_MIME[format]).header('content-disposition', `attachment; filename="${name}.${format}"`).header('cache-control', 'no-store').send(body);
}

/** One publish at a time per process: the next version number is read, then written. */
function serialised() {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
}

/** Spreadsheet import/export, the JSON package export, seeding and publishing the working catalogue. */
export function registerCatalogueRoutes(app: FastifyInstance, deps: PlatformDeps, jobs = new ImportJobs(deps, app.log)): void {
  app.addContentTypeParser([SHEET_MIME.xlsx, SHEET_MIME.csv], { parseAs: 'buffer', bodyLimit: SHEET_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const editor = { bodyLimit: SMALL_BODY_LIMIT, onRequest: requireRole(deps, 'editor') };
  const publisher = { bodyLimit: SMALL_BODY_LIMIT, onRequest: requireRole(deps, 'publisher') };
  const once = serialised();

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(`/v1/admin/catalogue/template.${format}`, editor, (_req, reply) => sendSheet(reply, deps, format, 'catalogue-template', false));
    app.get(`/v1/admin/catalogue/export.${format}`, editor, (_req, reply) => sendSheet(reply, deps, format, 'catalogue', true));
  }
  app.get('/v1/admin/catalogue/package.json', editor, async (_req, reply) => {
    const manifest = await exportManifest(deps);
    if (!manifest) return sendError(reply, 409, 'empty-catalogue', 'the catalogue is empty');
    return reply.header('content-disposition', 'attachment; filename="manifest.json"').send(manifest);
  });

  app.post('/v1/admin/catalogue/seed', publisher, async (req, reply) => {
    const body = SeedSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.message);
    const r = await seedFromPackage(deps, await principalFor(req, deps), body.data.dir);
    return r.ok ? r.value : sendError(reply, r.status, r.code, r.message);
  });

  app.post('/v1/admin/catalogue/seed-demo', publisher, async (req, reply) => {
    const r = await seedDemo(deps, await principalFor(req, deps));
    if (!r.ok) req.log.warn({ code: r.code }, 'demo seed refused');
    return r.ok ? r.value : sendError(reply, r.status, r.code, r.message);
  });

  app.post('/v1/admin/imports', { bodyLimit: SHEET_BODY_LIMIT, onRequest: requireRole(deps, 'editor') }, async (req, reply) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim();
    // A JSON package arrives parsed by fastify's JSON parser (depth-checked): the job reads it as bytes like a sheet.
    const json = type === 'application/json' ? Buffer.from(JSON.stringify(req.body ?? null)) : null;
    const format = json ? 'json' : formatOf(req);
    const bytes = json ?? req.body;
    if (!format || !Buffer.isBuffer(bytes)) return sendError(reply, 415, 'unsupported-type', `upload a sheet as ${SHEET_MIME.xlsx} or ${SHEET_MIME.csv}, or a package's manifest.json as application/json`);
    const job = await jobs.start(await principalFor(req, deps), format, bytes);
    req.log.info({ job: job.id, format, bytes: bytes.length }, 'import started');
    return reply.code(202).send(jobView(job));
  });
  app.get<{ Params: { id: string } }>('/v1/admin/imports/:id', editor, async (req, reply) => {
    const job = await jobs.get(req.params.id);
    return job ? reply.send(jobView(job)) : sendError(reply, 404, 'not-found', 'no such import (imports are kept for a week)');
  });
  app.post<{ Params: { id: string } }>('/v1/admin/imports/:id/apply', editor, async (req, reply) => {
    const job = await jobs.get(req.params.id);
    if (!job) return sendError(reply, 404, 'not-found', 'no such import');
    const r = await jobs.apply(job, await principalFor(req, deps));
    if (!r.ok) req.log.warn({ job: job.id, code: r.code }, 'import not applied');
    return r.ok ? jobView(job) : sendError(reply, r.status, r.code, r.message);
  });

  app.get('/v1/admin/catalogue/campaigns', editor, async () => {
    const meta = (await loadCatalogue(deps.store)).meta;
    return { campaigns: meta?.campaigns ?? [], liveStreams: meta?.liveStreams ?? [] };
  });
  app.put('/v1/admin/catalogue/campaigns', editor, async (req, reply) => {
    const r = await saveCampaigns(deps, await principalFor(req, deps), req.body);
    return r.ok ? r.value : sendError(reply, r.status, r.code, r.message);
  });

  app.post('/v1/admin/catalogue/publish', publisher, async (req, reply) => {
    const body = CataloguePublishSchema.safeParse(req.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const by = await principalFor(req, deps);
    const r = await once(() => publishCatalogue(deps, by, body.data.target));
    return r.ok ? r.value : sendError(reply, r.status, r.code, r.message);
  });
  app.put<{ Params: { kioskId: string } }>('/v1/admin/kiosks/:kioskId/groups', { bodyLimit: SMALL_BODY_LIMIT, onRequest: requireRole(deps, 'fleet-admin') }, async (req, reply) => {
    const body = GroupsSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (!(await deps.store.getKiosk(req.params.kioskId))) return sendError(reply, 404, 'not-found', 'no such kiosk');
    await deps.store.setKioskGroups(req.params.kioskId, [...new Set(body.data.groups)]);
    // Joining a group may make a newer version this kiosk's latest: its stream re-checks.
    deps.contentNotices.changed();
    return { kioskId: req.params.kioskId, groups: await deps.store.kioskGroups(req.params.kioskId) };
  });
}
