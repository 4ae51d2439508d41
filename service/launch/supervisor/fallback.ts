import fs from 'node:fs';
import path from 'node:path';
import { ChromiumScreenHost } from './chromium-screen.ts';
import { writeErrorPage, writeStartingPage } from './error-page.ts';
import { NodeServiceHost, type ServiceEntry } from './fallback-service.ts';
import { queueHealthEvent } from './health-queue.ts';
import { DEFAULT_SCREEN_BUDGET, DEFAULT_SERVICE_BUDGET, DEFAULT_WATCHDOG, type RestartBudgetOptions, type WatchdogOptions } from './policy.ts';
import type { UpdateSwitch } from './release-trial.ts';
import { KioskSupervisor } from './supervisor.ts';
import { currentLink, switchCurrent } from './app-dirs.ts';
import { markFailedHere, writeOutcome } from '../../update/release-files.ts';

const SOURCE_DIRS = ['service', 'hardware', 'db', 'content', 'contract'];

/** Newest modification time of the service's TypeScript sources (tests excluded); 0 when there are none (a release). */
export function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'firmware') walk(p);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return newest;
}

/**
 * How the service runs: the compiled build (`npm run build:app` → dist/app/service/main.js,
 * plain `node`, no TypeScript compile at start) when it exists and is newer than every source
 * file, else the TypeScript entry through tsx (development). A stale build is never run: it
 * would silently be yesterday's kiosk.
 */
export function serviceEntry(root: string, env: NodeJS.ProcessEnv): ServiceEntry & { stale: boolean } {
  const compiled = path.join(root, 'dist/app/service/main.js');
  const fromSource = { script: path.join(root, 'service/main.ts'), execArgv: ['--import', 'tsx'] };
  if (env.KIOSK_FROM_SOURCE === '1' || !fs.existsSync(compiled)) return { ...fromSource, stale: false };
  if (fs.statSync(compiled).mtimeMs < newestSourceMtime(root)) return { ...fromSource, stale: true };
  return { script: compiled, execArgv: [], stale: false };
}

export interface FallbackSupervisorOptions {
  root: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Chromium/Chrome; null: the service runs without a screen (no display, no browser). */
  browser: { executablePath: string; fullscreen: boolean; isRoot: boolean; headless: boolean } | null;
  stdio: 'inherit' | 'pipe';
  serviceBudget?: RestartBudgetOptions;
  screenBudget?: RestartBudgetOptions;
  watchdog?: WatchdogOptions;
  tickMs?: number;
  log(level: 'info' | 'warn' | 'error', msg: string, detail?: Record<string, unknown>): void;
  onServiceOutput?(chunk: string): void;
  entry?: ServiceEntry;
  /**
   * Versioned app directories (`KIOSK_APPS_DIR`): the service runs from `<appsDir>/current`, and
   * staged updates switch that link with a trial and rollback (issue 14).
   */
  apps?: { dir: string; trialMs: number };
}

/** The compiled service inside the release `current` points to. */
export function releaseEntry(appsDir: string): ServiceEntry {
  return { script: path.join(currentLink(appsDir), 'dist/app/service/main.js'), execArgv: [] };
}

/** The browser fallback as one supervised appliance: Node child for the service, Chromium for the screen. */
export function createFallbackSupervisor(opts: FallbackSupervisorOptions): { supervisor: KioskSupervisor; service: NodeServiceHost; screen: ChromiumScreenHost | null } {
  const apps = opts.apps;
  const service = new NodeServiceHost({
    entry: apps !== undefined ? () => releaseEntry(apps.dir) : (opts.entry ?? serviceEntry(opts.root, opts.env)),
    env: { ...opts.env, KIOSK_DATA_DIR: opts.dataDir, ...(apps !== undefined ? { KIOSK_APPS_DIR: apps.dir } : {}) },
    stdio: opts.stdio,
    ...(opts.onServiceOutput ? { onOutput: (chunk: string) => opts.onServiceOutput?.(chunk) } : {}),
  });
  const screen = opts.browser === null ? null : new ChromiumScreenHost({ ...opts.browser, dataDir: opts.dataDir });
  const supervisor = new KioskSupervisor({
    service,
    screen,
    serviceBudget: opts.serviceBudget ?? DEFAULT_SERVICE_BUDGET,
    screenBudget: opts.screenBudget ?? DEFAULT_SCREEN_BUDGET,
    watchdog: opts.watchdog ?? DEFAULT_WATCHDOG,
    queueHealth: (e) => queueHealthEvent(opts.dataDir, e),
    writeErrorPage: (part, failures) => writeErrorPage(opts.dataDir, part, failures, new Date()),
    startingPage: () => writeStartingPage(opts.dataDir),
    log: (level, msg, detail) => opts.log(level, msg, detail),
    ...(apps !== undefined
      ? {
          updates: {
            trialMs: apps.trialMs,
            switchTo: (dir: string) => switchCurrent(apps.dir, dir),
            switchBack: (previous: string) => void switchCurrent(apps.dir, previous),
            recordOutcome: (o) => writeOutcome(opts.dataDir, o),
            markFailed: (seq: number) => markFailedHere(opts.dataDir, seq),
          } satisfies UpdateSwitch,
        }
      : {}),
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
  });
  return { supervisor, service, screen };
}
