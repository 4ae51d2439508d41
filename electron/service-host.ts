import { utilityProcess, type UtilityProcess } from 'electron';
import { BootUrlRequests } from '../service/launch/boot-requests.ts';
import { ParentMessageSchema, type ChildMessage } from '../service/launch/ipc.ts';
import type { ServiceHost } from '../service/launch/supervisor/supervisor.ts';

/**
 * The shell's service host: the kiosk service in a `utilityProcess` (so a database fsync never
 * stalls the window and the service restarts alone). Same IPC messages as the fallback's Node
 * child (service/launch/supervisor/fallback-service.ts). Typechecked; not run here (no binary).
 */
export class UtilityServiceHost implements ServiceHost {
  private child: UtilityProcess | null = null;
  private readonly bootUrls = new BootUrlRequests();

  constructor(private readonly opts: { script: string; execArgv: string[]; env: NodeJS.ProcessEnv }) {}

  start(handlers: Parameters<ServiceHost['start']>[0]): void {
    const child = utilityProcess.fork(this.opts.script, [], { execArgv: this.opts.execArgv, env: this.opts.env, serviceName: 'kiosk-service', stdio: 'inherit' });
    this.child = child;
    child.on('message', (raw: unknown) => {
      const msg = ParentMessageSchema.safeParse(raw);
      if (!msg.success || this.child !== child) return;
      this.bootUrls.answer(msg.data);
      handlers.onMessage(msg.data);
    });
    child.once('exit', (code) => {
      if (this.child === child) this.child = null;
      this.bootUrls.failAll(`exit code ${code}`);
      handlers.onExit(`exit code ${code}`);
    });
  }

  bootUrl(pathname: string): Promise<string> {
    const child = this.child;
    if (child === null) return Promise.reject(new Error('the service is not running'));
    return this.bootUrls.ask((m: ChildMessage) => child.postMessage(m), pathname);
  }

  flushHealth(): void {
    this.child?.postMessage({ type: 'health-flush' } satisfies ChildMessage);
  }

  stop(): Promise<void> {
    const child = this.child;
    if (child === null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    });
  }
}
