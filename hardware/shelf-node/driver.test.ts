/**
 * ShelfNodeDriver against the shelf-node simulator over a real socat pty pair.
 * No timing assertions: conditions are polled with a generous 10 s limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShelfEvent } from '../../contract/hardware.ts';
import { preciseNow } from '../driver.ts';
import { startPtyPair, type PtyPair } from '../sim/pty.ts';
import { ShelfNodeSim } from '../sim/shelf-node-sim.ts';
import { SerialPort } from 'serialport';
import { encodeFrame } from './codec.ts';
import { ShelfNodeDriver, ShelfNodeNotConnectedError } from './driver.ts';
import type { Logger, TimerHandle, Timers } from './reconnecting-port.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Rig {
  dir: string;
  pty: PtyPair | null;
  sim: ShelfNodeSim | null;
  driver: ShelfNodeDriver;
  events: ShelfEvent[];
  raw: Array<{ direction: string; length: number }>;
  timers: ReturnType<typeof trackedTimers>;
}

const rigs: Rig[] = [];

/** Real timers that remember which are still pending, so a test can prove a stop left none. */
function trackedTimers(): Timers & { pending: Set<TimerHandle> } {
  const pending = new Set<TimerHandle>();
  return {
    pending,
    setTimeout(fn, ms) {
      const handle: TimerHandle = setTimeout(() => {
        pending.delete(handle);
        fn();
      }, ms);
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle);
      clearTimeout(handle);
    },
  };
}

function makeRig(dir = mkdtempSync(join(tmpdir(), 'shelf-node-'))): Rig {
  const events: ShelfEvent[] = [];
  const raw: Rig['raw'] = [];
  const timers = trackedTimers();
  const driver = new ShelfNodeDriver({
    boardId: 'B1',
    path: join(dir, 'a'),
    logger: quiet,
    timers,
    onRaw: (direction, bytes) => raw.push({ direction, length: bytes.length }),
  });
  driver.onEvent((event) => events.push(event));
  const rig: Rig = { dir, pty: null, sim: null, driver, events, raw, timers };
  rigs.push(rig);
  return rig;
}

async function startBoard(rig: Rig, options: Partial<ConstructorParameters<typeof ShelfNodeSim>[0]> = {}): Promise<ShelfNodeSim> {
  rig.pty ??= await startPtyPair(rig.dir);
  rig.sim = new ShelfNodeSim({ path: rig.pty.devicePath, boardId: 'B1', channels: 10, ...options });
  await rig.sim.start();
  return rig.sim;
}

const kinds = (rig: Rig, kind: ShelfEvent['kind']): ShelfEvent[] => rig.events.filter((e) => e.kind === kind);
const healthStates = (rig: Rig): string[] => rig.events.flatMap((e) => (e.kind === 'health' ? [e.state] : []));
const lifts = (rig: Rig): number[] => rig.events.flatMap((e) => (e.kind === 'lift' ? [e.channel] : []));

afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.driver.stop();
    await rig.sim?.stop();
    await rig.pty?.stop();
    rmSync(rig.dir, { recursive: true, force: true });
  }
});

