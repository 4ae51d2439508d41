import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { createFallbackSupervisor, serviceEntry } from '../../service/launch/supervisor/fallback.ts';
import type { ServiceEntry } from '../../service/launch/supervisor/fallback-service.ts';
import type { SupervisorEvent } from '../../service/launch/supervisor/supervisor.ts';
import { DEFAULT_SERVICE_BUDGET } from '../../service/launch/supervisor/policy.ts';
import { CHROMIUM } from '../support/browser.ts';
import { freePort } from '../support/supervised-kiosk.ts';
import { percentile, round, type Metric } from './stats.ts';

const root = path.resolve(import.meta.dirname, '../..');
const STARTS = 5;
const RESTARTS = 5;

/**
 * Start time of the kiosk appliance (issue 14), through the browser fallback's supervisor:
 * - `start_to_attract_ms`: service process spawned → attract painted in Chromium (the page's
 *   first heartbeat after its snapshot, sent after two animation frames), on a data directory
 *   that has started once before (content installed: a normal power-on);
 * - `restart_to_attract_ms`: the service SIGKILLed → restarted by the supervisor → the same
 *   page reconnected and painted attract again;
 * - `service_ready_ms`: spawn → the service's `ready` (compiled JavaScript vs tsx).
 */
export async function runStartBench(): Promise<Metric[]> {
  const compiled = path.join(root, 'dist/app/service/main.js');
  if (!fs.existsSync(compiled)) throw new Error('run `npm run build:app` first: the bench measures the compiled service');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-start-bench-'));
  const pty = await startPtyPair(dataDir);
  const sim = new ShelfNodeSim({ path: pty.devicePath, boardId: 'shelf-A', channels: 12 });
  await sim.start();
  const port = await freePort();
  const run = async (entry: ServiceEntry, body: (k: Running) => Promise<void>): Promise<void> => {
    const events: SupervisorEvent[] = [];
    const waiters = new Set<() => void>();
    const { supervisor, service } = createFallbackSupervisor({
      root,
      dataDir,
      entry,
      env: { ...process.env, KIOSK_PORT: String(port), KIOSK_LOG_LEVEL: 'warn', KIOSK_HARDWARE: 'serial', KIOSK_SERIAL_PATH: pty.hostPath },
      browser: { executablePath: CHROMIUM, fullscreen: false, isRoot: process.getuid?.() === 0, headless: true },
      stdio: 'pipe',
      // Every restart measured as a first one (the policy's 250 ms backoff, not its later doubling).
      serviceBudget: { ...DEFAULT_SERVICE_BUDGET, capMs: DEFAULT_SERVICE_BUDGET.baseMs, maxInWindow: 100 },
      log: (level, msg, detail) => (level === 'error' ? process.stderr.write(`[bench supervisor] ${msg} ${JSON.stringify(detail ?? {})}\n`) : undefined),
    });
    supervisor.on((e) => {
      events.push(e);
      for (const w of [...waiters]) w();
    });
    const waitFor = (pred: (e: SupervisorEvent) => boolean, from: number): Promise<SupervisorEvent> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bench: timed out; events ${events.map((e) => e.type).join(',')}`)), 60_000);
        const check = (): void => {
          const hit = events.slice(from).find(pred);
          if (hit === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        waiters.add(check);
        check();
      });
    supervisor.start();
    try {
      await body({ events, waitFor, pid: () => service.pid() });
    } finally {
      await supervisor.stop();
    }
  };
  const isAttract = (e: SupervisorEvent): boolean => e.type === 'screen-beat' && e.screen === 'attract';
  try {
    const tsxEntry = serviceEntry(root, { KIOSK_FROM_SOURCE: '1' });
    const jsEntry: ServiceEntry = { script: compiled, execArgv: [] };
    // First start: installs the demo content (not counted).
    await run(jsEntry, async (k) => void (await k.waitFor(isAttract, 0)));
    const starts: number[] = [];
    const readyJs: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      await run(jsEntry, async (k) => {
        const attract = await k.waitFor(isAttract, 0);
        const spawn = k.events.find((e) => e.type === 'service-start');
        const ready = k.events.find((e) => e.type === 'service-ready');
        if (spawn === undefined || ready === undefined) throw new Error('no start events');
        starts.push(attract.at - spawn.at);
        readyJs.push(ready.at - spawn.at);
      });
    }
    const restarts: number[] = [];
    await run(jsEntry, async (k) => {
      await k.waitFor(isAttract, 0);
      for (let i = 0; i < RESTARTS; i++) {
        const mark = k.events.length;
        const killedAt = Date.now();
        process.kill(k.pid() ?? 0, 'SIGKILL');
        const ready = await k.waitFor((e) => e.type === 'service-ready', mark);
        const attract = await k.waitFor(isAttract, k.events.indexOf(ready));
        restarts.push(attract.at - killedAt);
      }
    });
    const readyTsx: number[] = [];
    for (let i = 0; i < 3; i++) {
      await run(tsxEntry, async (k) => {
        const ready = await k.waitFor((e) => e.type === 'service-ready', 0);
        const spawn = k.events.find((e) => e.type === 'service-start');
        readyTsx.push(ready.at - (spawn?.at ?? ready.at));
      });
    }
    return [
      { name: 'start_to_attract_ms_p50', value: round(percentile(starts, 50)), unit: 'ms', goal: '≤ 2000 (service spawn → attract painted)' },
      { name: 'start_to_attract_ms_max', value: round(Math.max(...starts)), unit: 'ms', goal: '≤ 2000' },
      { name: 'restart_to_attract_ms_p50', value: round(percentile(restarts, 50)), unit: 'ms', goal: 'SIGKILL → restarted → same page painted attract' },
      { name: 'restart_to_attract_ms_max', value: round(Math.max(...restarts)), unit: 'ms' },
      { name: 'service_ready_ms_compiled_p50', value: round(percentile(readyJs, 50)), unit: 'ms', goal: 'spawn → ready, dist/app JavaScript' },
      { name: 'service_ready_ms_tsx_p50', value: round(percentile(readyTsx, 50)), unit: 'ms', goal: 'spawn → ready, TypeScript via tsx (development)' },
    ];
  } finally {
    await sim.stop();
    await pty.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Running {
  events: SupervisorEvent[];
  waitFor(pred: (e: SupervisorEvent) => boolean, from: number): Promise<SupervisorEvent>;
  pid(): number | null;
}
