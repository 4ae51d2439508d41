/**
 * ShelfNodeDriver: our shelf-node line protocol (docs/shelf-node-protocol.md) on a serial
 * port, in-process. Bytes → LineParser → typed frames → ShelfEvents; health from a
 * LinkMonitor; reconnects through ReconnectingPort.
 *
 * Identity: every event carries the configured `boardId` except `hello`, which carries the
 * id the board reports from its EEPROM, so the service can notice a swapped board.
 */
import { PROTOCOL_ERROR_KINDS, type ProtocolErrorKind, type ShelfEvent } from '../../contract/hardware.ts';
import { preciseNow, type ShelfCommand, type ShelfDriver, type ShelfEventListener } from '../driver.ts';
import { LineParser, encodeTypedFrame, nextSeq } from './codec.ts';
import { LIMITS, isBoardFrame, type BoardFrame, type HostFrame } from './frames.ts';
import { DEFAULT_LOST_AFTER_MS, LinkMonitor, type HealthTransition } from './link-monitor.ts';
import { ReconnectingPort, realTimers, type Logger, type PortFactory, type Timers } from './reconnecting-port.ts';
import { SequenceTracker } from './sequence.ts';

export type RawDirection = 'rx' | 'tx';
/** Tap for a flight recorder: every byte read or written, with preciseNow() of the event. */
export type RawTap = (direction: RawDirection, bytes: Uint8Array, at: number) => void;

export interface ShelfNodeDriverOptions {
  boardId: string;
  path: string;
  baudRate?: number;
  logger: Logger;
  onRaw?: RawTap;
  portFactory?: PortFactory;
  timers?: Timers;
  /** Monotonic ms for liveness; defaults to performance.now(). */
  now?: () => number;
  lostAfterMs?: number;
  /** How often liveness is checked (and a silent board re-PINGed at most once a second). */
  tickMs?: number;
}

export interface ShelfNodeStats {
  bytesRx: number;
  bytesTx: number;
  framesOk: number;
  errors: Record<ProtocolErrorKind, number>;
  opens: number;
  connected: boolean;
  reportedBoardId: string | null;
  firmware: string | null;
  channels: number | null;
}

/** send() while the board is not connected. */
export class ShelfNodeNotConnectedError extends Error {
  override readonly name = 'ShelfNodeNotConnectedError';
}

const REPING_MS = 1000;
const DEFAULT_TICK_MS = 250;

export class ShelfNodeDriver implements ShelfDriver {
  readonly boardId: string;
  private readonly listeners = new Set<ShelfEventListener>();
  private readonly parser = new LineParser('board');
  private readonly sequence = new SequenceTracker();
  private readonly monitor: LinkMonitor;
  private readonly port: ReconnectingPort;
  private readonly timers: Timers;
  private readonly now: () => number;
  private tickTimer: ReturnType<Timers['setTimeout']> | null = null;
  private hostSeq = 0;
  private lastPingAt = -Infinity;
  private hello: { boardId: string; firmware: string; channels: number } | null = null;
  private readonly counters = { bytesRx: 0, bytesTx: 0, framesOk: 0 };
  private readonly errors = Object.fromEntries(PROTOCOL_ERROR_KINDS.map((k) => [k, 0])) as Record<ProtocolErrorKind, number>;

  constructor(private readonly options: ShelfNodeDriverOptions) {
    this.boardId = options.boardId;
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? (() => performance.now());
    this.monitor = new LinkMonitor(options.lostAfterMs ?? DEFAULT_LOST_AFTER_MS, { tickMs: options.tickMs ?? DEFAULT_TICK_MS });
    this.port = new ReconnectingPort({
      path: options.path,
      baudRate: options.baudRate ?? 115200,
      logger: options.logger,
      factory: options.portFactory,
      timers: this.timers,
      handlers: {
        opened: () => this.onOpened(),
        data: (chunk, at) => this.onData(chunk, at),
        down: (reason) => this.emitHealth(this.monitor.portDown(reason), preciseNow()),
      },
    });
  }

  onEvent(listener: ShelfEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): Promise<void> {
    this.port.start();
    this.scheduleTick();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    if (this.tickTimer !== null) this.timers.clearTimeout(this.tickTimer);
    this.tickTimer = null;
    await this.port.stop();
  }

  /** Rejects with ShelfNodeNotConnectedError while the port is closed, RangeError for a bad channel. */
  async send(command: ShelfCommand): Promise<void> {
    if (!this.port.isOpen) throw new ShelfNodeNotConnectedError(`board ${this.boardId} is not connected`);
    if (command.kind !== 'ping') {
      const max = (this.hello?.channels ?? LIMITS.maxChannel + 1) - 1;
      if (!Number.isInteger(command.channel) || command.channel < 0 || command.channel > max) {
        throw new RangeError(`channel ${command.channel} outside 0..${max}`);
      }
    }
    await this.write(toHostFrame(command, this.takeSeq()));
  }

  /** Write a new board id to the board's EEPROM (set-up only); the board answers with HELLO. */
  async assignBoardId(boardId: string): Promise<void> {
    if (!this.port.isOpen) throw new ShelfNodeNotConnectedError(`board ${this.boardId} is not connected`);
    await this.write({ type: 'ID', seq: this.takeSeq(), boardId });
  }

  stats(): ShelfNodeStats {
    return {
      ...this.counters,
      errors: { ...this.errors },
      opens: this.port.openCount,
      connected: this.port.isOpen && this.monitor.isUp,
      reportedBoardId: this.hello?.boardId ?? null,
      firmware: this.hello?.firmware ?? null,
      channels: this.hello?.channels ?? null,
    };
  }

