import type { FastifyReply } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { BindRequestSchema, CalibrationStepSchema, LiveSubscribeSchema, RestockRequestSchema, type LiveReadings as LiveReadingsMessage } from '../../contract/staff.ts';
import type { StaffSurface } from '../staff/staff-surface.ts';
import type { StaffService } from '../staff/staff-service.ts';
import type { ApiServer } from './server.ts';
import { actorOf, parseBody, refuse, sessionOf } from './staff-routes.ts';

/** The live view sends at most this often, and at most one point per LIVE_POINT_MS (a throttled view, not a data feed). */
const LIVE_INTERVAL_MS = 200;
const LIVE_POINT_MS = 50;

function answer<T>(reply: FastifyReply, result: { ok: true; value: T } | { ok: false; status: number; error: string; message: string }): FastifyReply | T {
  return result.ok ? result.value : refuse(reply, result.status, result.error, result.message);
}

/** Staff work routes: stock and restock, slot binding, calibration, alerts, the live load-cell view. */
export function registerStockRoutes(app: ApiServer, staff: StaffService, surface: StaffSurface): void {
  const { stock } = surface;
  app.get('/api/stock', (_req, reply) => reply.header('cache-control', 'no-store').send(stock.list()));

  app.post('/api/stock/select', async (req, reply) => {
    const body = parseBody(z.object({ slotId: z.string().min(1).max(16).nullable() }), req, reply);
    if (!body) return reply;
    return answer(reply, await stock.select(actorOf(staff, req), body.slotId));
  });

  app.get('/api/stock/selected', (_req, reply) => reply.header('cache-control', 'no-store').send(stock.selected()));

  app.post('/api/stock/restock', (req, reply) => {
    const body = parseBody(RestockRequestSchema, req, reply);
    if (!body) return reply;
    return answer(reply, stock.restock(actorOf(staff, req), body));
  });

  app.post('/api/planogram/bind', (req, reply) => {
    const body = parseBody(BindRequestSchema, req, reply);
    if (!body) return reply;
    return answer(reply, surface.bind(actorOf(staff, req), body));
  });

  app.post('/api/calibration', async (req, reply) => {
    const body = parseBody(CalibrationStepSchema, req, reply);
    if (!body) return reply;
    return answer(reply, await surface.calibrate(actorOf(staff, req), body));
  });

  app.get<{ Querystring: { slotId?: string } }>('/api/calibration/history', (req, reply) => {
    const slotId = z.string().min(1).max(16).safeParse(req.query.slotId);
    if (!slotId.success) return refuse(reply, 400, 'bad-request', 'give ?slotId=<slot>');
    return reply.header('cache-control', 'no-store').send(surface.calibrationHistory(slotId.data));
  });

  app.get('/api/staff/alerts', (_req, reply) => reply.header('cache-control', 'no-store').send({ alerts: surface.alerts.list() }));

  app.get('/api/staff/live', { websocket: true }, (socket: WebSocket, req) => {
    const session = sessionOf(req);
    let sub: { boardId: string; channel: number } | null = null;
    let sentUpTo = Date.now() - 5000;
    socket.on('message', (data: Buffer) => {
      let json: unknown;
      try {
        json = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      const msg = LiveSubscribeSchema.safeParse(json);
      if (msg.success) sub = { boardId: msg.data.boardId, channel: msg.data.channel };
    });
    const timer = setInterval(() => {
      // Signed out (idle, sign-out) while watching: the staff-only view closes.
      if (staff.actor(session) === undefined) return socket.close(4403, 'signed out');
      if (sub === null || socket.readyState !== socket.OPEN || socket.bufferedAmount > 64 * 1024) return;
      const fresh = surface.live.since(sub.boardId, sub.channel, sentUpTo);
      if (fresh.length === 0) return;
      sentUpTo = fresh.at(-1)?.[0] ?? sentUpTo;
      const points: Array<[number, number]> = [];
      for (const [at, g] of fresh) {
        const prev = points.at(-1);
        if (prev === undefined || at - prev[0] >= LIVE_POINT_MS) points.push([Math.round(at), Math.round(g * 10) / 10]);
      }
      const msg: LiveReadingsMessage = { type: 'readings', boardId: sub.boardId, channel: sub.channel, points };
      socket.send(JSON.stringify(msg));
    }, LIVE_INTERVAL_MS);
    socket.on('close', () => clearInterval(timer));
  });
}
