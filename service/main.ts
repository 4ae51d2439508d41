import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './log.ts';
import { startKiosk, type Kiosk } from './kiosk.ts';
import { BootRequestSchema, type ParentMessage } from './launch/ipc.ts';
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
  const logger = createLogger({ dataDir: config.dataDir, level: config.logLevel, ...(stdoutLevel ? { stdoutLevel } : {}) });
  const rootNote = rootWarning(currentUid(), process.env);
  if (rootNote) logger.warn(rootNote);
  // Signal handlers go in before the (slow) start: until a process installs one, a SIGTERM
  // kills it outright — one sent right after `ready` would skip the clean stop and its ledger.
  let kiosk: Kiosk | null = null;
  let stopRequested: string | null = null;
  const shutdown = (signal: string): void => {
    if (stopRequested !== null) return;
    stopRequested = signal;
    logger.info({ signal }, 'stopping kiosk service');
    if (kiosk !== null) void kiosk.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('disconnect', () => shutdown('disconnect'));
  kiosk = await startKiosk(config, logger);
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
  if (process.send) {
    process.on('message', (raw) => {
      const req = BootRequestSchema.safeParse(raw);
      if (!req.success) return logger.warn('ignored a malformed IPC message');
      send({ type: 'boot-url', id: req.data.id, url: kiosk.launchUrl(req.data.pathname) });
    });
    send({ type: 'ready', port: kiosk.port });
  } else {
    // The boot code goes into a 0600 page, never into the log (redaction does not see message text).
    const launchFile = writeLaunchFile(config.dataDir, kiosk.launchUrl());
    logger.info({ launchFile }, 'open the kiosk: open this page in Chromium/Chrome (single use, 30 s)');
  }
}

void main();
