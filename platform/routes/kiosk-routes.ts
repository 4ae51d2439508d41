import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  EnrolRequestSchema,
  HeartbeatSchema,
  MAX_EVENTS_PER_PUSH,
  PushRequestSchema,
  type EnrolResponse,
  type PushResponse,
  type RotateResponse,
} from '../../contract/sync.ts';
import { authenticateKiosk, hashToken, newToken, sendError } from '../auth.ts';
import { ingestBatch } from '../ingest.ts';
import type { PlatformDeps } from '../deps.ts';
import { SMALL_BODY_LIMIT } from '../limits.ts';
import type { KioskRecord } from '../store/platform-store.ts';

const gzipAsync = promisify(gzip);

const authenticated = new WeakMap<FastifyRequest, KioskRecord>();

/**
 * onRequest hook of every kiosk route: authenticates before the body is read (an unknown
 * caller's large body is never parsed), applies the per-kiosk rate limit and records contact.
 */
export function kioskOnRequest(deps: PlatformDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const now = deps.now();
    const kiosk = await authenticateKiosk(req, deps.store, now);
    if (!kiosk) return sendError(reply, 401, 'unauthorized', 'unknown kiosk or token');
    const rate = deps.kioskRequests.take(kiosk.kioskId);
    if (!rate.ok) return sendError(reply.header('retry-after', rate.retryAfterS), 429, 'rate-limited', `too many requests from this kiosk; retry in ${rate.retryAfterS} s`);
    await deps.store.touchKiosk(kiosk.kioskId, now);
    authenticated.set(req, kiosk);
    return undefined;
  };
}

/** The kiosk kioskOnRequest authenticated for this request. */
export function kioskOf(req: FastifyRequest): KioskRecord {
  const kiosk = authenticated.get(req);
  if (!kiosk) throw new Error('kiosk route registered without kioskOnRequest');
  return kiosk;
}

async function sendJson(req: FastifyRequest, reply: FastifyReply, body: unknown): Promise<FastifyReply> {
  const text = JSON.stringify(body);
  const accepts = String(req.headers['accept-encoding'] ?? '').includes('gzip');
  reply.type('application/json; charset=utf-8');
  if (!accepts || text.length < 1024) return reply.send(text);
  return reply.header('content-encoding', 'gzip').send(await gzipAsync(text));
}

/** How long the same code may be retried from the same installId (an answer lost to a power cut). */
export const ENROL_RETRY_WINDOW_MS = 15 * 60_000;

const REFUSALS = {
  unknown: [403, 'bad-enrolment-code', 'enrolment code unknown, expired or used up'],
  'wrong-kiosk': [403, 'bad-enrolment-code', 'this enrolment code is for another kiosk'],
  'needs-token': [409, 'already-enrolled', 'this installId is enrolled: re-enrolment needs its current token, or a code an admin issued for that kiosk'],
} as const;

/**
 * Enrolment. The admin token is not an enrolment code. A new installId needs an unscoped code;
 * a known installId needs its current token or a code scoped to its kiosk, so a code plus
 * another kiosk's (public) installId cannot take that kiosk over.
 */
async function enrol(req: FastifyRequest, reply: FastifyReply, deps: PlatformDeps) {
  const body = EnrolRequestSchema.safeParse(req.body);
  if (!body.success) return sendError(reply, 400, 'bad-request', body.error.message);
  const { code, installId, name } = body.data;
  const now = deps.now();
  const existing = await deps.store.getKioskByInstall(installId);
  const caller = existing && req.headers.authorization !== undefined ? await authenticateKiosk(req, deps.store, now) : null;
  const outcome = await deps.store.redeemEnrolmentCode({
    codeHash: hashToken(code),
    installId,
    existingKioskId: existing?.kioskId ?? null,
    authenticated: caller !== null && caller.kioskId === existing?.kioskId,
    now,
    retryWindowMs: ENROL_RETRY_WINDOW_MS,
  });
  if (outcome !== 'ok' && outcome !== 'retry') {
    const [status, errorCode, message] = REFUSALS[outcome];
    return sendError(reply, status, errorCode, message);
  }
  const token = newToken();
  const kiosk = await deps.store.upsertKiosk({ kioskId: existing?.kioskId ?? randomUUID(), installId, name: name ?? null, tokenHash: hashToken(token), now });
  const res: EnrolResponse = { kioskId: kiosk.kioskId, token, publicKeys: [deps.key.publicKey], serverTime: new Date(now).toISOString() };
  return reply.send(res);
}

export function registerKioskRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const onRequest = kioskOnRequest(deps);
  // Enrolment is unauthenticated: its body is tiny, so it is refused past a few KiB.
  app.post('/v1/enrol', { bodyLimit: 4096 }, (req, reply) => enrol(req, reply, deps));

  app.post('/v1/credentials/rotate', { onRequest, bodyLimit: 1024 }, async (req, reply) => {
    const kiosk = kioskOf(req);
    const token = newToken();
    const until = deps.now() + deps.rotateGraceMs;
    await deps.store.rotateToken(kiosk.kioskId, hashToken(token), until);
    const res: RotateResponse = { kioskId: kiosk.kioskId, token, oldValidUntil: new Date(until).toISOString() };
    return reply.send(res);
  });

  app.post('/v1/events', { onRequest }, async (req, reply) => {
    const kiosk = kioskOf(req);
    const body = PushRequestSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 400, 'bad-request', 'body must be {events: [...]} with at least one event');
    if (body.data.events.length > MAX_EVENTS_PER_PUSH) {
      return sendError(reply, 413, 'batch-too-large', `at most ${MAX_EVENTS_PER_PUSH} events per push`);
    }
    const quota = deps.kioskEvents.take(kiosk.kioskId, body.data.events.length);
    if (!quota.ok) return sendError(reply.header('retry-after', quota.retryAfterS), 429, 'quota-exceeded', `this kiosk's hourly event quota is spent; retry in ${quota.retryAfterS} s`);
    const now = deps.now();
    const results = await ingestBatch(body.data.events, kiosk, deps.store, now, deps.limits);
    const res: PushResponse = { results, serverTime: new Date(deps.now()).toISOString() };
    return sendJson(req, reply, res);
  });

  app.post('/v1/heartbeat', { onRequest, bodyLimit: SMALL_BODY_LIMIT }, async (req, reply) => {
    const kiosk = kioskOf(req);
    const body = HeartbeatSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 400, 'bad-request', body.error.message);
    await deps.store.saveHeartbeat(kiosk.kioskId, JSON.stringify(body.data), deps.now());
    return reply.send({ serverTime: new Date(deps.now()).toISOString() });
  });
}
