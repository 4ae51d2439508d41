import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ParentMessageSchema } from '../../service/launch/ipc.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** A kiosk service running as its own process, as `npm start` and Electron run it. */
export interface ServiceProcess {
  port: number;
  child: ChildProcess;
  bootUrl(pathname?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Forks service/main.ts (or `entry`, e.g. a release's compiled main.js) with the given environment and waits until it listens. */
export async function startServiceProcess(env: Record<string, string>, entry?: { main: string; execArgv: string[] }): Promise<ServiceProcess> {
  const child = fork(entry?.main ?? path.join(root, 'service/main.ts'), [], {
    execArgv: entry?.execArgv ?? ['--import', 'tsx'],
    env: { ...process.env, KIOSK_PORT: '0', KIOSK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const waiters = new Map<number, (url: string) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`service exited with ${code}:\n${output}`)));
    child.on('message', (raw) => {
      const msg = ParentMessageSchema.safeParse(raw);
      if (!msg.success) return;
      if (msg.data.type === 'ready') {
        clearTimeout(timer);
        resolve(msg.data.port);
      } else if (msg.data.type === 'boot-url') {
        waiters.get(msg.data.id)?.(msg.data.url);
        waiters.delete(msg.data.id);
      }
    });
  });
  return {
    port,
    child,
    bootUrl: (pathname = '/') =>
      new Promise((resolve) => {
        const id = nextId++;
        waiters.set(id, resolve);
        child.send({ type: 'boot-request', id, pathname });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
