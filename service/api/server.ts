import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import fs from 'node:fs';
import path from 'node:path';
import { ClientMessageSchema, SessionExchangeRequestSchema, SimActionSchema, type ClientMessage, type SimAction } from '../../contract/api.ts';
import { Sha256Schema } from '../../contract/content.ts';
import { SCOPE_COOKIES, SESSION_COOKIE, expectedOrigin, type Auth } from './auth.ts';
import { checkAccess, declaredAccess, type Caller, type RouteAccess } from './route-access.ts';
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
  /** The session's scope and role (a PIN sign-in raises a screen session's role); undefined without a session. */
  callerOf(session: string | undefined): Caller | undefined;
  /** A signed-in session did something (any write): pushes its idle sign-out back. */
  touch(session: string | undefined): void;
  /** Filled with every route as it is registered (fastify instances are thenables, so no extra fields on the app). */
  registeredRoutes?: RegisteredRoute[];
  status(): unknown;
  onClientMessage(msg: ClientMessage): void;
  /** Present only when the hardware mode is `sim`. */
  sim?: { act(action: SimAction): Promise<void>; channels(): number; firmataChannels?(): number; leds(): Record<string, string> };
}

function refuse(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error, message });
}

/** A route as registered, with its declared access (the role test enumerates these). */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Builds the local API (HTTP + WebSocket) with the DESIGN §2 auth checks on every request. */
export async function createApiServer(deps: ApiDeps) {
  // forceCloseConnections: on stop, cut every connection. A browser keeps pre-opened sockets
  // on which it never sent a request; Node counts them as neither idle nor busy, so a plain
  // close() would wait for them until the headers timeout (60 s) and the stop step times out.
  const app = Fastify({ loggerInstance: deps.logger.child({ component: 'api' }), logController: new LogController({ disableRequestLogging: true }), bodyLimit: 64 * 1024, forceCloseConnections: true });
  const routes = deps.registeredRoutes ?? [];
  // Every route declares its role in route-access.ts; an undeclared one throws here and the service does not start.
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { rootPath?: unknown; access?: RouteAccess };
    const isStaticFile = typeof config.rootPath === 'string' && path.resolve(config.rootPath) === path.resolve(deps.rendererDir);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const accesses = methods.map((m) => declaredAccess(m, route.url, isStaticFile));
    const access = accesses[0];
    if (access === undefined) return;
    route.config = { ...route.config, access };
    for (const method of methods) routes.push({ method, url: route.url, access });
  });
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
    // A path with no route (404) still needs a session, so probing tells an outsider nothing.
    const access: RouteAccess = req.routeOptions.config.access ?? { role: 'screen' };
    const token = req.cookies[SESSION_COOKIE];
    // Any of the request's sessions (kiosk page, /status, /dev) may carry the access; the best one decides.
    const verdicts = Object.values(SCOPE_COOKIES).map((name) => checkAccess(access, deps.callerOf(req.cookies[name])));
    const verdict = verdicts.includes('ok') ? 'ok' : verdicts.includes(403) ? 403 : 401;
    if (verdict === 401) return refuse(reply, 401, 'no-session', 'A session cookie from the bootstrap exchange is required');
    if (verdict === 403) return refuse(reply, 403, 'forbidden', `this needs the ${access.role} role${access.pages ? ` or the ${access.pages.join('/')} page` : ''}`);
    if (isWrite && access.role !== 'public' && access.role !== 'screen') deps.touch(token);
    return undefined;
  });

  app.post('/api/session', async (req: FastifyRequest, reply) => {
    const body = SessionExchangeRequestSchema.safeParse(req.body);
    if (!body.success) return refuse(reply, 400, 'bad-request', 'expected {"code": string}');
    const cookies = req.cookies as Record<string, string | undefined>;
    const held = { screen: cookies[SCOPE_COOKIES.screen], status: cookies[SCOPE_COOKIES.status], dev: cookies[SCOPE_COOKIES.dev] };
    const session = deps.auth.exchange(body.data.code, Object.fromEntries(Object.entries(held).filter(([, v]) => v !== undefined)));
    if (!session) {
      deps.logger.warn('bootstrap code refused (unknown, used or expired)');
      return refuse(reply, 401, 'bad-code', 'bootstrap code unknown, used or expired');
    }
    reply.setCookie(SCOPE_COOKIES[deps.auth.scopeOf(session) ?? 'screen'], session, { httpOnly: true, sameSite: 'strict', path: '/', secure: false });
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
    // What the simulated board's slot LEDs show (restock guidance), for the dev panel.
    app.get('/api/sim/leds', (_req, reply) => reply.header('cache-control', 'no-store').send({ leds: sim.leds() }));
    app.get('/dev', async (_req, reply) => reply.type('text/html; charset=utf-8').send(devPanelHtml(sim.channels(), sim.firmataChannels?.() ?? 0)));
    app.get('/dev/panel.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(devPanelScript));
  }

  await app.register(fastifyStatic, { root: deps.rendererDir, prefix: '/', index: ['index.html'], wildcard: false, decorateReply: true });
  return app;
}

/** The local API server instance (its logger type is pino's, not fastify's base logger). */
export type ApiServer = Awaited<ReturnType<typeof createApiServer>>;
