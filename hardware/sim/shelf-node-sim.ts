/**
 * A shelf-node board simulator speaking the real line protocol on the device end of a pty:
 * HELLO on open and in answer to PING, HB every second, LIFT/PUT/W on demand, and raw
 * writes for fault injection. The constructor starts nothing; start()/stop() do.
 */
import { preciseNow } from '../driver.ts';
import { LineParser, encodeFrame, encodeTypedFrame, nextSeq } from '../shelf-node/codec.ts';
import { frameFields, isBoardFrame, type BoardFrame, type HostFrame, type LedPattern } from '../shelf-node/frames.ts';
import { openSerialPort, type PortFactory, type SerialPortLike } from '../shelf-node/reconnecting-port.ts';

export interface ShelfNodeSimOptions {
  path: string;
  baudRate?: number;
  boardId?: string;
  firmware?: string;
  channels?: number;
  heartbeatMs?: number;
  /** First sequence number (to exercise the 65535 → 0 wrap). */
  startSeq?: number;
  portFactory?: PortFactory;
  /** Called when the host sets a slot LED (restock guidance), so a CLI or panel can show it. */
  onLed?: (channel: number, pattern: LedPattern) => void;
}

export interface LiftWrite {
  channel: number;
  /** preciseNow() taken just before the bytes were handed to the port. */
  writtenAt: number;
}

export type SimFault = 'garbage' | 'bad-crc' | 'too-long' | 'unknown-channel';

const MAX_KEPT = 1000;

export class ShelfNodeSim {
  boardId: string;
  readonly channels: number;
  /** Recent lift writes, oldest first (bounded). */
  readonly liftWrites: LiftWrite[] = [];
  /** Recent host commands received, oldest first (bounded). */
  readonly commands: HostFrame[] = [];
  readonly leds = new Map<number, LedPattern>();
  private readonly lifted = new Set<number>();
  private readonly parser = new LineParser('host');
  private port: SerialPortLike | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private paused = false;
  private seq: number;
  private readonly startedAt = performance.now();

  constructor(private readonly options: ShelfNodeSimOptions) {
    this.boardId = options.boardId ?? 'sim-1';
    this.channels = options.channels ?? 10;
    this.seq = options.startSeq ?? 0;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  isLifted(channel: number): boolean {
    return this.lifted.has(channel);
  }

  async start(): Promise<void> {
    if (this.port !== null) return;
    const port = (this.options.portFactory ?? openSerialPort)(this.options.path, this.options.baudRate ?? 115200);
    port.on('data', (chunk) => this.onData(chunk));
    port.on('error', () => undefined); // the test or CLI notices through isOpen; nothing to recover here
    port.on('close', () => {
      // The pty vanished (socat stopped): a later start() opens afresh.
      this.stopHeartbeat();
      if (this.port === port) this.port = null;
    });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    this.port = port;
    // A real board says HELLO when it boots (opening the port resets an Uno).
    await this.hello();
    this.heartbeat = setInterval(() => {
      if (!this.paused) this.send('HB', [String(this.uptimeMs())]).catch(() => undefined);
    }, this.options.heartbeatMs ?? 1000);
  }

  async stop(): Promise<void> {
    this.stopHeartbeat();
    const port = this.port;
    this.port = null;
    if (port?.isOpen === true) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** Stop talking (heartbeats and answers), as if unplugged; lift()/put()/writeRaw() still write. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.send('HB', [String(this.uptimeMs())]).catch(() => undefined);
  }

  /** Send LIFT; resolves with the write timestamp (also kept in liftWrites). */
  async lift(channel: number): Promise<number> {
    this.lifted.add(channel);
    const bytes = this.nextFrame('LIFT', [String(channel)]);
    const writtenAt = preciseNow();
    this.liftWrites.push({ channel, writtenAt });
    if (this.liftWrites.length > MAX_KEPT) this.liftWrites.shift();
    await this.writeRaw(bytes);
    return writtenAt;
  }

  async put(channel: number): Promise<void> {
    this.lifted.delete(channel);
    await this.send('PUT', [String(channel)]);
  }

  /** Lift if the product is on the shelf, put it back otherwise. */
  async toggle(channel: number): Promise<'lift' | 'put'> {
    if (this.lifted.has(channel)) {
      await this.put(channel);
      return 'put';
    }
    await this.lift(channel);
    return 'lift';
  }

  async weight(channel: number, grams: number): Promise<void> {
    await this.send('W', frameFields({ type: 'W', seq: 0, channel, grams }));
  }

  async error(code: string, text: string): Promise<void> {
    await this.send('ERR', [code, text]);
  }

  /** Write bytes exactly as given (garbage, bad CRC, over-long lines…). */
  writeRaw(bytes: Uint8Array | string): Promise<void> {
    const port = this.port;
    if (port === null || !port.isOpen) return Promise.reject(new Error('simulator port is not open'));
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    return new Promise((resolve, reject) => port.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Write one canned fault: every kind must be counted by the driver and lift nothing. */
  async injectFault(kind: SimFault): Promise<void> {
    switch (kind) {
      case 'garbage':
        return this.writeRaw('\x00\xff~garbage~\r\n');
      case 'bad-crc': {
        const line = new TextDecoder().decode(this.nextFrame('LIFT', ['0']));
        return this.writeRaw(line.replace(/\*[0-9A-F]{4}/, (m) => (m === '*0000' ? '*FFFF' : '*0000')));
      }
      case 'too-long':
        return this.writeRaw(`$0,ERR,LONG,${'x'.repeat(200)}*0000\n`);
      case 'unknown-channel':
        return this.writeRaw(this.nextFrame('LIFT', [String(Math.min(this.channels, 254))]));
    }
  }

  /** A correctly framed line with the next sequence number, for building faults on top of. */
  nextFrame(type: string, fields: readonly string[]): Uint8Array {
    const bytes = encodeFrame(this.seq, type, fields);
    this.seq = nextSeq(this.seq);
    return bytes;
  }

  private send(type: BoardFrame['type'], fields: readonly string[]): Promise<void> {
    return this.writeRaw(this.nextFrame(type, fields));
  }

  private hello(): Promise<void> {
    const frame: BoardFrame = { type: 'HELLO', seq: this.seq, firmware: this.options.firmware ?? '1.0.0-sim', boardId: this.boardId, channels: this.channels };
    this.seq = nextSeq(this.seq);
    return this.writeRaw(encodeTypedFrame(frame));
  }

  private uptimeMs(): number {
    return Math.floor(performance.now() - this.startedAt) % 0x1_0000_0000;
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private onData(chunk: Uint8Array): void {
    for (const result of this.parser.push(chunk)) {
      // A real board ignores what it cannot parse; the parser accepts only host frame types.
      if (!result.ok || isBoardFrame(result.frame)) continue;
      this.onCommand(result.frame);
    }
  }

  private onCommand(frame: HostFrame): void {
    this.commands.push(frame);
    if (this.commands.length > MAX_KEPT) this.commands.shift();
    switch (frame.type) {
      case 'PING':
        if (!this.paused) this.hello().catch(() => undefined);
        return;
      case 'LED':
        this.leds.set(frame.channel, frame.pattern);
        this.options.onLed?.(frame.channel, frame.pattern);
        return;
      case 'ID':
        this.boardId = frame.boardId;
        this.hello().catch(() => undefined);
        return;
      case 'TARE':
      case 'CAL':
        return;
    }
  }
}
