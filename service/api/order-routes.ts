import { z } from 'zod';
import { CreateOrderRequestSchema } from '../../contract/api.ts';
import { UuidSchema } from '../../contract/events.ts';
import type { OrderService } from '../orders/order-service.ts';
import type { Logger } from '../log.ts';
import type { ApiServer } from './server.ts';
import { parseBody, refuse } from './staff-routes.ts';

const OrderIdParams = z.object({ id: UuidSchema });

/** Shopper orders: the screen creates, reads and cancels; staff list recent ones (docs/orders.md). */
export function registerOrderRoutes(app: ApiServer, orders: OrderService, logger: Logger): void {
  app.post('/api/orders', async (req, reply) => {
    const body = parseBody(CreateOrderRequestSchema, req, reply);
    if (!body) {
      logger.warn({ url: req.url }, 'refused a malformed order request');
      return reply;
    }
    const r = await orders.create(body);
    if (!r.ok) {
      logger.warn({ code: r.error.code, productId: r.error.productId }, 'refused an order');
      const status = r.error.code === 'price-changed' ? 409 : 400;
      return refuse(reply, status, r.error.code, r.error.message, { ...(r.error.productId ? { productId: r.error.productId } : {}), ...(r.error.currentPriceFen !== undefined ? { currentPriceFen: r.error.currentPriceFen } : {}) });
    }
    return reply.code(201).header('cache-control', 'no-store').send(r.order);
  });

  app.get('/api/orders/:id', async (req, reply) => {
    const params = OrderIdParams.safeParse(req.params);
    if (!params.success) return refuse(reply, 400, 'bad-order-id', 'an order id is a UUID');
    const order = await orders.get(params.data.id);
    if (!order) return refuse(reply, 404, 'not-found', 'no such order');
    return reply.header('cache-control', 'no-store').send(order);
  });

  app.post('/api/orders/:id/cancel', async (req, reply) => {
    const params = OrderIdParams.safeParse(req.params);
    if (!params.success) return refuse(reply, 400, 'bad-order-id', 'an order id is a UUID');
    const r = await orders.cancel(params.data.id);
    if (r === 'not-found') return refuse(reply, 404, 'not-found', 'no such order');
    if (r === 'not-open') return refuse(reply, 409, 'not-open', 'the order is no longer waiting for payment');
    return reply.header('cache-control', 'no-store').send({ ok: true });
  });

  app.get('/api/orders', async (_req, reply) => reply.header('cache-control', 'no-store').send({ orders: await orders.recent(100) }));
}