  private takeSeq(): number {
    const seq = this.hostSeq;
    this.hostSeq = nextSeq(seq);
    return seq;
  }

  private async write(frame: HostFrame): Promise<void> {
    const bytes = encodeTypedFrame(frame);
    this.options.onRaw?.('tx', bytes, preciseNow());
    this.counters.bytesTx += bytes.length;
    await this.port.write(bytes);
  }

  private ping(): void {
    this.lastPingAt = this.now();
    this.write({ type: 'PING', seq: this.takeSeq() }).catch((error: unknown) => {
      this.options.logger.debug({ err: String(error) }, 'PING not sent');
    });
  }

  private onOpened(): void {
    // A fresh port may start mid-line, and the board may have rebooted or been swapped:
    // start clean. Until the new HELLO, channel frames count as unknown-channel, so bytes a
    // board queued while we were away never reach a shopper as a lift (DESIGN §3, replug).
    this.parser.reset();
    this.sequence.reset();
    this.hello = null;
    this.monitor.portOpened(this.now());
    // A board that is already running will not say HELLO by itself: ask.
    this.ping();
  }

  private scheduleTick(): void {
    this.tickTimer = this.timers.setTimeout(() => {
      const now = this.now();
      this.emitHealth(this.monitor.tick(now), preciseNow());
      const silent = this.monitor.silentFor(now);
      if (silent !== null && silent >= REPING_MS && now - this.lastPingAt >= REPING_MS && this.port.isOpen) this.ping();
      this.scheduleTick();
    }, this.options.tickMs ?? DEFAULT_TICK_MS);
  }

  private onData(chunk: Uint8Array, rxAt: number): void {
    this.options.onRaw?.('rx', chunk, rxAt);
    this.counters.bytesRx += chunk.length;
    for (const result of this.parser.push(chunk)) {
      if (result.ok) {
        if (isBoardFrame(result.frame)) this.onFrame(result.frame, rxAt);
        continue;
      }
      this.protocolError(result.error, result.detail, rxAt);
      if (result.seq !== undefined) this.checkSequence({ seq: result.seq }, rxAt);
    }
  }

  private onFrame(frame: BoardFrame, rxAt: number): void {
    this.counters.framesOk += 1;
    this.emitHealth(this.monitor.validFrame(this.now(), frame.type), rxAt);
    this.checkSequence(frame, rxAt);
    const boardId = this.boardId;
    switch (frame.type) {
      case 'HELLO':
        this.hello = { boardId: frame.boardId, firmware: frame.firmware, channels: frame.channels };
        if (frame.boardId !== boardId) this.options.logger.warn({ configured: boardId, reported: frame.boardId }, 'board reports a different id');
        this.emit({ kind: 'hello', boardId: frame.boardId, firmware: frame.firmware, channels: frame.channels, rxAt });
        return;
      case 'HB':
        return;
      case 'LIFT':
      case 'PUT':
        if (this.isKnownChannel(frame.channel, frame.type, rxAt)) {
          this.emit({ kind: frame.type === 'LIFT' ? 'lift' : 'put', boardId, channel: frame.channel, rxAt });
        }
        return;
      case 'W':
        if (this.isKnownChannel(frame.channel, frame.type, rxAt)) this.emit({ kind: 'weight', boardId, channel: frame.channel, grams: frame.grams, rxAt });
        return;
      case 'ERR':
        this.protocolError('board-error', `${frame.code}: ${frame.text}`, rxAt);
        return;
    }
  }

  private checkSequence(frame: { seq: number; type?: BoardFrame['type'] }, rxAt: number): void {
    const check = this.sequence.observe(frame);
    if (!check.ok) this.protocolError('seq-gap', check.detail, rxAt);
  }

  /** A channel counts only below the HELLO's channel count; before any HELLO, none does. */
  private isKnownChannel(channel: number, type: string, rxAt: number): boolean {
    if (this.hello !== null && channel < this.hello.channels) return true;
    const detail = this.hello === null ? `${type} ${channel} before HELLO` : `${type} ${channel} but board has ${this.hello.channels} channels`;
    this.protocolError('unknown-channel', detail, rxAt);
    if (this.hello === null && this.now() - this.lastPingAt >= REPING_MS) this.ping();
    return false;
  }

  private protocolError(error: ProtocolErrorKind, detail: string, rxAt: number): void {
    this.errors[error] += 1;
    this.options.logger.debug({ boardId: this.boardId, error, detail }, 'shelf-node protocol error');
    this.emit({ kind: 'protocol-error', boardId: this.boardId, error, detail, rxAt });
  }

  private emitHealth(transition: HealthTransition, rxAt: number): void {
    if (transition === null) return;
    this.options.logger.info({ boardId: this.boardId, ...transition }, 'board health');
    this.emit({ kind: 'health', boardId: this.boardId, state: transition.state, detail: transition.detail, rxAt });
  }

  private emit(event: ShelfEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error({ err: String(error), kind: event.kind }, 'shelf event listener threw');
      }
    }
  }
}

function toHostFrame(command: ShelfCommand, seq: number): HostFrame {
  switch (command.kind) {
    case 'ping':
      return { type: 'PING', seq };
    case 'tare':
      return { type: 'TARE', seq, channel: command.channel };
    case 'cal':
      return { type: 'CAL', seq, channel: command.channel, grams: command.grams };
    case 'led':
      return { type: 'LED', seq, channel: command.channel, pattern: command.pattern };
  }
}
