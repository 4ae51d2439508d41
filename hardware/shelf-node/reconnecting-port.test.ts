/** Reconnect policy with an in-memory port and hand-driven timers: no sleeping, no pty. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PortNotOpenError, ReconnectingPort, type SerialPortLike, type TimerHandle, type Timers } from './reconnecting-port.ts';

class FakePort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  written: Uint8Array[] = [];
  constructor(private readonly present: () => boolean) {
    super();
  }
  open(callback: (error: Error | null) => void): void {
    queueMicrotask(() => {
      this.isOpen = this.present();
      callback(this.isOpen ? null : new Error('ENOENT'));
    });
  }
  close(callback?: (error: Error | null) => void): void {
    this.isOpen = false;
    queueMicrotask(() => {
      this.emit('close', null);
      callback?.(null);
    });
  }
  write(data: Uint8Array, callback: (error: Error | null | undefined) => void): boolean {
    this.written.push(data);
    callback(null);
    return true;
  }
  unplug(): void {
    this.isOpen = false;
    this.emit('close', Object.assign(new Error('disconnected'), { disconnected: true }));
  }
}

class ManualTimers implements Timers {
  pending: Array<{ fn: () => void; ms: number; id: number }> = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    this.pending.push({ fn, ms, id });
    return id as unknown as TimerHandle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((t) => t.id !== (handle as unknown as number));
  }
  /** Run the one pending timer and return its delay. */
  fire(): number {
    const timer = this.pending.shift();
    if (timer === undefined) throw new Error('no timer pending');
    timer.fn();
    return timer.ms;
  }
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

function rig(initiallyPresent: boolean) {
  let present = initiallyPresent;
  const ports: FakePort[] = [];
  const log: string[] = [];
  const timers = new ManualTimers();
  const port = new ReconnectingPort({
    path: '/dev/fake',
    baudRate: 115200,
    logger: quiet,
    timers,
    factory: () => {
      const p = new FakePort(() => present);
      ports.push(p);
      return p;
    },
    handlers: { opened: () => log.push('opened'), data: () => log.push('data'), down: (reason) => log.push(`down: ${reason}`) },
  });
  return { port, ports, log, timers, setPresent: (value: boolean) => (present = value) };
}

describe('ReconnectingPort', () => {
  it('polls an absent port every second, backing off to two seconds', async () => {
    const r = rig(false);
    r.port.start();
    await flush();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      delays.push(r.timers.fire());
      await flush();
    }
    expect(delays).toEqual([1000, 1500, 2000, 2000]);
    r.setPresent(true);
    r.timers.fire();
    await flush();
    expect(r.port.isOpen).toBe(true);
    expect(r.log.filter((l) => l === 'opened')).toHaveLength(1);
    expect(r.timers.pending).toHaveLength(0);
    await r.port.stop();
  });

  it('reopens one second after a disconnect, with a fresh backoff', async () => {
    const r = rig(true);
    r.port.start();
    await flush();
    r.ports[0]?.unplug();
    expect(r.log.at(-1)).toBe('down: disconnected: disconnected');
    await expect(r.port.write(new Uint8Array([1]))).rejects.toThrow(PortNotOpenError);
    expect(r.timers.fire()).toBe(1000);
    await flush();
    expect(r.port.isOpen).toBe(true);
    expect(r.port.openCount).toBe(2);
    await r.port.stop();
  });

  it('treats its own close as cancelled: no down, no retry', async () => {
    const r = rig(true);
    r.port.start();
    await flush();
    await r.port.stop();
    await flush();
    expect(r.log).toEqual(['opened']);
    expect(r.timers.pending).toHaveLength(0);
  });

  it('closes a port whose open finishes after stop()', async () => {
    const r = rig(true);
    r.port.start();
    await r.port.stop(); // open still in flight
    await flush();
    expect(r.ports[0]?.isOpen).toBe(false);
    expect(r.log).toEqual([]);
  });
});
