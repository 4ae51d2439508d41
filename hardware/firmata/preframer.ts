import {
  ANALOG_MAPPING_RESPONSE,
  ANALOG_MESSAGE,
  CAPABILITY_RESPONSE,
  DIGITAL_MESSAGE,
  END_SYSEX,
  PIN_STATE_RESPONSE,
  REPORT_FIRMWARE,
  REPORT_VERSION,
  START_SYSEX,
  STRING_DATA,
  isStatusByte,
} from './protocol.ts';

/**
 * A bounding pre-framer for board → host Firmata bytes, placed in front of firmata-io's
 * parser. firmata-io buffers a sysex until END_SYSEX without limit and indexes
 * `board.pins[pin]` with whatever a PIN_STATE or ANALOG_MAPPING response says (a
 * TypeError for an unknown pin); a bad REPORT_FIRMWARE makes it call `Buffer.alloc` with a
 * negative size. So only whole, well-formed, in-range messages pass; everything else is
 * dropped and counted. Pure and synchronous: bytes in, messages out, bounded state.
 */
export type DropReason =
  | 'garbage' // data bytes outside a message, stray END_SYSEX, unsupported status bytes
  | 'interrupted' // a message cut short by the next status byte
  | 'oversized-sysex' // longer than the limit: skipped until END_SYSEX or the next status byte
  | 'out-of-range' // port, channel or pin beyond the board's
  | 'malformed-sysex' // right command, wrong shape
  | 'unsupported-sysex'; // a sysex reply we never ask for

export const DROP_REASONS: readonly DropReason[] = ['garbage', 'interrupted', 'oversized-sysex', 'out-of-range', 'malformed-sysex', 'unsupported-sysex'];

export interface PreframerOptions {
  pinCount: number;
  analogChannels: number;
  /** Largest sysex accepted, START and END included (default 64). */
  maxSysexBytes?: number;
  /**
   * The capability response lists every pin's modes (≈ 200 bytes for an Uno), so it gets
   * its own bound: 2 bytes per mode, at most 16 modes per pin, plus the pin separator.
   */
  maxCapabilityBytes?: number;
}

export interface PreframerStats {
  messages: number;
  droppedBytes: number;
  drops: Record<DropReason, number>;
}

type State = 'idle' | 'midi' | 'sysex' | 'skipping';

export class FirmataPreframer {
  private state: State = 'idle';
  private buffer: number[] = [];
  /** Pins firmata-io created from the capability response it has seen (0 before). */
  private knownPins = 0;
  private readonly maxSysex: number;
  private readonly maxCapability: number;
  private readonly portCount: number;
  readonly stats: PreframerStats = { messages: 0, droppedBytes: 0, drops: zeroDrops() };

  constructor(
    private readonly options: PreframerOptions,
    private readonly onDrop: (reason: DropReason, bytes: number) => void = () => undefined,
  ) {
    this.maxSysex = options.maxSysexBytes ?? 64;
    this.maxCapability = options.maxCapabilityBytes ?? options.pinCount * 33 + 3;
    this.portCount = Math.ceil(options.pinCount / 8);
  }

