import { appRoot, loadConfig, ConfigError, type KioskConfig } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { createSyncState } from './sync/sync-state.ts';
import { createTrust } from './sync/trust.ts';
import { createUpdater } from './update/updater.ts';
import { currentRelease } from './update/release-files.ts';
import { startKiosk, type Kiosk } from './kiosk.ts';
import { ChildMessageSchema, type ParentMessage } from './launch/ipc.ts';
import { drainHealthQueue } from './launch/supervisor/health-queue.ts';
import { writeLaunchFile } from './launch/launch-file.ts';
import { currentUid, rootWarning } from './launch/privileges.ts';

/**
 * Headless kiosk service entry. Standalone it logs where to open the kiosk; as a child of the
 * launcher or the Electron shell it reports readiness and hands out boot URLs over IPC only
 * (secrets never travel in argv).
 */
async function main(): Promise<void> {
  // Everything the service writes is the kiosk account's alone (data at rest, docs/security.md).
  process.umask(0o077);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // The launcher keeps the terminal readable: full logs go to the file, only warnings to stdout.
  const stdoutLevel = process.env.KIOSK_STDOUT_LOG_LEVEL === 'warn' ? 'warn' : undefined;
  const logger = createLogger({ dataDir: config.dataDir, level: config.logLevel, ...(stdoutLevel ? { stdoutLevel, stdoutFormat: 'line' as const } : {}) });
  const rootNote = rootWarning(currentUid(), process.env);
  if (rootNote) logger.warn(rootNote);
  // Signal handlers go in before the (slow) start: until a process installs one, a SIGTERM
  // kills it outright — one sent right after `ready` would skip the clean stop and its ledger.
  let running: Kiosk | null = null;
  let stopRequested: string | null = null;
  const shutdown = (signal: string): void => {
    if (stopRequested !== null) return;
    stopRequested = signal;
    logger.info({ signal }, 'stopping kiosk service');
    if (running !== null) void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('disconnect', () => shutdown('disconnect'));
  const kiosk: Kiosk = await startKiosk(config, logger, {}, { waitForPlatform: false, waitForBoards: false });
  running = kiosk;
  if (stopRequested !== null) {
    await kiosk.stop();
    process.exit(0);
  }
  // The one-time set-up code goes to the terminal only (never to the log): whoever started the kiosk creates the first supervisor.
  const setupCode = kiosk.staff.pendingSetupCode();
  if (setupCode !== null) process.stderr.write(`\nFirst set-up: no staff account exists yet. One-time set-up code: ${setupCode}\n(also shown on the kiosk's staff entry screen, "first set-up")\n\n`);
  const send = (msg: ParentMessage): void => {
    process.send?.(msg);
  };
  // Health events the supervisor queued while this service was down (or just now).
  const flushHealth = (): void => {
    try {
      const n = drainHealthQueue(config.dataDir, (e) => kiosk.events.append('kiosk.supervisor', e), (file, error) => logger.error({ file, error }, 'dropped an unreadable supervisor health event'));
      if (n > 0) logger.info({ n }, 'recorded supervisor health events');
    } catch (err) {
      logger.error({ err }, 'could not record supervisor health events');
    }
  };
  flushHealth();
  if (process.send) {
    startUpdates(config, kiosk, logger, send);
    kiosk.onScreenBeat((beat) => send({ type: 'screen-beat', screen: beat.screen, longTaskMs: beat.longTaskMs }));
    process.on('message', (raw) => {
      const req = ChildMessageSchema.safeParse(raw);
      if (!req.success) return logger.warn('ignored a malformed IPC message');
      if (req.data.type === 'health-flush') return flushHealth();
      send({ type: 'boot-url', id: req.data.id, url: kiosk.launchUrl(req.data.pathname) });
    });
    send({ type: 'ready', port: kiosk.port });
  } else {
    // The boot code goes into a 0600 page, never into the log (redaction does not see message text).
    const launchFile = writeLaunchFile(config.dataDir, kiosk.launchUrl());
    logger.info({ launchFile }, 'open the kiosk: open this page in Chromium/Chrome (single use, 30 s)');
  }
}

/**
 * Under a supervisor: report what a release trial checks (boards seen, platform reached since
 * this start) and, with versioned app directories, run the updater (issue 14).
 */
function startUpdates(config: KioskConfig, kiosk: Kiosk, logger: Logger, send: (msg: ParentMessage) => void): void {
  const startedAt = Date.now();
  let updaterReached = false;
  const healthTimer = setInterval(() => {
    const lastContact = kiosk.link.status().lastContact;
    send({
      type: 'health',
      boardsSeen: kiosk.hardware.boards().some((b) => b.state === 'connected' || b.state === 'recovered'),
      // Without a platform there is nothing to reach: that check passes.
      platformReached: config.platformUrl === undefined || updaterReached || (lastContact !== null && lastContact >= startedAt),
    });
  }, 1000);
  healthTimer.unref();
  if (config.appsDir === undefined || config.platformUrl === undefined) return;
  const credentials = createSyncState(kiosk.db);
  const trust = createTrust({ db: kiosk.db, pinned: config.platformKeys });
  const updater = createUpdater({
    baseUrl: config.platformUrl,
    getCredentials: () => Promise.resolve(credentials.loadCredentials()),
    keys: () => trust.keys(),
    dataDir: config.dataDir,
    appsDir: config.appsDir,
    current: currentRelease(appRoot(import.meta.dirname)),
    isIdle: () => kiosk.session.lifted().length === 0,
    applyNow: (m, dir) => send({ type: 'update-apply', seq: m.seq, version: m.version, dir }),
    waiting: (m) => send({ type: 'update-waiting', seq: m.seq }),
    reached: () => {
      updaterReached = true;
    },
    logger: logger.child({ component: 'update' }),
  });
  const timer = setInterval(() => void updater.tick(), config.updateCheckMs);
  timer.unref();
  void updater.tick();
}

void main();
