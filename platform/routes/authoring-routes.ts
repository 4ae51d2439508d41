import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalFor, requireRole } from '../accounts/admin-auth.ts';
import { authoringCatalogue } from '../authoring/authoring-view.ts';
import { KIND_SPECS, type KindSpec } from '../authoring/record-kinds.ts';
import { deleteRecord, saveRecord, type RecordResult } from '../authoring/record-service.ts';
import type { PlatformDeps } from '../deps.ts';
import { SMALL_BODY_LIMIT } from '../limits.ts';
import { registerMediaRoutes } from './media-routes.ts';

type RecordRequest = FastifyRequest<{ Params: Record<string, string>; Querystring: { revision?: string } }>;

function answer(req: RecordRequest, reply: FastifyReply, spec: KindSpec, r: RecordResult) {
  if (r.ok) {
    req.log.info({ kind: spec.kind, params: req.params, revision: r.value.revision }, `${spec.kind} ${req.method === 'DELETE' ? 'deleted' : 'saved'}`);
    return reply.send(r.value);
  }
  req.log.warn({ kind: spec.kind, params: req.params, status: r.status, code: r.code, issues: r.issues }, `${spec.kind} ${req.method === 'DELETE' ? 'delete' : 'save'} refused: ${r.message}`);
  return reply.code(r.status).send({ error: { code: r.code, message: r.message, ...(r.issues ? { issues: r.issues } : {}) } });
}

/**
 * The authoring app's record API (editor role, JSON): the whole authoring catalogue, and one
 * record saved or deleted at a time, each quoting the revision it was edited on
 * (docs/content-admin.md). Media upload and serving: media-routes.ts.
 */
export function registerAuthoringRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const editor = { bodyLimit: SMALL_BODY_LIMIT, onRequest: requireRole(deps, 'editor') };
  app.get('/v1/admin/authoring/catalogue', editor, async (_req, reply) => reply.header('cache-control', 'no-store').send(await authoringCatalogue(deps)));

  for (const [plural, spec] of Object.entries(KIND_SPECS)) {
    const path = `/v1/admin/authoring/${plural}/${spec.kind === 'batch' ? ':productId/:code' : ':id'}`;
    app.put(path, editor, async (req: RecordRequest, reply) => answer(req, reply, spec, await saveRecord(deps, await principalFor(req, deps), spec, req.params, req.body)));
    app.delete(path, editor, async (req: RecordRequest, reply) => answer(req, reply, spec, await deleteRecord(deps, await principalFor(req, deps), spec, req.params, req.query.revision)));
  }
  registerMediaRoutes(app, deps);
}
