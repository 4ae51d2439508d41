/**
 * Keyboard control of a ShelfNodeSim, for `npm run sim` and the service's sim mode:
 * 1–9 and 0 toggle lift/put of channels 0–9, g/c/l/u inject faults, p pauses heartbeats.
 */
import type { ShelfNodeSim, SimFault } from './shelf-node-sim.ts';

/** The part of process.stdin we use (a PassThrough stands in for tests). */
export interface KeyInput {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export const KEYBOARD_HELP = 'keys: 1-9,0 lift/put channel 0-9 · g garbage · c bad CRC · l over-long line · u unknown channel · p pause/resume heartbeats · q quit';

const FAULT_KEYS: Record<string, SimFault> = { g: 'garbage', c: 'bad-crc', l: 'too-long', u: 'unknown-channel' };
const CTRL_C = '\u0003';

export interface KeyboardHandle {
  /** Resolves when q or Ctrl-C is pressed. */
  readonly quit: Promise<void>;
  /** Stop listening and restore the terminal mode. */
  detach(): void;
}

/** Channel for a digit key: '1' → 0 … '9' → 8, '0' → 9; null for anything else. */
export function channelForKey(key: string): number | null {
  if (!/^[0-9]$/.test(key)) return null;
  return key === '0' ? 9 : Number(key) - 1;
}

async function handleKey(sim: ShelfNodeSim, key: string): Promise<string | null> {
  const channel = channelForKey(key);
  if (channel !== null) {
    if (channel >= sim.channels) return `channel ${channel} does not exist (board has ${sim.channels})`;
    return `${await sim.toggle(channel)} ${channel}`;
  }
  const fault = FAULT_KEYS[key];
  if (fault !== undefined) {
    await sim.injectFault(fault);
    return `sent ${fault}`;
  }
  if (key === 'p') {
    if (sim.isPaused) sim.resume();
    else sim.pause();
    return sim.isPaused ? 'heartbeats paused (board looks unplugged)' : 'heartbeats resumed';
  }
  return null;
}

/** Listen to keys on `input` and drive `sim`; `print` gets one line per action. */
export function attachKeyboard(sim: ShelfNodeSim, input: KeyInput, print: (line: string) => void = () => undefined): KeyboardHandle {
  let resolveQuit: () => void = () => undefined;
  const quit = new Promise<void>((resolve) => (resolveQuit = resolve));
  const wasRaw = input.isTTY === true;
  if (wasRaw) input.setRawMode?.(true);
  const onData = (chunk: Buffer | string): void => {
    for (const key of chunk.toString()) {
      if (key === 'q' || key === CTRL_C) {
        resolveQuit();
        return;
      }
      handleKey(sim, key).then(
        (line) => line !== null && print(line),
        (error: unknown) => print(`error: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  };
  input.on('data', onData);
  input.resume();
  return {
    quit,
    detach: () => {
      input.off('data', onData);
      if (wasRaw) input.setRawMode?.(false);
      input.pause();
    },
  };
}
