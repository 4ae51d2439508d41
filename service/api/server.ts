import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import fs from 'node:fs';
import path from 'node:path';
import { ClientMessageSchema, SessionExchangeRequestSchema, SimActionSchema, type ClientMessage, type SimAction } from '../../contract/api.ts';
import { Sha256Schema } from '../../contract/content.ts';
import { SESSION_COOKIE, expectedOrigin, type Auth } from './auth.ts';
import type { WsHub } from './ws-hub.ts';
import type { Logger } from '../log.ts';
import { devPanelHtml, devPanelScript } from './dev-panel.ts';

/** Content Security Policy for every page the kiosk serves: no inline scripts, same-origin only. */
export const CSP =
  "default-src 'self'; script-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface ApiDeps {
  /** The port actually listened on (known only after listen when falling back to a random one). */
  port: () => number;
  auth: Auth;
  hub: WsHub;
  rendererDir: string;
  mediaDir: string;
  /** MIME type of an installed media file; undefined means not ours to serve. */
  mediaType(sha256: string): string | undefined;
  logger: Logger;
  status(): unknown;
  onClientMessage(msg: ClientMessage): void;
  /** Present only when the hardware mode is `sim`. */
  sim?: { act(action: SimAction): Promise<void>; channels(): number; firmataChannels?(): number };
}

function refuse(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error, message });
}

// /status and /dev hold no data: their scripts trade the URL fragment's boot code for the cookie, then call session-protected APIs.
const PUBLIC_GET = /^\/($|index\.html$|assets\/|favicon|dev$|dev\/panel\.js$|status$|status\/page\.js$)/;

/** Builds the local API (HTTP + WebSocket) with the DESIGN §2 auth checks on every request. */
export async function createApiServer(deps: ApiDeps) {
  const app = Fastify({ loggerInstance: deps.logger.child({ component: 'api' }), logController: new LogController({ disableRequestLogging: true }), bodyLimit: 64 * 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 } });

  app.addHook('onRequest', async (req, reply) => {
    const { host, origin } = expectedOrigin(deps.port());
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (req.headers.host !== host) return refuse(reply, 421, 'wrong-host', `Host must be ${host}`);
    const isUpgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    if ((isWrite || isUpgrade) && req.headers.origin !== origin) {
      deps.logger.warn({ url: req.url, origin: req.headers.origin }, 'refused request with a foreign origin');
      return refuse(reply, 403, 'bad-origin', 'Origin not allowed');
    }
    const url = req.url.split('?')[0] ?? '';
    const needsSession = !(req.method === 'POST' && url === '/api/session') && !(req.method === 'GET' && PUBLIC_GET.test(url));
    if (needsSession && !deps.auth.isValidSession(req.cookies[SESSION_COOKIE])) {
      return refuse(reply, 401, 'no-session', 'A session cookie from the bootstrap exchange is required');
    }
    return undefined;
  });

  app.post('/api/session', async (req: FastifyRequest, reply) => {
    const body = SessionExchangeRequestSchema.safeParse(req.body);
    if (!body.success) return refuse(reply, 400, 'bad-request', 'expected {"code": string}');
    const session = deps.auth.exchange(body.data.code);
    if (!session) {
      deps.logger.warn('bootstrap code refused (unknown, used or expired)');
      return refuse(reply, 401, 'bad-code', 'bootstrap code unknown, used or expired');
    }
    reply.setCookie(SESSION_COOKIE, session, { httpOnly: true, sameSite: 'strict', path: '/', secure: false });
    return reply.header('cache-control', 'no-store').send({ ok: true });
  });

  // Lets the page tell "session expired" from "service down": 200 with a valid cookie, 401 (from the hook) without.
  app.get('/api/session', (_req, reply) => reply.header('cache-control', 'no-store').send({ ok: true }));

  app.get('/ws', { websocket: true }, (socket) => {
    socket.on('message', (data: Buffer) => {
      let json: unknown;
      try {
        json = JSON.parse(data.toString('utf8'));
      } catch {
        deps.logger.warn('websocket message is not JSON');
        return;
      }
      const msg = ClientMessageSchema.safeParse(json);
      if (!msg.success) {
        deps.logger.warn({ issues: msg.error.issues.slice(0, 3) }, 'websocket message failed its schema');
        return;
      }
      deps.onClientMessage(msg.data);
    });
    deps.hub.add(socket);
  });

  app.get('/api/status', (_req, reply) => reply.send(deps.status()));

  app.get<{ Params: { sha: string } }>('/media/:sha', async (req, reply) => {
    const sha = Sha256Schema.safeParse(req.params.sha);
    if (!sha.success) return refuse(reply, 400, 'bad-hash', 'media are addressed by sha256');
    const type = deps.mediaType(sha.data);
    const file = path.join(deps.mediaDir, sha.data);
    if (type === undefined || !fs.existsSync(file)) return refuse(reply, 404, 'not-found', 'no such media');
    // The exact recorded type (nosniff is on): an SVG without it would never decode as an image.
    reply.header('content-type', type);
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(sha.data, deps.mediaDir, { contentType: false });
  });

  const sim = deps.sim;
  if (sim) {
    app.post('/api/sim/action', async (req, reply) => {
      const body = SimActionSchema.safeParse(req.body);
      if (!body.success) return refuse(reply, 400, 'bad-request', body.error.issues.map((i) => i.message).join('; '));
      await sim.act(body.data);
      return { ok: true };
    });
    app.get('/dev', async (_req, reply) => reply.type('text/html; charset=utf-8').send(devPanelHtml(sim.channels(), sim.firmataChannels?.() ?? 0)));
    app.get('/dev/panel.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(devPanelScript));
  }

  await app.register(fastifyStatic, { root: deps.rendererDir, prefix: '/', index: ['index.html'], wildcard: false, decorateReply: true });
  return app;
}

/** The local API server instance (its logger type is pino's, not fastify's base logger). */
export type ApiServer = Awaited<ReturnType<typeof createApiServer>>;
