import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { createFallbackSupervisor, type FallbackSupervisorOptions } from '../../service/launch/supervisor/fallback.ts';
import type { KioskSupervisor, SupervisorEvent } from '../../service/launch/supervisor/supervisor.ts';
import type { NodeServiceHost } from '../../service/launch/supervisor/fallback-service.ts';
import type { ChromiumScreenHost } from '../../service/launch/supervisor/chromium-screen.ts';
import { CHROMIUM } from './browser.ts';
import { teardown } from './teardown.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** A port that was free a moment ago: the kiosk keeps a fixed port across restarts, as in a store. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The browser fallback as `npm start` runs it — the supervisor, the service as a Node child,
 * headless Chromium as the screen — with a shelf-node simulator on a socat pty as the shelf.
 * Every supervisor event is kept, so tests wait for what happened instead of sleeping.
 */
export interface SupervisedKiosk {
  dataDir: string;
  sim: ShelfNodeSim;
  supervisor: KioskSupervisor;
  service: NodeServiceHost;
  screen: ChromiumScreenHost;
  events: SupervisorEvent[];
  /** Resolves with the first event from index `from` on that matches. */
  waitFor<T extends SupervisorEvent['type']>(type: T, opts?: { from?: number; timeoutMs?: number; where?: (e: Extract<SupervisorEvent, { type: T }>) => boolean }): Promise<Extract<SupervisorEvent, { type: T }>>;
  output(): string;
  stop(): Promise<void>;
}

export async function startSupervisedKiosk(opts: Partial<Pick<FallbackSupervisorOptions, 'serviceBudget' | 'screenBudget' | 'watchdog' | 'entry'>> & { env?: Record<string, string> } = {}): Promise<SupervisedKiosk> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-sup-'));
  let pty: PtyPair | undefined;
  let sim: ShelfNodeSim | undefined;
  try {
    pty = await startPtyPair(dataDir);
    sim = new ShelfNodeSim({ path: pty.devicePath, boardId: 'shelf-A', channels: 12 });
    await sim.start();
  } catch (err) {
    await pty?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  let output = '';
  const events: SupervisorEvent[] = [];
  const waiters = new Set<() => void>();
  const port = await freePort();
  const { supervisor, service, screen } = createFallbackSupervisor({
    root,
    dataDir,
    env: { ...process.env, KIOSK_PORT: String(port), KIOSK_LOG_LEVEL: 'warn', KIOSK_HARDWARE: 'serial', KIOSK_SERIAL_PATH: pty.hostPath, ...opts.env },
    browser: { executablePath: CHROMIUM, fullscreen: false, isRoot: true, headless: true },
    stdio: 'pipe',
    tickMs: 200,
    log: (level, msg, detail) => (output = `${output}[supervisor ${level}] ${msg} ${JSON.stringify(detail ?? {})}\n`.slice(-20_000)),
    onServiceOutput: (chunk) => (output = (output + chunk).slice(-20_000)),
    ...opts,
  });
  if (screen === null) throw new Error('no screen');
  supervisor.on((e) => {
    events.push(e);
    for (const w of [...waiters]) w();
  });
  supervisor.start();
  const [ptyPair, shelfSim] = [pty, sim];
  return {
    dataDir,
    sim: shelfSim,
    supervisor,
    service,
    screen,
    events,
    output: () => output,
    waitFor(type, o = {}) {
      const from = o.from ?? 0;
      const timeoutMs = o.timeoutMs ?? 60_000;
      type E = Extract<SupervisorEvent, { type: typeof type }>;
      const find = (): E | undefined => events.slice(from).find((e): e is E => e.type === type && (o.where === undefined || o.where(e as E)));
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = find();
          if (hit === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} event within ${timeoutMs} ms; events: ${events.slice(from).map((e) => e.type).join(', ')}\n${output}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () =>
      teardown([
        ['supervisor', () => supervisor.stop()],
        ['shelf simulator', () => shelfSim.stop()],
        ['pty (socat)', () => ptyPair.stop()],
        // Chromium's helper processes may still be writing the profile for a moment after a kill.
        ['data dir', () => fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 })],
      ]),
  };
}
