import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip, type Gunzip } from 'node:zlib';
import { registerBrowserGuards } from './accounts/browser-guards.ts';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottleOptions } from './accounts/login-throttle.ts';
import { registerAnalytics } from './analytics/routes.ts';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './body-depth.ts';
import { ContentNotices } from './content/content-notices.ts';
import { loadOrCreateSigningKey } from './content/signing-keys.ts';
import { DEFAULT_LIMITS, registerIpRateLimit, WindowCounter, type PlatformLimits } from './limits.ts';
import type { PlatformDeps } from './deps.ts';
import { registerAdminPage } from './routes/admin-page.ts';
import { registerAccountPages } from './routes/accounts-pages.ts';
import { registerAuthoringApp } from './routes/authoring-app.ts';
import { registerAdminRoutes } from './routes/admin-routes.ts';
import { registerAuthoringRoutes } from './routes/authoring-routes.ts';
import { registerCataloguePage } from './routes/catalogue-page.ts';
import { registerCatalogueRoutes } from './routes/catalogue-routes.ts';
import { registerContentRoutes } from './routes/content-routes.ts';
import { registerFleetPage } from './routes/fleet-page.ts';
import { registerKioskRoutes } from './routes/kiosk-routes.ts';
import { createOrdersModule, type OrdersOptions } from './orders/orders-module.ts';
import { DEFAULT_STREAM_LIMITS } from './orders/status-stream.ts';
import { registerReleaseRoutes } from './releases/release-routes.ts';
import { registerSignInPages } from './routes/sign-in-pages.ts';
import type { PlatformStore } from './store/platform-store.ts';
import { openPgStore } from './store/pg-store.ts';
import { openSqliteStore } from './store/sqlite-store.ts';

export interface PlatformOptions {
  dataDir: string;
  adminToken: string;
  /** Largest decoded request body; bigger pushes get 413 so kiosks halve their batch. */
  bodyLimit?: number;
  store?: PlatformStore;
  /** `postgres://…`: use the PostgreSQL store (opened by startPlatform); otherwise SQLite in dataDir. */
  databaseUrl?: string;
  now?: () => number;
  rotateGraceMs?: number;
  /** Rate limits and quotas (DEFAULT_LIMITS, each overridable). */
  limits?: Partial<PlatformLimits>;
  /** PLATFORM_PUBLIC_URL: the URL browsers use (https behind a TLS proxy); decides the cookie and the CSRF origin. */
  publicUrl?: string;
  /** Sign-in throttle (DEFAULT_LOGIN_THROTTLE, each overridable). */
  loginThrottle?: Partial<LoginThrottleOptions>;
  /** A pino logger for requests and errors; none by default (tests). */
  logger?: FastifyBaseLogger;
  /** Orders and payments: public URL, sandbox test hooks (orders/orders-module.ts). */
  orders?: OrdersOptions;
}

/** Inflates `Content-Encoding: gzip` bodies; the body limit applies to the inflated size (zip bombs get 413). */
function inflateGzipBodies(app: FastifyInstance): void {
  app.addHook('preParsing', async (req, _reply, payload) => {
    const encoding = req.headers['content-encoding'];
    if (encoding === undefined || encoding === 'identity') return payload;
    if (encoding !== 'gzip') throw Object.assign(new Error(`unsupported content-encoding ${encoding}`), { statusCode: 415 });
    const gunzip = createGunzip() as Gunzip & { receivedEncodedLength?: number };
    let received = 0;
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      gunzip.receivedEncodedLength = received;
    });
    // A corrupt or truncated gzip body is the client's fault: 400, never an unhandled 'error'
    // event (that crashed the platform when nothing was reading the body any more).
    gunzip.on('error', (err: Error & { statusCode?: number; code?: string }) => {
      if (err.statusCode === undefined) Object.assign(err, { statusCode: 400, code: 'bad-gzip', message: `request body is not valid gzip: ${err.message}` });
    });
    payload.on('error', (err) => gunzip.destroy(err));
    payload.pipe(gunzip);
    return gunzip;
  });
}

