import type { ChildMessage, ParentMessage } from './ipc.ts';

/**
 * Boot-URL requests a service host sends its service over IPC (`boot-request` → `boot-url`),
 * each answered once or failed: after 10 s, or at once when the service exits. Shared by the
 * fallback's Node child host and Electron's utilityProcess host.
 */
export class BootUrlRequests {
  private nextId = 1;
  private readonly waiters = new Map<number, { resolve(url: string): void; reject(err: Error): void }>();

  ask(send: (m: ChildMessage) => void, pathname: string, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error('the service did not answer a boot-url request'));
      }, timeoutMs);
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
      send({ type: 'boot-request', id, pathname });
    });
  }

  /** Resolves the request a `boot-url` message answers (other messages are ignored). */
  answer(msg: ParentMessage): void {
    if (msg.type !== 'boot-url') return;
    this.waiters.get(msg.id)?.resolve(msg.url);
    this.waiters.delete(msg.id);
  }

  /** A boot URL asked of a service that died will never come. */
  failAll(detail: string): void {
    for (const w of this.waiters.values()) w.reject(new Error(`the service exited (${detail})`));
    this.waiters.clear();
  }
}
