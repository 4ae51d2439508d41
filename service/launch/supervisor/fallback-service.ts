import { fork, type ChildProcess } from 'node:child_process';
import { ParentMessageSchema, type ChildMessage } from '../ipc.ts';
import type { ServiceHost } from './supervisor.ts';

/** How to run the service: compiled JavaScript (production) or TypeScript through tsx (development). */
export interface ServiceEntry {
  script: string;
  execArgv: string[];
}

export interface NodeServiceHostOptions {
  /** Re-read at every start: after an update switch the next start runs the new release. */
  entry: ServiceEntry | (() => ServiceEntry);
  env: NodeJS.ProcessEnv;
  /** 'inherit' for `npm start`, 'pipe' to keep a tail for tests. */
  stdio: 'inherit' | 'pipe';
  /** Grace between SIGTERM and SIGKILL on stop. */
  stopGraceMs?: number;
  onOutput?(chunk: string): void;
}

/** The browser fallback's service host: the service as a Node child process with an IPC channel. */
export class NodeServiceHost implements ServiceHost {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly waiters = new Map<number, { resolve(url: string): void; reject(err: Error): void }>();

  constructor(private readonly opts: NodeServiceHostOptions) {}

  /** The running service's pid (tests SIGKILL it). */
  pid(): number | null {
    const c = this.child;
    return c !== null && c.exitCode === null && c.signalCode === null ? (c.pid ?? null) : null;
  }

  start(handlers: Parameters<ServiceHost['start']>[0]): void {
    const entry = typeof this.opts.entry === 'function' ? this.opts.entry() : this.opts.entry;
    const child = fork(entry.script, [], {
      execArgv: entry.execArgv,
      env: this.opts.env,
      stdio: this.opts.stdio === 'inherit' ? ['inherit', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => this.opts.onOutput?.(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.opts.onOutput?.(d.toString()));
    child.on('message', (raw) => {
      const msg = ParentMessageSchema.safeParse(raw);
      if (!msg.success || this.child !== child) return;
      if (msg.data.type === 'boot-url') {
        this.waiters.get(msg.data.id)?.resolve(msg.data.url);
        this.waiters.delete(msg.data.id);
      }
      handlers.onMessage(msg.data);
    });
    // 'error' covers a fork that failed; 'exit' the rest. Either is reported once.
    let reported = false;
    const report = (detail: string): void => {
      if (reported) return;
      reported = true;
      if (this.child === child) this.child = null;
      // A boot URL asked of a service that died will never come.
      for (const w of this.waiters.values()) w.reject(new Error(`the service exited (${detail})`));
      this.waiters.clear();
      handlers.onExit(detail);
    };
    child.once('error', (err) => report(`could not run the service: ${err.message}`));
    child.once('exit', (code, signal) => report(signal !== null ? `killed by ${signal}` : `exit code ${code}`));
  }

  bootUrl(pathname: string): Promise<string> {
    const child = this.child;
    if (child === null) return Promise.reject(new Error('the service is not running'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error('the service did not answer a boot-url request'));
      }, 10_000);
      this.waiters.set(id, {
        resolve: (url) => {
          clearTimeout(timer);
          resolve(url);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      child.send({ type: 'boot-request', id, pathname } satisfies ChildMessage);
    });
  }

  flushHealth(): void {
    if (this.child?.connected === true) this.child.send({ type: 'health-flush' } satisfies ChildMessage);
  }

  stop(): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), this.opts.stopGraceMs ?? 10_000).unref();
    });
  }
}
