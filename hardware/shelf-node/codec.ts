/**
 * shelf-node line codec: `$<seq>,<type>,<fields…>*<CRC16 hex>\n` (docs/shelf-node-protocol.md).
 * The parser is pure and incremental: bytes in, typed frames or typed protocol errors out,
 * holding at most MAX_LINE_BYTES of state whatever it is fed.
 */
import type { ProtocolErrorKind } from '../../contract/hardware.ts';
import { crc16, formatCrc } from './crc16.ts';
import { frameFields, parseFrameFields, type Direction, type Frame } from './frames.ts';

/** Longest legal line, counting the leading `$` and the final `\n` (and a `\r` if sent). */
export const MAX_LINE_BYTES = 128;

const DOLLAR = 0x24;
const STAR = 0x2a;
const CR = 0x0d;
const LF = 0x0a;

/** `seq` on a failure: the sequence number of a CRC-valid line whose type or fields were bad. */
export type ParseResult<F extends Frame = Frame> =
  | { ok: true; frame: F }
  | { ok: false; error: ProtocolErrorKind; detail: string; seq?: number };

type ParserState = 'hunting' | 'garbage' | 'line' | 'discarding';

/** Printable, escaped preview of some bytes for log details (never the whole buffer). */
function preview(bytes: Uint8Array, length: number): string {
  let text = '';
  for (let i = 0; i < Math.min(length, 40); i++) {
    const b = bytes[i] ?? 0;
    text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return length > 40 ? `${text}…` : text;
}

function isHexUpper(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46);
}

/**
 * Incremental line parser. `accept` picks which direction's frame types are understood:
 * the host driver accepts 'board' frames, the board simulator 'host' frames.
 *
 * Resynchronisation: a `$` always starts a new frame (no field may contain one), even in
 * the middle of a line or while discarding an over-long one, so a frame cut short by a
 * dropped byte costs only itself and never the next lift.
 */
export class LineParser {
  private readonly buffer = new Uint8Array(MAX_LINE_BYTES);
  private length = 0;
  private state: ParserState = 'hunting';

  constructor(private readonly accept: Direction | 'any' = 'any') {}

  /** Bytes currently held (always ≤ MAX_LINE_BYTES). */
  get bufferedBytes(): number {
    return this.length;
  }

  push(chunk: Uint8Array): ParseResult[] {
    const out: ParseResult[] = [];
    for (const byte of chunk) this.pushByte(byte, out);
    return out;
  }

  /** Forget a partial line (e.g. after the port reopened). */
  reset(): void {
    this.length = 0;
    this.state = 'hunting';
  }

  private pushByte(byte: number, out: ParseResult[]): void {
    if (byte === DOLLAR) {
      if (this.state === 'line') {
        out.push({ ok: false, error: 'garbage', detail: `frame cut short: "${preview(this.buffer, this.length)}"` });
      }
      this.state = 'line';
      this.buffer[0] = byte;
      this.length = 1;
      return;
    }
    switch (this.state) {
      case 'hunting':
        this.state = 'garbage';
        out.push({ ok: false, error: 'garbage', detail: `unexpected byte 0x${byte.toString(16).padStart(2, '0')} outside a frame` });
        return;
      case 'garbage':
        return;
      case 'discarding':
        if (byte === LF) this.state = 'hunting';
        return;
      case 'line':
        this.pushLineByte(byte, out);
        return;
    }
  }

  private pushLineByte(byte: number, out: ParseResult[]): void {
    if (byte === LF) {
      out.push(this.decodeLine());
      this.length = 0;
      this.state = 'hunting';
      return;
    }
    // The `\n` still has to fit, so a line may hold MAX_LINE_BYTES - 1 bytes before it.
    if (this.length >= MAX_LINE_BYTES - 1) {
      out.push({ ok: false, error: 'too-long', detail: `line longer than ${MAX_LINE_BYTES} bytes: "${preview(this.buffer, this.length)}"` });
      this.length = 0;
      this.state = 'discarding';
      return;
    }
    this.buffer[this.length++] = byte;
  }

  private decodeLine(): ParseResult {
    const buf = this.buffer;
    let end = this.length;
    if (end > 1 && buf[end - 1] === CR) end -= 1; // tolerate CRLF line ends
    const star = end - 5;
    if (star < 1 || buf[star] !== STAR || ![1, 2, 3, 4].every((k) => isHexUpper(buf[star + k] ?? 0))) {
      return { ok: false, error: 'bad-crc', detail: `missing or malformed checksum: "${preview(buf, end)}"` };
    }
    const sent = parseInt(String.fromCharCode(...buf.subarray(star + 1, end)), 16);
    const computed = crc16(buf, 1, star);
    if (sent !== computed) {
      return { ok: false, error: 'bad-crc', detail: `crc ${formatCrc(sent)} != ${formatCrc(computed)}: "${preview(buf, end)}"` };
    }
    for (let i = 1; i < star; i++) {
      const b = buf[i] ?? 0;
      if (b < 0x20 || b > 0x7e) return { ok: false, error: 'bad-fields', detail: `non-printable byte in "${preview(buf, end)}"` };
    }
    const [seqText = '', type = '', ...fields] = String.fromCharCode(...buf.subarray(1, star)).split(',');
    return parseFrameFields(seqText, type, fields, this.accept);
  }
}

/** Thrown when our own code tries to encode something the protocol cannot carry. */
export class FrameEncodeError extends Error {
  override readonly name = 'FrameEncodeError';
}

const FORBIDDEN_IN_FIELD = /[$*,\n\r]|[^\x20-\x7e]/;
const encoder = new TextEncoder();

/** Encode one line. Throws FrameEncodeError for fields that would break framing or length. */
export function encodeFrame(seq: number, type: string, fields: readonly string[]): Uint8Array {
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xffff) throw new FrameEncodeError(`sequence ${seq} out of 0..65535`);
  if (!/^[A-Z]{1,8}$/.test(type)) throw new FrameEncodeError(`bad frame type "${type}"`);
  for (const field of fields) {
    if (FORBIDDEN_IN_FIELD.test(field)) throw new FrameEncodeError(`field ${JSON.stringify(field)} contains a reserved or non-printable character`);
  }
  const body = [String(seq), type, ...fields].join(',');
  const bodyBytes = encoder.encode(body);
  const line = `$${body}*${formatCrc(crc16(bodyBytes))}\n`;
  if (line.length > MAX_LINE_BYTES) throw new FrameEncodeError(`line of ${line.length} bytes exceeds ${MAX_LINE_BYTES}`);
  return encoder.encode(line);
}

/** Encode a typed frame (its own `seq`). */
export function encodeTypedFrame(frame: Frame): Uint8Array {
  return encodeFrame(frame.seq, frame.type, frameFields(frame));
}

/** Next sequence number after `seq` (wraps 65535 → 0). */
export function nextSeq(seq: number): number {
  return (seq + 1) & 0xffff;
}
