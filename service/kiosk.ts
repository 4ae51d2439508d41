import path from 'node:path';
import type { ClientMessage, Snapshot } from '../contract/api.ts';
import { openDatabase, type Db } from '../db/open.ts';
import { createEventStore, newBootId, systemClock, type EventStore } from '../db/events.ts';
import { createSlotStore, type SlotStore } from '../db/slots.ts';
import { createContentStore } from '../db/content.ts';
import { createSettingsStore } from '../db/settings.ts';
import { ContentAdmin } from './admin/content-admin.ts';
import { KioskSettings } from './admin/kiosk-settings.ts';
import { registerAdminRoutes } from './api/admin-routes.ts';
import { createBoardStore } from '../db/boards.ts';
import { pruneSyncedAnalytics } from '../db/retention.ts';
import { createAuth, scopeForPath, type Auth } from './api/auth.ts';
import { sessionFile } from './api/session-file.ts';
import { createApiServer, type ApiServer, type RegisteredRoute } from './api/server.ts';
import { auditWith, registerStaffRoutes } from './api/staff-routes.ts';
import { createStaffStore } from '../db/staff.ts';
import { StaffService } from './staff/staff-service.ts';
import { createStaffSurface } from './staff/staff-surface.ts';
import { registerStockRoutes } from './api/stock-routes.ts';
import { registerSalesRoutes } from './api/sales-routes.ts';
import { createSalesModule } from './sales/sales-module.ts';
import { WsHub } from './api/ws-hub.ts';
import { Catalogue, renderQr } from './content/catalogue.ts';
import { createOrderStore } from '../db/orders.ts';
import { createLedger, type Ledger } from './orders/ledger.ts';
import { createOrderService, type OrderService } from './orders/order-service.ts';
import { createPlatformOrders } from './orders/platform-orders.ts';
import { registerOrderRoutes } from './api/order-routes.ts';
import { installDemoContent } from './content/demo.ts';
import { installSideloadedContent } from './content/sideload.ts';
import { createPlatformLink, type PlatformLink } from './platform-link.ts';
import { createTrust } from './sync/trust.ts';
import { registerSyncRoutes } from './api/sync-routes.ts';
import { ShopperSession } from './shelf/shopper-session.ts';
import { startHardware, type HardwareDeps, type HardwareHandle } from './shelf/hardware.ts';
import { registerHardwareRoutes } from './hardware-config/routes.ts';
import type { KioskConfig } from './config.ts';
import { prepareDatabaseFile, restrictFiles, secureDir } from './data-dir.ts';
import type { Logger } from './log.ts';

/** One heartbeat of a shopper screen: what it shows, its longest task since the last beat. */
export interface ScreenBeat {
  screen: Extract<ClientMessage, { type: 'heartbeat' }>['screen'];
  longTaskMs: number;
}

/** The running kiosk service: database, content, shelf, local API. */
export interface Kiosk {
  readonly port: number;
  readonly db: Db;
  readonly events: EventStore;
  readonly slots: SlotStore;
  readonly catalogue: Catalogue;
  readonly hardware: HardwareHandle;
  readonly session: ShopperSession;
  readonly link: PlatformLink;
  readonly staff: StaffService;
  readonly orders: OrderService;
  readonly ledger: Ledger;
  /** Every route the local API registered, with its declared role (route-access.ts). */
  routes(): readonly RegisteredRoute[];
  /** A URL with a fresh single-use bootstrap code for a kiosk window or browser. */
  launchUrl(pathname?: string): string;
  /** Heartbeats of shopper screens (issue 14: forwarded to the supervisor's watchdog). */
  onScreenBeat(listener: (beat: ScreenBeat) => void): void;
  stop(): Promise<void>;
}