describe('ShelfNodeDriver over a pty', () => {
  it('says hello, connects and reports lifts, puts and weights with the right channel', async () => {
    const rig = makeRig();
    const sim = await startBoard(rig);
    await rig.driver.start();
    await waitFor('hello', () => kinds(rig, 'hello').length > 0);
    expect(kinds(rig, 'hello')[0]).toMatchObject({ boardId: 'B1', firmware: '1.0.0-sim', channels: 10 });
    expect(healthStates(rig)[0]).toBe('connected');

    const writtenAt = await sim.lift(3);
    await sim.put(3);
    await sim.lift(9);
    await sim.weight(2, -1.5);
    await waitFor('events', () => kinds(rig, 'weight').length === 1);
    expect(lifts(rig)).toEqual([3, 9]);
    expect(kinds(rig, 'put')).toMatchObject([{ channel: 3, boardId: 'B1' }]);
    expect(kinds(rig, 'weight')).toMatchObject([{ channel: 2, grams: -1.5 }]);
    const firstLift = kinds(rig, 'lift')[0];
    expect(firstLift?.rxAt).toBeGreaterThanOrEqual(writtenAt);
    expect(firstLift?.rxAt).toBeLessThanOrEqual(preciseNow());
    expect(rig.driver.stats()).toMatchObject({ connected: true, reportedBoardId: 'B1', channels: 10 });
    expect(Object.values(rig.driver.stats().errors).every((n) => n === 0)).toBe(true);
    expect(rig.raw.some((r) => r.direction === 'tx') && rig.raw.some((r) => r.direction === 'rx')).toBe(true);
  });

  it('sends host commands the board understands', async () => {
    const rig = makeRig();
    const sim = await startBoard(rig);
    await rig.driver.start();
    await waitFor('hello', () => kinds(rig, 'hello').length > 0);
    await rig.driver.send({ kind: 'led', channel: 4, pattern: 'blink' });
    await rig.driver.send({ kind: 'tare', channel: 1 });
    await rig.driver.send({ kind: 'cal', channel: 1, grams: 500 });
    await waitFor('commands', () => sim.commands.some((c) => c.type === 'CAL'));
    expect(sim.leds.get(4)).toBe('blink');
    expect(sim.commands.map((c) => c.type)).toEqual(expect.arrayContaining(['PING', 'LED', 'TARE', 'CAL']));
    await expect(rig.driver.send({ kind: 'led', channel: 10, pattern: 'on' })).rejects.toThrow(RangeError);
    await rig.driver.assignBoardId('B2');
    await waitFor('hello from B2', () => kinds(rig, 'hello').some((e) => e.boardId === 'B2'));
  });

  it('counts garbage, bad CRC, over-long lines, unknown channels and board errors, and lifts nothing for them', async () => {
    const rig = makeRig();
    const sim = await startBoard(rig);
    await rig.driver.start();
    await waitFor('hello', () => kinds(rig, 'hello').length > 0);

    await sim.writeRaw('\x00\xffnoise noise\n');
    const badCrc = new TextDecoder().decode(sim.nextFrame('LIFT', ['1'])).replace(/\*[0-9A-F]{4}/, '*0000');
    await sim.writeRaw(badCrc);
    await sim.writeRaw(`$1,LIFT,2,${'9'.repeat(300)}*0000\n`);
    await sim.writeRaw(sim.nextFrame('LIFT', ['42']));
    await sim.writeRaw(sim.nextFrame('FOO', ['1']));
    await sim.writeRaw(sim.nextFrame('LIFT', ['x']));
    await sim.error('HX711', 'channel 3 timeout');
    await sim.lift(5);

    await waitFor('the valid lift after the faults', () => lifts(rig).length > 0);
    expect(lifts(rig)).toEqual([5]);
    const { errors } = rig.driver.stats();
    expect(errors).toMatchObject({ garbage: 1, 'bad-crc': 1, 'too-long': 1, 'unknown-channel': 1, 'unknown-type': 1, 'bad-fields': 1, 'board-error': 1 });
    // The bad-CRC line consumed a sequence number the driver never saw: one gap.
    expect(errors['seq-gap']).toBe(1);
    expect(kinds(rig, 'protocol-error')).toHaveLength(8);
    expect(healthStates(rig)).toEqual(['connected']);
  });

  it('does not count a gap across the 65535 → 0 wrap', async () => {
    const rig = makeRig();
    const sim = await startBoard(rig, { startSeq: 65533 });
    await rig.driver.start();
    await waitFor('hello', () => kinds(rig, 'hello').length > 0);
    for (let i = 0; i < 5; i++) await sim.lift(i);
    await waitFor('lifts', () => lifts(rig).length === 5);
    expect(rig.driver.stats().errors['seq-gap']).toBe(0);
  });

  it('reports lost when the board falls silent and recovered when it talks again', async () => {
    const rig = makeRig();
    const sim = await startBoard(rig);
    await rig.driver.start();
    await waitFor('connected', () => healthStates(rig).includes('connected'));
    const pausedAt = Date.now();
    sim.pause();
    await waitFor('lost', () => healthStates(rig).includes('lost'));
    const lostAfterMs = Date.now() - pausedAt;
    sim.resume();
    await waitFor('recovered', () => healthStates(rig).includes('recovered'));
    expect(healthStates(rig)).toEqual(['connected', 'lost', 'recovered']);
    expect(lostAfterMs).toBeGreaterThan(0); // reported, not asserted tightly: machines are noisy
    console.info(`silence → lost after ${lostAfterMs} ms`);
  });

  it('reports lost when the simulator closes its end, and recovered when it reopens', async () => {
    const rig = makeRig();
    await startBoard(rig);
    await rig.driver.start();
    await waitFor('connected', () => healthStates(rig).includes('connected'));
    await rig.sim?.stop();
    await waitFor('lost', () => healthStates(rig).includes('lost'));
    const sim = await startBoard(rig);
    await waitFor('recovered', () => healthStates(rig).includes('recovered'));
    await sim.lift(1);
    await waitFor('lift after recovery', () => lifts(rig).includes(1));
  });

  it('reconnects after the port disappears (socat stopped) and comes back', async () => {
    const rig = makeRig();
    await startBoard(rig);
    await rig.driver.start();
    await waitFor('connected', () => healthStates(rig).includes('connected'));
    const goneAt = Date.now();
    await rig.sim?.stop();
    await rig.pty?.stop();
    rig.pty = null;
    await waitFor('lost', () => healthStates(rig).includes('lost'));
    const lostAfterMs = Date.now() - goneAt;
    await expect(rig.driver.send({ kind: 'ping' })).rejects.toThrow(ShelfNodeNotConnectedError);
    const backAt = Date.now();
    const sim = await startBoard(rig);
    await waitFor('recovered', () => healthStates(rig).includes('recovered'));
    console.info(`unplug → lost after ${lostAfterMs} ms; replug → recovered after ${Date.now() - backAt} ms`);
    expect(rig.driver.stats().opens).toBe(2);
    await sim.lift(7);
    await waitFor('lift after reconnect', () => lifts(rig).includes(7));
  });

  it('waits for a board that is absent at start', async () => {
    const rig = makeRig();
    await rig.driver.start();
    await waitFor('lost (absent)', () => healthStates(rig).includes('lost'));
    await startBoard(rig);
    await waitFor('recovered', () => healthStates(rig).includes('recovered'));
    expect(kinds(rig, 'hello').length).toBeGreaterThan(0);
  });

  it('treats channel frames before any HELLO as unknown-channel, never a lift', async () => {
    const rig = makeRig();
    rig.pty = await startPtyPair(rig.dir);
    await rig.driver.start();
    await waitFor('port open', () => rig.raw.some((r) => r.direction === 'tx')); // the PING on open
    // A board that never said HELLO (e.g. its HELLO was lost while the host was away).
    const mute = new SerialPort({ path: rig.pty.devicePath, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => mute.open((error) => (error ? reject(error) : resolve())));
    await new Promise<void>((resolve) => mute.write(encodeFrame(5, 'LIFT', ['2']), () => resolve()));
    await waitFor('unknown-channel', () => rig.driver.stats().errors['unknown-channel'] === 1);
    await new Promise<void>((resolve) => mute.close(() => resolve()));
    const sim = await startBoard(rig);
    await waitFor('hello', () => kinds(rig, 'hello').length > 0);
    await sim.lift(4);
    await waitFor('the lift after HELLO', () => lifts(rig).includes(4));
    expect(lifts(rig)).toEqual([4]);
  });

  it('stops cleanly while the board is absent and while connected', async () => {
    const rig = makeRig();
    await rig.driver.start();
    await rig.driver.stop();
    const rig2 = makeRig();
    await startBoard(rig2);
    await rig2.driver.start();
    await waitFor('connected', () => healthStates(rig2).includes('connected'));
    const before = rig2.events.length;
    await rig2.driver.stop();
    // No "lost" for a close we asked for — neither now nor later: no timer is left that could
    // report one (liveness ticks and reconnects run on these timers), and the port is closed.
    expect(rig2.events.slice(before).filter((e) => e.kind === 'health')).toEqual([]);
    expect(rig.timers.pending.size).toBe(0);
    expect(rig2.timers.pending.size).toBe(0);
    expect(rig2.driver.stats().connected).toBe(false);
  });
});
