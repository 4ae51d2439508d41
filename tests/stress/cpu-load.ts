/**
 * Keeps cores busy from other processes (one busy loop per worker), as a loaded CI machine
 * does. Plain Node so the harness needs nothing from apt.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface CpuLoad {
  stop(): Promise<void>;
}

const BUSY_LOOP = 'let x = 0; for (;;) { x = (x * 1103515245 + 12345) % 2147483648; }';

export function startCpuLoad(workers: number): CpuLoad {
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i += 1) children.push(spawn(process.execPath, ['-e', BUSY_LOOP], { stdio: 'ignore' }));
  return {
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
