/**
 * A pseudo-terminal pair from socat: one end for the driver under test (host), the other
 * for a board simulator (device). Used by tests, the service's sim mode and benchmarks.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  /** The end a driver opens, as if it were /dev/ttyUSB0. */
  readonly hostPath: string;
  /** The end the simulator opens. */
  readonly devicePath: string;
  readonly pid: number;
  /** Kill socat by pid and wait for it to exit; socat removes both links on exit. */
  stop(): Promise<void>;
}

export interface PtyOptions {
  hostName?: string;
  deviceName?: string;
  timeoutMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Start `socat pty,raw,echo=0,link=<dir>/a pty,raw,echo=0,link=<dir>/b` and wait for both links. */
export async function startPtyPair(dir: string, options: PtyOptions = {}): Promise<PtyPair> {
  const hostPath = join(dir, options.hostName ?? 'a');
  const devicePath = join(dir, options.deviceName ?? 'b');
  // Stale links from a socat killed with SIGKILL would make the wait below pass too early.
  rmSync(hostPath, { force: true });
  rmSync(devicePath, { force: true });
  const child = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let done = false;
  void exited.then(() => (done = true));

  const stop = async (): Promise<void> => {
    if (done) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  let failure: Error | null = null;
  void spawnError.then((error) => (failure = error));
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (failure !== null || done || Date.now() > deadline) {
      await stop();
      throw new Error(`socat did not create ${hostPath} and ${devicePath}: ${failure ?? (stderr.trim() || 'timed out')}`);
    }
    await sleep(10);
  }
  if (child.pid === undefined) throw new Error('socat has no pid');
  return { hostPath, devicePath, pid: child.pid, stop };
}
