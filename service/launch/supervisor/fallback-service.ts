import { fork, type ChildProcess } from 'node:child_process';
import { BootUrlRequests } from '../boot-requests.ts';
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
  private readonly bootUrls = new BootUrlRequests();

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
      this.bootUrls.answer(msg.data);
      handlers.onMessage(msg.data);
    });
    // 'error' covers a fork that failed; 'exit' the rest. Either is reported once.
    let reported = false;
    const report = (detail: string): void => {
      if (reported) return;
      reported = true;
      if (this.child === child) this.child = null;
      this.bootUrls.failAll(detail);
      handlers.onExit(detail);
    };
    child.once('error', (err) => report(`could not run the service: ${err.message}`));
    child.once('exit', (code, signal) => report(signal !== null ? `killed by ${signal}` : `exit code ${code}`));
  }

  bootUrl(pathname: string): Promise<string> {
    const child = this.child;
    if (child === null) return Promise.reject(new Error('the service is not running'));
    return this.bootUrls.ask((m: ChildMessage) => child.send(m), pathname);
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
