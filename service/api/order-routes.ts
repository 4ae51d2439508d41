import { z } from 'zod';
import { CreateOrderRequestSchema } from '../../contract/api.ts';
import { UuidSchema } from '../../contract/events.ts';
import { PaymentMethodSchema, FenSchema } from '../../contract/orders.ts';
import type { OrderService } from '../orders/order-service.ts';
import type { StaffService } from '../staff/staff-service.ts';
import type { Logger } from '../log.ts';
import type { ApiServer } from './server.ts';
import { actorOf, parseBody, refuse } from './staff-routes.ts';

const OrderIdParams = z.object({ id: UuidSchema });

/** Shopper orders: the screen creates, reads and cancels; staff list recent ones (docs/orders.md). */
export function registerOrderRoutes(app: ApiServer, orders: OrderService, staff: StaffService, logger: Logger): void {
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

  app.get('/api/orders/by-code/:code', async (req, reply) => {
    const code = z.object({ code: z.string().regex(/^[0-9a-fA-F]{6}$/) }).safeParse(req.params);
    if (!code.success) return refuse(reply, 400, 'bad-code', 'a pay-at-counter code is six letters and digits (0–9, A–F)');
    return reply.header('cache-control', 'no-store').send({ orders: await orders.byCounterCode(code.data.code) });
  });

  app.post('/api/orders/:id/pay-at-counter', async (req, reply) => {
    const params = OrderIdParams.safeParse(req.params);
    if (!params.success) return refuse(reply, 400, 'bad-order-id', 'an order id is a UUID');
    const body = parseBody(z.object({ method: PaymentMethodSchema, tenderedFen: FenSchema.nullable().default(null) }), req, reply);
    if (!body) return reply;
    const r = await orders.payAtCounter(params.data.id, body.method, body.tenderedFen, actorOf(staff, req));
    if (!r.ok) {
      logger.warn({ orderId: params.data.id, error: r.error }, 'refused a counter payment for an order');
      return refuse(reply, r.status, r.error, r.message);
    }
    return reply.header('cache-control', 'no-store').send({ changeFen: r.changeFen, order: r.order });
  });

  app.get('/api/orders', async (_req, reply) => reply.header('cache-control', 'no-store').send({ orders: await orders.recent(100) }));
}
