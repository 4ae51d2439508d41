import { z } from 'zod';
import { OrderViewSchema, type CreateOrderRequest } from '../../../contract/api.ts';
import { call } from './http.ts';

const Ok = z.object({ ok: z.literal(true) });

/** The shopper screen's order calls (docs/orders.md). */
export const ordersApi = {
  create: (req: CreateOrderRequest) => call(OrderViewSchema, 'POST', '/api/orders', req),
  get: (orderId: string) => call(OrderViewSchema, 'GET', `/api/orders/${encodeURIComponent(orderId)}`),
  cancel: (orderId: string) => call(Ok, 'POST', `/api/orders/${encodeURIComponent(orderId)}/cancel`, {}),
};