async function listen(app: ApiServer, port: number, logger: Logger): Promise<number> {
  try {
    await app.listen({ host: '127.0.0.1', port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    logger.warn({ port }, 'configured port is busy: falling back to a random port (page storage will not persist)');
    await app.listen({ host: '127.0.0.1', port: 0 });
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

const STOP_STEP_MS = 5000;

/** Waits for one shutdown step, at most STOP_STEP_MS; a step that hangs is logged by name and left behind. */
async function boundedStep(name: string, step: Promise<unknown>, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_STEP_MS)));
  const result = await Promise.race([step.then(() => 'done' as const), timedOut]).catch((err: unknown) => {
    logger.error({ err, step: name }, 'shutdown step failed');
    return 'failed' as const;
  });
  clearTimeout(timer);
  if (result === 'timeout') logger.error({ step: name, ms: STOP_STEP_MS }, 'shutdown step did not finish in time; continuing');
}

/** Test seams for the hardware layer: an injected port lister, faster polling. */
export type KioskHardwareOptions = Pick<HardwareDeps, 'listPorts' | 'tuning' | 'simFirmata'>;

/** Starts the kiosk service; resolves once the local API is listening and the shelf is up. */
export async function startKiosk(config: KioskConfig, logger: Logger, hardwareOptions: KioskHardwareOptions = {}, startOptions: { waitForPlatform?: boolean; waitForBoards?: boolean } = {}): Promise<Kiosk> {
  secureDir(config.dataDir);
  const dbFile = path.join(config.dataDir, 'kiosk.db');
  prepareDatabaseFile(dbFile);
  const { db, identity } = openDatabase(dbFile);
  restrictFiles(dbFile, `${dbFile}-wal`, `${dbFile}-shm`);
  const events = createEventStore(db, { ...identity, bootId: newBootId(), clock: systemClock });
  const slots = createSlotStore(db);
  const mediaDir = path.join(config.dataDir, 'media');
  const contentStore = createContentStore(db);
  const trust = createTrust({ db, pinned: config.platformKeys });
  const catalogue = new Catalogue(contentStore, mediaDir, logger.child({ component: 'content' }), () => trust.keys());
  await catalogue.loadActive();
  if (!catalogue.active()) await installDemoContent({ catalogue, slots, dataDir: config.dataDir, logger });
  await installSideloadedContent({ catalogue, dir: config.contentDir, logger: logger.child({ component: 'content' }) });

  // Set once the shelf is up; the snapshot may be asked for while boards are still starting.
  let hardwareRef: HardwareHandle | null = null;
  let port = config.port;
  // Page sessions survive a supervised restart of this service (issue 14): the screen reconnects by itself.
  const auth: Auth = createAuth(Date.now, sessionFile(config.dataDir, (err) => logger.warn({ err }, 'could not read or write page sessions')));
  const settings = new KioskSettings(createSettingsStore(db), config);
  const staff = new StaffService({ auth, accounts: createStaffStore(db), events, logger: logger.child({ component: 'staff' }), idleSignOutMs: settings.values().staffIdleMs });
  let alertCount = 0;
  const surface = createStaffSurface({
    db,
    events,
    slots,
    staff,
    content: () => catalogue.active()?.manifest ?? null,
    logger: logger.child({ component: 'staff' }),
    alertsChanged: () => {
      alertCount = surface.alerts.list().length;
      hub.resync();
    },
  });
  const salesModule = createSalesModule({
    db,
    events,
    content: () => catalogue.active()?.manifest ?? null,
    slotStock: () => surface.stock.list().slots,
    productOfSlot: (boardId, channel) => slots.find(boardId, channel),
    logger: logger.child({ component: 'sales' }),
  });
  const snapshot = (rev: number): Snapshot => {
    const active = catalogue.active();
    return {
      rev,
      content: active?.manifest ?? null,
      mediaBase: '/media/',
      qr: active?.qr ?? {},
      lifted: session.lifted(),
      boards: hardwareRef?.boards() ?? [],
      settings: settings.snapshotSettings(),
      hardwareMode: config.hardware,
      staffAlerts: alertCount,
    };
  };
  const hub = new WsHub(snapshot, logger.child({ component: 'ws' }));
  const session = new ShopperSession({
    slots,
    events,
    priceOf: (id) => catalogue.active()?.products.get(id)?.priceFen,
    contentVersion: () => catalogue.active()?.manifest.version ?? null,
    publish: (change) => hub.broadcast({ type: 'shelf', lifted: change.lifted, cause: change.cause, ...(change.trace ? { trace: { rxAt: change.trace.rxAt, sentAt: performance.timeOrigin + performance.now() } } : {}) }),
    logger: logger.child({ component: 'shelf' }),
  });

  const link = createPlatformLink({
    db,
    trust,
    installId: identity.installId,
    dataDir: config.dataDir,
    platformUrl: settings.platformUrlAtStart(),
    enrolCode: config.enrolCode,
    events,
    catalogue,
    session,
    onContentActivated: () => hub.resync(),
    ...(config.contentPollMs !== undefined ? { contentPollMs: config.contentPollMs } : {}),
    logger,
  });

  const settingsStore = createSettingsStore(db);
  // The same platform the link talks to: the admin's setting (or the variable), read at start.
  const platformUrl = settings.platformUrlAtStart();
  const platformOrders = platformUrl
    ? createPlatformOrders({
        baseUrl: platformUrl,
        getCredentials: () => link.credentials(),
        onStatus: (status) => orders.applyStatus(status),
        onContent: (notice) => link.onContentNotice(notice.version),
        cursor: { load: () => (settingsStore.get('orders.stream-cursor') as string | undefined) ?? null, save: (id) => settingsStore.put('orders.stream-cursor', id) },
        logger: logger.child({ component: 'orders' }),
      })
    : null;
  const orders = createOrderService({
    db,
    orders: createOrderStore(db),
    events,
    priceBook: () => {
      const m = catalogue.active()?.manifest;
      return m ? { version: m.version, products: m.products, campaigns: m.campaigns } : null;
    },
    platform: platformOrders,
    renderQr,
    publish: (order) => {
      hub.broadcast({ type: 'order', order });
      link.wake();
    },
    now: Date.now,
    logger: logger.child({ component: 'orders' }),
    ...(config.orderTtlMs !== undefined ? { ttlMs: config.orderTtlMs } : {}),
  });
  const ledger = createLedger({ db, events, logger: logger.child({ component: 'ledger' }) });

  const hardware = await startHardware({
    config,
    session,
    events,
    slots,
    boards: createBoardStore(db),
    unitWeightOf: (id) => catalogue.active()?.products.get(id)?.unitWeightG,
    productIds: () => catalogue.active()?.manifest.products.map((p) => p.id) ?? [],
    boardsChanged: () => hub.broadcast({ type: 'boards', boards: hardwareRef?.boards() ?? [] }),
    logger: logger.child({ component: 'hardware' }),
    simFirmata: config.simFirmata,
    stock: salesModule.withCounterLifts(surface.sink),
    background: startOptions.waitForBoards === false,
    ...hardwareOptions,
  });
  hardwareRef = hardware;
  surface.attach({
    send: (boardId, command) => hardware.send(boardId, command),
    slotSnapshot: (boardId, channel) => session.slotSnapshot(boardId, channel),
    alertSources: {
      boards: () => hardware.status().boards.map((b) => ({ boardId: b.boardId, state: b.state })),
      sensors: () => hardware.status().boards.flatMap((b) => b.sensors.map((x) => ({ boardId: b.boardId, channel: x.channel, state: x.state }))),
      // Without a platform nothing is ever sent: an offline kiosk's ledger is not an alert.
      oldestUnsentMs: () => (settings.platformUrlAtStart() === undefined ? null : Math.max(0, ...Object.values(link.status().ledger.unsent).map((u) => u.oldestAgeMs ?? 0))),
    },
  });

  const beatListeners: Array<(beat: ScreenBeat) => void> = [];
  const onClientMessage = (msg: ClientMessage): void => {
    const version = catalogue.active()?.manifest.version ?? 0;
    try {
      switch (msg.type) {
        case 'qr-shown':
          events.append('shopper.qr-shown', { productId: msg.productId, kind: msg.kind, contentVersion: version });
          return;
        case 'compare':
          events.append('shopper.compare', { productIds: msg.productIds, contentVersion: version });
          return;
        case 'locale':
          events.append('shopper.locale', { locale: msg.locale });
          return;
        case 'painted':
          return;
        case 'heartbeat':
          for (const listener of beatListeners) listener({ screen: msg.screen, longTaskMs: msg.longTaskMs });
          return;
        default: {
          const never: never = msg;
          return never;
        }
      }
    } catch (err) {
      logger.error({ err, type: msg.type }, 'could not record shopper event');
    }
  };

  const registeredRoutes: RegisteredRoute[] = [];
  const app = await createApiServer({
    registeredRoutes,
    port: () => port,
    auth,
    hub,
    rendererDir: config.rendererDir,
    mediaDir,
    mediaType: (sha) => contentStore.mediaMime(sha),
    logger,
    callerOf: (token) => staff.callerOf(token),
    touch: (token) => staff.touch(token),
    status: () => ({ boards: hardware.boards(), contentVersion: catalogue.active()?.manifest.version ?? null, hardware: hardware.stats() }),
    onClientMessage,
    ...(hardware.sim ? { sim: hardware.sim } : {}),
  });
  const audit = auditWith(staff);
  registerSyncRoutes(app, link, audit);
  registerStaffRoutes(app, staff);
  registerStockRoutes(app, staff, surface);
  registerOrderRoutes(app, orders, staff, logger.child({ component: 'orders-api' }));
  registerSalesRoutes(app, { staff, ...salesModule });
  registerHardwareRoutes(app, { hardware, dataDir: config.dataDir, logger: logger.child({ component: 'hardware-api' }), audit });
  const onActivated = (version: number, previous: number | null, cause: 'install' | 'rollback') => {
    events.append('content.activated', { version, previous });
    logger.info({ version, previous, cause }, 'content activated by an admin');
    hub.resync();
  };
  const contentAdmin = new ContentAdmin({ catalogue, logger: logger.child({ component: 'content' }), shopperActive: () => session.isActive(), onActivated });
  registerAdminRoutes(app, { settings, content: contentAdmin, link, staff, resync: () => hub.resync() });
  port = await listen(app, config.port, logger);
  // Enrolment may wait on the network: the service entry (main.ts) reports ready without it so
  // the attract screen never waits for the platform (issue 14); in-process callers may wait.
  const linkStarted = link.start().catch((err: unknown) => logger.error({ err }, 'could not start the platform link'));
  if (startOptions.waitForPlatform !== false) await linkStarted;
  platformOrders?.start();
  const idleTimer = setInterval(() => {
    session.expireIdle(settings.values().idleMs);
    staff.sweepIdle();
    surface.alerts.evaluate(Date.now());
    void link.tick();
    void orders.tick().catch((err: unknown) => logger.error({ err }, 'order tick failed'));
    link.wake();
  }, 1000);
  idleTimer.unref();
  // The day ledger goes out every few minutes when money moved (and at stop), not per sale.
  const ledgerTimer = setInterval(() => ledger.safeFlush(), config.ledgerFlushMs ?? 5 * 60_000);
  ledgerTimer.unref();
  const prune = (): void => {
    try {
      const removed = pruneSyncedAnalytics(db, Date.now());
      if (removed > 0) logger.info({ removed }, 'pruned acknowledged analytics events past retention');
    } catch (err) {
      logger.error({ err }, 'could not prune old analytics events');
    }
  };
  prune();
  const pruneTimer = setInterval(prune, 6 * 3600_000);
  pruneTimer.unref();
  logger.info({ port, dataDir: config.dataDir, hardware: config.hardware}, 'kiosk service started');

  return {
    get port() {
      return port;
    },
    db,
    events,
    slots,
    catalogue,
    hardware,
    session,
    link,
    staff,
    orders,
    ledger,
    routes: () => registeredRoutes,
    launchUrl: (pathname = '/') => `http://127.0.0.1:${port}${pathname}#boot=${auth.issueBootCode(scopeForPath(pathname))}`,
    onScreenBeat: (listener) => void beatListeners.push(listener),
    async stop() {
      // First of all: what the shutdown does to the boards (ports closing, socat going) is no fault.
      hardware.router.quiesce();
      clearInterval(idleTimer);
      clearInterval(pruneTimer);
      clearInterval(ledgerTimer);
      platformOrders?.stop();
      ledger.safeFlush();
      // Each step is bounded: a stuck request or port must not keep an unattended kiosk from restarting.
      await boundedStep('sync link', linkStarted.then(() => link.stop()), logger);
      hub.closeAll();
      await boundedStep('local API', app.close(), logger);
      await boundedStep('hardware', hardware.stop(), logger);
      db.close();
    },
  };
}