  /** Largest number of bytes this framer may hold between calls. */
  get bufferLimit(): number {
    return Math.max(this.maxSysex, this.maxCapability);
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Feeds a chunk; returns the complete, valid messages it finished (in order). */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const byte of chunk) {
      if (isStatusByte(byte)) this.onStatus(byte, out);
      else this.onData(byte, out);
    }
    return out;
  }

  private drop(reason: DropReason, bytes: number): void {
    this.stats.drops[reason] += 1;
    this.stats.droppedBytes += bytes;
    this.onDrop(reason, bytes);
  }

  private onStatus(byte: number, out: Uint8Array[]): void {
    if (this.state === 'sysex' && byte === END_SYSEX) {
      this.buffer.push(byte);
      this.finishSysex(out);
      return;
    }
    if (this.state === 'skipping' && byte === END_SYSEX) {
      this.state = 'idle';
      return;
    }
    if (this.state === 'midi' || this.state === 'sysex') this.drop('interrupted', this.buffer.length);
    this.buffer = [];
    this.state = 'idle';
    if (byte === START_SYSEX) {
      this.state = 'sysex';
      this.buffer.push(byte);
    } else if (byte === REPORT_VERSION || (byte & 0xf0) === DIGITAL_MESSAGE || (byte & 0xf0) === ANALOG_MESSAGE) {
      this.state = 'midi';
      this.buffer.push(byte);
    } else {
      this.drop('garbage', 1);
    }
  }

  private onData(byte: number, out: Uint8Array[]): void {
    switch (this.state) {
      case 'idle':
        this.drop('garbage', 1);
        return;
      case 'skipping':
        this.stats.droppedBytes += 1;
        return;
      case 'midi':
        this.buffer.push(byte);
        if (this.buffer.length === 3) this.finishMidi(out);
        return;
      case 'sysex': {
        this.buffer.push(byte);
        const limit = this.buffer[1] === CAPABILITY_RESPONSE ? this.maxCapability : this.maxSysex;
        // Leave room for END_SYSEX: a message of `limit` bytes must still fit.
        if (this.buffer.length > limit - 1) {
          this.drop('oversized-sysex', this.buffer.length);
          this.buffer = [];
          this.state = 'skipping';
        }
        return;
      }
      default: {
        const never: never = this.state;
        throw new Error(`unknown state ${String(never)}`);
      }
    }
  }

  private finishMidi(out: Uint8Array[]): void {
    const [status = 0] = this.buffer;
    const message = Uint8Array.from(this.buffer);
    this.buffer = [];
    this.state = 'idle';
    const kind = status & 0xf0;
    const index = status & 0x0f;
    if (kind === DIGITAL_MESSAGE && index >= this.portCount) return this.drop('out-of-range', 3);
    if (kind === ANALOG_MESSAGE && index >= this.options.analogChannels) return this.drop('out-of-range', 3);
    this.emit(message, out);
  }

  private finishSysex(out: Uint8Array[]): void {
    const message = Uint8Array.from(this.buffer);
    this.buffer = [];
    this.state = 'idle';
    const verdict = this.checkSysex(message);
    if (verdict === 'ok') this.emit(message, out);
    else this.drop(verdict, message.length);
  }

  private checkSysex(message: Uint8Array): 'ok' | DropReason {
    const command = message[1];
    const data = message.subarray(2, message.length - 1);
    switch (command) {
      case REPORT_FIRMWARE:
        // major, minor, then the name as 7-bit pairs.
        return data.length >= 2 && (data.length - 2) % 2 === 0 ? 'ok' : 'malformed-sysex';
      case CAPABILITY_RESPONSE:
        return this.checkCapability(data);
      case ANALOG_MAPPING_RESPONSE:
        if (this.knownPins === 0) return 'malformed-sysex';
        return data.length <= this.knownPins ? 'ok' : 'out-of-range';
      case PIN_STATE_RESPONSE:
        if (data.length < 3) return 'malformed-sysex';
        return (data[0] ?? 0) < this.knownPins ? 'ok' : 'out-of-range';
      case STRING_DATA:
        return data.length % 2 === 0 ? 'ok' : 'malformed-sysex';
      case undefined:
        return 'malformed-sysex';
      default:
        return 'unsupported-sysex';
    }
  }

  private checkCapability(data: Uint8Array): 'ok' | DropReason {
    // Each pin: (mode, resolution) pairs, then 0x7F. firmata-io treats every 0x7F as a
    // separator, so one in a resolution slot would shift its pin table: reject it.
    let pins = 0;
    let pairBytes = 0;
    for (const byte of data) {
      if (byte !== 0x7f) {
        pairBytes += 1;
        continue;
      }
      if (pairBytes % 2 !== 0) return 'malformed-sysex';
      pins += 1;
      pairBytes = 0;
    }
    if (pairBytes !== 0 || pins === 0) return 'malformed-sysex';
    if (pins > this.options.pinCount) return 'out-of-range';
    // firmata-io builds its pin table from the first capability response only.
    if (this.knownPins === 0) this.knownPins = pins;
    return 'ok';
  }

  private emit(message: Uint8Array, out: Uint8Array[]): void {
    this.stats.messages += 1;
    out.push(message);
  }
}

function zeroDrops(): Record<DropReason, number> {
  return { garbage: 0, interrupted: 0, 'oversized-sysex': 0, 'out-of-range': 0, 'malformed-sysex': 0, 'unsupported-sysex': 0 };
}
