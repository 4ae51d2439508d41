import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { ReleaseOutcomeSchema, RolloutSchema } from '../../contract/releases.ts';
import { isAdmin, sendError } from '../auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { kioskOf, kioskOnRequest } from '../routes/kiosk-routes.ts';
import { ReleaseStore } from './release-store.ts';

/** Largest app archive an admin may publish (the renderer and compiled service, not node_modules). */
export const MAX_RELEASE_BYTES = 256 * 1024 * 1024;

function requireAdmin(req: FastifyRequest, reply: FastifyReply, deps: PlatformDeps): boolean {
  if (isAdmin(req, deps.adminToken)) return true;
  void sendError(reply, 401, 'unauthorized', 'admin token required');
  return false;
}

/**
 * Staged updates (issue 14). Admin: publish a release (the archive as the raw body), set the
 * rollout (share of the fleet and/or named kiosks, pause, halt), read reports. Kiosk: its plan,
 * the archive, its outcome — a failing share of outcomes halts the rollout by itself.
 */
export function registerReleaseRoutes(app: FastifyInstance, deps: PlatformDeps): ReleaseStore {
  const store = new ReleaseStore(deps.dataDir, deps.key, deps.now);
  const onRequest = kioskOnRequest(deps);
  app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/gzip', { parseAs: 'buffer', bodyLimit: MAX_RELEASE_BYTES }, (_req, body, cb) => cb(null, body));
    scope.post<{ Querystring: { version?: string } }>('/v1/admin/releases', { bodyLimit: MAX_RELEASE_BYTES }, (req, reply) => {
      if (!requireAdmin(req, reply, deps)) return reply;
      const version = z.string().min(1).max(32).regex(/^[0-9A-Za-z.+-]+$/).safeParse(req.query.version);
      if (!version.success) return sendError(reply, 400, 'bad-request', 'version=<label> required (letters, digits, . + -)');
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) return sendError(reply, 400, 'bad-request', 'the release archive (application/gzip) is the body');
      return reply.send({ manifest: store.publish(version.data, req.body) });
    });
    done();
  });
  app.put('/v1/admin/rollout', (req, reply) => {
    if (!requireAdmin(req, reply, deps)) return reply;
    const body = RolloutSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (store.release(body.data.seq) === null) return sendError(reply, 404, 'not-found', `no release ${body.data.seq}`);
    store.setRollout(body.data);
    return reply.send({ rollout: store.rollout() });
  });
  app.get('/v1/admin/rollout', (req, reply) => {
    if (!requireAdmin(req, reply, deps)) return reply;
    const rollout = store.rollout();
    return reply.send({ rollout, reports: rollout === null ? [] : store.reports(rollout.seq) });
  });

  app.get('/v1/releases/plan', { onRequest }, (req, reply) => reply.header('cache-control', 'no-store').send({ release: store.planFor(kioskOf(req).kioskId) }));
  app.get<{ Params: { seq: string } }>('/v1/releases/:seq/archive', { onRequest }, (req, reply) => {
    const seq = Number(req.params.seq);
    const rel = Number.isInteger(seq) && seq > 0 ? store.release(seq) : null;
    if (rel === null) return sendError(reply, 404, 'not-found', 'no such release');
    return reply.type('application/gzip').header('content-length', rel.manifest.size).send(createReadStream(store.archivePath(seq)));
  });
  app.post('/v1/releases/report', { onRequest }, (req, reply) => {
    const body = ReleaseOutcomeSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 400, 'bad-request', 'expected {seq, version, outcome, detail}');
    const kiosk = kioskOf(req);
    const { halted } = store.report(kiosk.kioskId, body.data);
    if (halted) app.log.warn({ seq: body.data.seq }, 'rollout halted: failure rate over its threshold');
    return reply.send({ ok: true });
  });
  return store;
}
