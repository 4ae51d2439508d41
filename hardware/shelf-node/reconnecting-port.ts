/**
 * A serial port that keeps itself open: while the device is absent or after it vanishes it
 * retries every second, backing off to at most two seconds (DESIGN §3).
 *
 * Error kinds (STYLE, node-serialport): a close we asked for is *cancelled* and silent; any
 * other close or failed open means *disconnected* and schedules a reopen. Protocol errors
 * are not this module's business — it moves bytes.
 */
import { SerialPort } from 'serialport';
import { preciseNow } from '../driver.ts';

/** The part of serialport's `SerialPort` we use, so another binding can stand in. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  write(data: Uint8Array, callback: (error: Error | null | undefined) => void): boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type PortFactory = (path: string, baudRate: number) => SerialPortLike;

export const openSerialPort: PortFactory = (path, baudRate) => new SerialPort({ path, baudRate, autoOpen: false });

export type TimerHandle = ReturnType<typeof setTimeout>;
/** Timer functions, injectable so tests can drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface PortHandlers {
  opened(): void;
  /** `at` is preciseNow() taken first thing when the chunk arrived. */
  data(chunk: Uint8Array, at: number): void;
  down(reason: string): void;
}

/** Raised by write() while the port is not open. */
export class PortNotOpenError extends Error {
  override readonly name = 'PortNotOpenError';
}

export interface ReconnectingPortOptions {
  path: string;
  baudRate: number;
  handlers: PortHandlers;
  logger: Logger;
  factory?: PortFactory;
  timers?: Timers;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export class ReconnectingPort {
  private port: SerialPortLike | null = null;
  private opening: Promise<void> | null = null;
  private retryTimer: TimerHandle | null = null;
  private running = false;
  private failures = 0;
  private opens = 0;
  private readonly factory: PortFactory;
  private readonly timers: Timers;

  constructor(private readonly options: ReconnectingPortOptions) {
    this.factory = options.factory ?? openSerialPort;
    this.timers = options.timers ?? realTimers;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  /** How many times the port has been opened (1 = never reconnected). */
  get openCount(): number {
    return this.opens;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.opening = this.tryOpen();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.opening;
    const port = this.port;
    this.port = null;
    if (port?.isOpen === true) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (port === null || !port.isOpen) return Promise.reject(new PortNotOpenError(`${this.options.path} is not open`));
    return new Promise((resolve, reject) => {
      port.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  private tryOpen(): Promise<void> {
    const { path, baudRate, handlers, logger } = this.options;
    const port = this.factory(path, baudRate);
    port.on('data', (chunk) => handlers.data(chunk, preciseNow()));
    port.on('error', (error) => logger.debug({ err: error, path }, 'serial port error'));
    port.on('close', (error) => this.onClose(port, error));
    return new Promise<void>((resolve) => {
      port.open((error) => {
        if (error !== null) {
          this.onOpenFailed(error);
        } else if (!this.running) {
          port.close(); // stop() raced the open: cancelled, not disconnected
        } else {
          this.port = port;
          this.failures = 0;
          this.opens += 1;
          logger.info({ path, baudRate }, 'serial port open');
          handlers.opened();
        }
        resolve();
      });
    });
  }

  private onOpenFailed(error: Error): void {
    if (!this.running) return;
    // The first failure is news; repeats while the board stays unplugged are noise.
    const level = this.failures === 0 ? 'warn' : 'debug';
    this.options.logger[level]({ path: this.options.path, err: error.message }, 'serial port open failed');
    this.options.handlers.down(`open failed: ${error.message}`);
    this.scheduleRetry();
  }

  private onClose(port: SerialPortLike, error: Error | null | undefined): void {
    if (this.port !== port) return;
    this.port = null;
    if (!this.running) return; // cancelled: we closed it
    this.options.logger.warn({ path: this.options.path, err: error?.message }, 'serial port closed');
    this.options.handlers.down(error ? `disconnected: ${error.message}` : 'port closed');
    this.failures = 0;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const min = this.options.minDelayMs ?? 1000;
    const max = this.options.maxDelayMs ?? 2000;
    const delay = Math.min(max, min * 1.5 ** this.failures);
    this.failures += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.running) this.opening = this.tryOpen();
    }, delay);
  }
}
