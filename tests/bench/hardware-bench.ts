import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BoardSetup, ShelfEvent } from '../../contract/hardware.ts';
import { preciseNow } from '../../hardware/driver.ts';
import { FirmataEmulator } from '../../hardware/firmata/index.ts';
import { isHealth, startRig } from '../../hardware/firmata/testing.ts';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { createLogger } from '../../service/log.ts';
import { BoardSupervisor } from '../../service/shelf/board-supervisor.ts';
import { percentile, round, type Metric } from './stats.ts';

const LIFTS = 120;
const TRIALS = 3;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Emulated Uno pin change → FirmataDriver `lift` event (includes the 30 ms hold every level must pass). */
async function firmataLiftToEvent(): Promise<Metric[]> {
  const rig = await startRig([{ channel: 0, kind: 'switch', pin: 2 }], (e) => e.setDigital(2, 0));
  try {
    await rig.waitFor(isHealth('connected'), 15_000);
    const samples: number[] = [];
    for (let i = 0; i < LIFTS; i++) {
      const t = preciseNow();
      rig.emulator.setDigital(2, 1);
      const lift = await rig.waitFor((e) => e.kind === 'lift', 2000, t);
      samples.push(lift.at - t);
      const p = preciseNow();
      rig.emulator.setDigital(2, 0);
      await rig.waitFor((e) => e.kind === 'put', 2000, p);
    }
    return [
      { name: 'firmata_lift_to_event_ms_p50', value: round(percentile(samples, 50)), unit: 'ms' },
      { name: 'firmata_lift_to_event_ms_p95', value: round(percentile(samples, 95)), unit: 'ms', goal: '≤ 100 (includes the 30 ms hold)' },
    ];
  } finally {
    await rig.stop();
  }
}

/** The service's own supervision (BoardSupervisor + BoardRunner) with health events timestamped on arrival. */
function supervise(dir: string, setup: BoardSetup) {
  const events: Array<{ at: number; event: ShelfEvent }> = [];
  const supervisor = new BoardSupervisor({ listPorts: () => Promise.resolve([]), logger: createLogger({ level: 'silent', stdout: false }), onEvent: (event) => events.push({ at: preciseNow(), event }) });
  const waitHealth = async (state: string, after: number, timeoutMs = 12_000): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.at >= after && e.event.kind === 'health' && e.event.state === state);
      if (found) return found.at - after;
      if (Date.now() > deadline) throw new Error(`${setup.boardId}: no ${state} within ${timeoutMs} ms (${dir})`);
      await sleep(5);
    }
  };
  return { supervisor, waitHealth, start: () => supervisor.apply([{ setup, confirmed: true, sim: true }]) };
}

interface Trial {
  unplug: number;
  silent: number;
  replug: number;
}

function summarise(trials: Trial[], suffix: string): Metric[] {
  const worst = (k: keyof Trial): number => round(Math.max(...trials.map((t) => t[k])));
  return [
    { name: `unplug_detect_ms${suffix}`, value: worst('unplug'), unit: `ms, worst of ${trials.length} (port vanished)`, goal: '≤ 2000' },
    { name: `silent_detect_ms${suffix}`, value: worst('silent'), unit: `ms, worst of ${trials.length} (board stopped answering)`, goal: '≤ 2000' },
    { name: `replug_recover_ms${suffix}`, value: worst('replug'), unit: `ms, worst of ${trials.length} (port returned)`, goal: '≤ 10000' },
  ];
}

async function shelfNodeUnplug(): Promise<Metric[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-shelf-'));
  let pty: PtyPair = await startPtyPair(dir);
  let sim = new ShelfNodeSim({ path: pty.devicePath, boardId: 'shelf-B', channels: 4 });
  await sim.start();
  const rig = supervise(dir, { boardId: 'shelf-B', protocol: 'shelf-node', port: { path: pty.hostPath }, baudRate: 115200, loadCellRate: 80 });
  const trials: Trial[] = [];
  try {
    await rig.start();
    await rig.waitHealth('connected', 0);
    for (let i = 0; i < TRIALS; i++) {
      await sleep(300 + 300 * i); // vary the phase against the 1 s heartbeat
      let t = preciseNow();
      sim.pause();
      const silent = await rig.waitHealth('lost', t);
      t = preciseNow();
      sim.resume();
      await rig.waitHealth('recovered', t);
      t = preciseNow();
      await sim.stop();
      await pty.stop();
      const unplug = await rig.waitHealth('lost', t);
      await sleep(1000);
      t = preciseNow();
      pty = await startPtyPair(dir);
      sim = new ShelfNodeSim({ path: pty.devicePath, boardId: 'shelf-B', channels: 4 });
      await sim.start();
      trials.push({ unplug, silent, replug: await rig.waitHealth('recovered', t) });
    }
    return summarise(trials, '');
  } finally {
    await rig.supervisor.stop();
    await sim.stop();
    await pty.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function firmataUnplug(): Promise<Metric[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-uno-'));
  const boot = async (): Promise<{ pty: PtyPair; emulator: FirmataEmulator }> => {
    const pty = await startPtyPair(dir);
    const emulator = new FirmataEmulator({ devicePath: pty.devicePath, hostPath: pty.hostPath, bootMs: 300, hostPollMs: 50 });
    emulator.setDigital(2, 0);
    await emulator.start();
    return { pty, emulator };
  };
  let board = await boot();
  const rig = supervise(dir, { boardId: 'uno-b', protocol: 'firmata', port: { path: board.pty.hostPath }, baudRate: 57600, slots: [{ channel: 0, kind: 'switch', pin: 2, pullup: true, presentLevel: 0 }] });
  const trials: Trial[] = [];
  try {
    await rig.start();
    await rig.waitHealth('connected', 0, 20_000);
    for (let i = 0; i < TRIALS; i++) {
      await sleep(700 + 150 * i);
      let t = preciseNow();
      board.emulator.stopAnswering();
      const silent = await rig.waitHealth('lost', t);
      t = preciseNow();
      board.emulator.resume();
      await rig.waitHealth('recovered', t);
      await sleep(300);
      t = preciseNow();
      await board.emulator.stop();
      await board.pty.stop();
      const unplug = await rig.waitHealth('lost', t);
      await sleep(1500);
      t = preciseNow();
      board = await boot();
      trials.push({ unplug, silent, replug: await rig.waitHealth('recovered', t) });
    }
    return summarise(trials, '_firmata');
  } finally {
    await rig.supervisor.stop();
    await board.emulator.stop();
    await board.pty.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Hardware figures: Firmata switch latency over a pty, and unplug/replug through the service's board supervision (shelf-node and
 * Firmata). Replug times include the reopen backoff (≤ 2 s) and, for Firmata, a 300 ms
 * emulated boot (a real Uno adds about 2 s).
 */
export async function runHardwareBench(): Promise<Metric[]> {
  return [...(await firmataLiftToEvent()), ...(await shelfNodeUnplug()), ...(await firmataUnplug())];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const m of await runHardwareBench()) console.log(JSON.stringify(m));
}
