import { EventEmitter } from 'node:events';
import type { SerialPort } from 'serialport';
import { preciseNow } from '../driver.ts';
import type { FirmataPreframer } from './preframer.ts';

/**
 * The transport firmata-io talks to: a SerialPort whose incoming bytes pass through the
 * bounding pre-framer first, so firmata-io's parser only ever sees whole, in-range
 * messages. `lastRxAt` is the host time of the chunk being parsed, read synchronously by
 * event handlers to stamp what they observe.
 */
export class FramedTransport extends EventEmitter {
  lastRxAt = 0;

  constructor(
    private readonly port: SerialPort,
    private readonly framer: FirmataPreframer,
    private readonly onRaw: (chunk: Buffer, at: number) => void = () => undefined,
  ) {
    super();
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('close', (error: unknown) => this.emit('close', error));
    port.on('error', (error: unknown) => this.emit('error', error));
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  /** firmata-io subscribes in its constructor; the port is already open by then. */
  announceOpen(): void {
    this.emit('open');
  }

  write(data: Buffer | number[], callback?: (error?: Error | null) => void): boolean {
    return this.port.write(Buffer.from(data), callback);
  }

  private onData(chunk: Buffer): void {
    const at = preciseNow();
    this.lastRxAt = at;
    this.onRaw(chunk, at);
    const messages = this.framer.push(chunk);
    if (messages.length > 0) this.emit('data', Buffer.concat(messages));
  }
}