export function buildPlatformApp(opts: PlatformOptions) {
  mkdirSync(opts.dataDir, { recursive: true });
  const limits: PlatformLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const now = opts.now ?? Date.now;
  const store = opts.store ?? openSqliteStore(join(opts.dataDir, 'platform.sqlite'));
  const deps: PlatformDeps = {
    dataDir: opts.dataDir,
    adminToken: opts.adminToken,
    store,
    key: loadOrCreateSigningKey(opts.dataDir),
    now,
    rotateGraceMs: opts.rotateGraceMs ?? 10 * 60_000,
    limits,
    kioskRequests: new WindowCounter(limits.perKioskPerMinute, 60_000, now),
    kioskEvents: new WindowCounter(limits.eventsPerKioskPerHour, 3_600_000, now),
    publicOrigin: opts.publicUrl === undefined ? null : new URL(opts.publicUrl).origin,
    loginThrottle: new LoginThrottle({ ...DEFAULT_LOGIN_THROTTLE, ...opts.loginThrottle }, now),
    // Polls on the order stream's tick: a publish in another process reaches kiosks as fast as an order change does.
    contentNotices: new ContentNotices(async () => (await store.latestContent())?.version ?? null, opts.orders?.streamLimits?.pollMs ?? DEFAULT_STREAM_LIMITS.pollMs, opts.logger),
  };
  // forceCloseConnections: a stopping platform cuts in-flight requests instead of waiting on
  // them (kiosks treat a cut as a transport error and resend; the platform de-duplicates).
  const base = { bodyLimit: opts.bodyLimit ?? 16 * 1024 * 1024, forceCloseConnections: true };
  const orders = createOrdersModule(deps, opts.orders ?? {}, opts.logger);
  const app: FastifyInstance = opts.logger ? Fastify({ ...base, loggerInstance: opts.logger }) : Fastify({ ...base, logger: false });
  void registerIpRateLimit(app, limits);
  void app.register(cookie);
  inflateGzipBodies(app);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addHook('preValidation', async (req, reply) => {
    if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
      return reply.code(400).send({ error: { code: 'too-deep', message: `request body nests deeper than ${MAX_BODY_DEPTH} levels` } });
    }
    return undefined;
  });
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) app.log.error(err);
    return reply.code(status).send({ error: { code: err.code ?? 'error', message: err.message } });
  });
  // Routes register after the rate-limit plugin has loaded, so its onRequest hook covers them.
  void app.register((scope, _opts, done) => {
    // Inside this scope so the cookie plugin's parser has run before the CSRF check.
    registerBrowserGuards(scope, deps);
    registerKioskRoutes(scope, deps);
    registerContentRoutes(scope, deps);
    registerAdminRoutes(scope, deps);
    registerAdminPage(scope, deps);
    registerFleetPage(scope, deps);
    orders.register(scope);
    registerReleaseRoutes(scope, deps);
    registerSignInPages(scope, deps);
    registerAccountPages(scope, deps);
    registerCatalogueRoutes(scope, deps);
    registerCataloguePage(scope, deps);
    registerAuthoringRoutes(scope, deps);
    registerAnalytics(scope, deps);
    registerAuthoringApp(scope, deps);
    done();
  });
  app.addHook('onClose', async () => {
    deps.contentNotices.stop();
    await orders.stop();
    await deps.store.close();
  });
  return { app, deps, orders };
}

/** Starts the platform on 127.0.0.1:port (0 = any free port); returns its base URL. */
export async function startPlatform(opts: PlatformOptions & { port?: number; host?: string }) {
  const store = opts.store ?? (opts.databaseUrl ? await openPgStore(opts.databaseUrl) : undefined);
  const { app, deps, orders } = buildPlatformApp(store ? { ...opts, store } : opts);
  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  orders.start(`http://127.0.0.1:${port}`);
  deps.contentNotices.start();
  return { app, deps, orders, url: `http://127.0.0.1:${port}`, port, close: () => app.close() };
}

export type RunningPlatform = Awaited<ReturnType<typeof startPlatform>>;
export type { PlatformDeps };
