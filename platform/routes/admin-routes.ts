import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PublishRequestSchema } from '../../contract/sync.ts';
import { audit, principalFor, requireRole } from '../accounts/admin-auth.ts';
import { hashToken, newToken, sendError } from '../auth.ts';
import { publishPackage } from '../content/publish.ts';
import type { PlatformDeps } from '../deps.ts';
import { SMALL_BODY_LIMIT } from '../limits.ts';

const CodeRequestSchema = z.object({
  uses: z.number().int().positive().max(1000).default(1),
  ttlMinutes: z.number().int().positive().max(60 * 24 * 30).default(60 * 24),
});
const AdminRotateSchema = z.object({ graceSeconds: z.number().int().nonnegative().max(86_400).default(0) });

/** Everything the fleet page shows, as JSON. */
export async function overview(deps: PlatformDeps) {
  const [kiosks, recentEvents, conflicts, streams, eventCount] = await Promise.all([
    deps.store.listKiosks(),
    deps.store.recentEvents(50),
    deps.store.conflicts(50),
    deps.store.streams(),
    deps.store.countEvents(),
  ]);
  return {
    kiosks: kiosks.map((k) => ({
      kioskId: k.kioskId,
      installId: k.installId,
      name: k.name,
      enrolledAt: k.enrolledAt,
      lastContact: k.lastContact,
      heartbeat: k.heartbeat === null ? null : (JSON.parse(k.heartbeat) as unknown),
      heartbeatAt: k.heartbeatAt,
    })),
    recentEvents,
    conflicts,
    streams,
    eventCount,
  };
}

export function registerAdminRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  // Checked at onRequest, before any body is read; admin bodies are small JSON. The admin
  // token (automation) or a signed-in account with the role.
  const guard = { bodyLimit: SMALL_BODY_LIMIT, onRequest: requireRole(deps, 'fleet-admin') };
  const publisher = { bodyLimit: SMALL_BODY_LIMIT, onRequest: requireRole(deps, 'publisher') };
  app.post('/v1/admin/enrolment-codes', guard, async (req, reply) => {
    const body = CodeRequestSchema.safeParse(req.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.message);
    const code = newToken();
    const expiresAt = deps.now() + body.data.ttlMinutes * 60_000;
    await deps.store.createEnrolmentCode(hashToken(code), expiresAt, body.data.uses, null);
    await audit(deps, await principalFor(req, deps), 'enrolment-code.create', 'fleet', { uses: body.data.uses, ttlMinutes: body.data.ttlMinutes });
    return { code, expiresAt: new Date(expiresAt).toISOString(), uses: body.data.uses };
  });

  // A single-use code that re-enrols one known kiosk (it lost its token: a wiped disk, a
  // replaced board). Only this kiosk's installId can use it; the kioskId is kept.
  app.post<{ Params: { kioskId: string } }>('/v1/admin/kiosks/:kioskId/enrolment-code', guard, async (req, reply) => {
    const body = CodeRequestSchema.safeParse(req.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.message);
    const kiosk = await deps.store.getKiosk(req.params.kioskId);
    if (!kiosk) return sendError(reply, 404, 'not-found', 'no such kiosk');
    const code = newToken();
    const expiresAt = deps.now() + body.data.ttlMinutes * 60_000;
    await deps.store.createEnrolmentCode(hashToken(code), expiresAt, 1, kiosk.kioskId);
    await audit(deps, await principalFor(req, deps), 'enrolment-code.create', `kiosk:${kiosk.kioskId}`, { ttlMinutes: body.data.ttlMinutes });
    return { code, expiresAt: new Date(expiresAt).toISOString(), kioskId: kiosk.kioskId };
  });

  app.post('/v1/admin/content/publish', publisher, async (req, reply) => {
    const body = PublishRequestSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.message);
    const result = await publishPackage(body.data.dir, { dataDir: deps.dataDir, store: deps.store, key: deps.key, now: deps.now() });
    if (!result.ok) return sendError(reply, result.error.code === 'stale-version' ? 409 : 422, result.error.code, result.error.message);
    deps.contentNotices.changed(result.value.version);
    await audit(deps, await principalFor(req, deps), 'content.publish', `version:${result.value.version}`, { dir: body.data.dir, keyId: result.value.keyId });
    return result.value;
  });

  app.post<{ Params: { kioskId: string } }>('/v1/admin/kiosks/:kioskId/rotate', guard, async (req, reply) => {
    const body = AdminRotateSchema.safeParse(req.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.message);
    const kiosk = await deps.store.getKiosk(req.params.kioskId);
    if (!kiosk) return sendError(reply, 404, 'not-found', 'no such kiosk');
    const token = newToken();
    const grace = body.data.graceSeconds;
    await deps.store.rotateToken(kiosk.kioskId, hashToken(token), grace === 0 ? null : deps.now() + grace * 1000);
    await audit(deps, await principalFor(req, deps), 'kiosk.rotate-token', `kiosk:${kiosk.kioskId}`, { graceSeconds: grace });
    return { kioskId: kiosk.kioskId, token };
  });

  app.get('/v1/admin/overview', guard, async () => {
    return overview(deps);
  });
}
