import fs from 'node:fs';
import path from 'node:path';
import { ChromiumScreenHost } from './chromium-screen.ts';
import { writeErrorPage, writeStartingPage } from './error-page.ts';
import { NodeServiceHost, type ServiceEntry } from './fallback-service.ts';
import { queueHealthEvent } from './health-queue.ts';
import { DEFAULT_SCREEN_BUDGET, DEFAULT_SERVICE_BUDGET, DEFAULT_WATCHDOG, type RestartBudgetOptions, type WatchdogOptions } from './policy.ts';
import { KioskSupervisor } from './supervisor.ts';

/**
 * How the service runs: the compiled bundle (`npm run build:app` → dist/app/service/main.js,
 * plain `node`, no TypeScript compile at start) when it exists and is not older than the
 * sources' build marker, else the TypeScript entry through tsx (development).
 */
export function serviceEntry(root: string, env: NodeJS.ProcessEnv): ServiceEntry {
  const compiled = path.join(root, 'dist/app/service/main.js');
  if (env.KIOSK_FROM_SOURCE !== '1' && fs.existsSync(compiled)) return { script: compiled, execArgv: [] };
  return { script: path.join(root, 'service/main.ts'), execArgv: ['--import', 'tsx'] };
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
}

/** The browser fallback as one supervised appliance: Node child for the service, Chromium for the screen. */
export function createFallbackSupervisor(opts: FallbackSupervisorOptions): { supervisor: KioskSupervisor; service: NodeServiceHost; screen: ChromiumScreenHost | null } {
  const service = new NodeServiceHost({
    entry: opts.entry ?? serviceEntry(opts.root, opts.env),
    env: { ...opts.env, KIOSK_DATA_DIR: opts.dataDir },
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
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
  });
  return { supervisor, service, screen };
}
