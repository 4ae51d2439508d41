import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UuidSchema } from '../../contract/events.ts';
import { sendError } from '../auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { SMALL_BODY_LIMIT } from '../limits.ts';
import { kioskOf, kioskOnRequest } from '../routes/kiosk-routes.ts';
import type { Outcome } from './order-mutate.ts';
import { cancelOrder, createOrder, orderStatus, refundOrder, type OrderServiceDeps } from './order-service.ts';
import { serveStatusStream, type StreamLimits } from './status-stream.ts';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

function answer<T>(req: FastifyRequest, reply: FastifyReply, out: Outcome<T>, what: string): FastifyReply {
  if (out.ok) return reply.send(out.value);
  const e = out.error;
  // Every refusal is logged (the kiosk, the route, why), and changed nothing.
  req.log.warn({ kioskId: kioskOf(req).kioskId, code: e.code, what }, `order request refused: ${e.message}`);
  return sendError(reply, e.status, e.code, e.message);
}

/** A path id that is no UUID is answered like an unknown order. */
const badId = (reply: FastifyReply) => sendError(reply, 404, 'not-found', 'no such order');

/** The kiosk's order API (docs/orders-platform.md): kiosk auth, JSON bodies up to 64 KiB. */
export function registerOrderRoutes(app: FastifyInstance, deps: PlatformDeps, orders: OrderServiceDeps, limits: StreamLimits): void {
  const opts = { onRequest: kioskOnRequest(deps), bodyLimit: SMALL_BODY_LIMIT };

  app.post('/v1/orders', opts, async (req, reply) => answer(req, reply, await createOrder(orders, kioskOf(req).kioskId, req.body), 'create'));

  const content = { notices: deps.contentNotices, latestFor: async (kioskId: string) => (await deps.store.latestContentFor(kioskId))?.version ?? null };
  app.get('/v1/orders/stream', opts, (req, reply) => serveStatusStream(orders, content, limits, kioskOf(req).kioskId, req, reply));

  app.get('/v1/orders/:id', opts, async (req: IdRequest, reply) => {
    if (!UuidSchema.safeParse(req.params.id).success) return badId(reply);
    return answer(req, reply, await orderStatus(orders, kioskOf(req).kioskId, req.params.id), 'status');
  });

  app.post('/v1/orders/:id/cancel', opts, async (req: IdRequest, reply) => {
    if (!UuidSchema.safeParse(req.params.id).success) return badId(reply);
    return answer(req, reply, await cancelOrder(orders, kioskOf(req).kioskId, req.params.id), 'cancel');
  });

  app.post('/v1/orders/:id/refund', opts, async (req: IdRequest, reply) => {
    if (!UuidSchema.safeParse(req.params.id).success) return badId(reply);
    return answer(req, reply, await refundOrder(orders, kioskOf(req).kioskId, req.params.id, req.body), 'refund');
  });
}
