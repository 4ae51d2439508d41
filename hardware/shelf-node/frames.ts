/**
 * Typed shelf-node frames (docs/shelf-node-protocol.md) and their field validation.
 * Pure: strings in, typed frames or a typed error out.
 */
import type { ProtocolErrorKind } from '../../contract/hardware.ts';

export type LedPattern = 'off' | 'on' | 'blink';

/** Board → host frames. */
export type BoardFrame =
  | { type: 'HELLO'; seq: number; firmware: string; boardId: string; channels: number }
  | { type: 'HB'; seq: number; uptimeMs: number }
  | { type: 'LIFT'; seq: number; channel: number }
  | { type: 'PUT'; seq: number; channel: number }
  | { type: 'W'; seq: number; channel: number; grams: number }
  | { type: 'ERR'; seq: number; code: string; text: string };

/** Host → board frames. */
export type HostFrame =
  | { type: 'PING'; seq: number }
  | { type: 'TARE'; seq: number; channel: number }
  | { type: 'CAL'; seq: number; channel: number; grams: number }
  | { type: 'LED'; seq: number; channel: number; pattern: LedPattern }
  | { type: 'ID'; seq: number; boardId: string };

export type Frame = BoardFrame | HostFrame;
export type FrameType = Frame['type'];
export type Direction = 'board' | 'host';

export const BOARD_FRAME_TYPES = ['HELLO', 'HB', 'LIFT', 'PUT', 'W', 'ERR'] as const satisfies readonly BoardFrame['type'][];
export const HOST_FRAME_TYPES = ['PING', 'TARE', 'CAL', 'LED', 'ID'] as const satisfies readonly HostFrame['type'][];

export function isBoardFrame(frame: Frame): frame is BoardFrame {
  return (BOARD_FRAME_TYPES as readonly string[]).includes(frame.type);
}

/** Limits shared with the firmware; changing one is a protocol change. */
export const LIMITS = {
  maxChannel: 254,
  maxChannels: 255,
  maxUptimeMs: 0xffff_ffff,
  maxAbsGrams: 9_999_999.9,
  maxIdLength: 16,
} as const;

/** On a failure after the CRC passed, `seq` is the line's (trustworthy) sequence number if it parsed. */
export type FieldsResult<F> = { ok: true; frame: F } | { ok: false; error: ProtocolErrorKind; detail: string; seq?: number };

const CHANNEL_RE = /^\d{1,3}$/;
const UINT_RE = /^\d{1,10}$/;
const GRAMS_RE = /^-?\d{1,7}(\.\d)?$/;
const TOKEN_RE = /^[A-Za-z0-9._-]+$/;

function parseChannel(text: string | undefined): number | null {
  if (text === undefined || !CHANNEL_RE.test(text)) return null;
  const value = Number(text);
  return value <= LIMITS.maxChannel ? value : null;
}

function parseGrams(text: string | undefined): number | null {
  if (text === undefined || !GRAMS_RE.test(text)) return null;
  return Number(text);
}

function parseToken(text: string | undefined, maxLength: number): string | null {
  if (text === undefined || text.length > maxLength || !TOKEN_RE.test(text)) return null;
  return text;
}

function parseBoardFields(seq: number, type: BoardFrame['type'], f: readonly string[]): BoardFrame | null {
  switch (type) {
    case 'HELLO': {
      if (f.length !== 3) return null;
      const firmware = parseToken(f[0], LIMITS.maxIdLength);
      const boardId = parseToken(f[1], LIMITS.maxIdLength);
      const channels = f[2] !== undefined && CHANNEL_RE.test(f[2]) ? Number(f[2]) : 0;
      if (firmware === null || boardId === null || channels < 1 || channels > LIMITS.maxChannels) return null;
      return { type, seq, firmware, boardId, channels };
    }
    case 'HB': {
      if (f.length !== 1 || f[0] === undefined || !UINT_RE.test(f[0])) return null;
      const uptimeMs = Number(f[0]);
      return uptimeMs <= LIMITS.maxUptimeMs ? { type, seq, uptimeMs } : null;
    }
    case 'LIFT':
    case 'PUT': {
      const channel = f.length === 1 ? parseChannel(f[0]) : null;
      return channel === null ? null : { type, seq, channel };
    }
    case 'W': {
      const channel = f.length === 2 ? parseChannel(f[0]) : null;
      const grams = parseGrams(f[1]);
      return channel === null || grams === null ? null : { type, seq, channel, grams };
    }
    case 'ERR': {
      const code = f.length === 2 ? parseToken(f[0], LIMITS.maxIdLength) : null;
      return code === null || f[1] === undefined ? null : { type, seq, code, text: f[1] };
    }
  }
}

function parseHostFields(seq: number, type: HostFrame['type'], f: readonly string[]): HostFrame | null {
  switch (type) {
    case 'PING':
      return f.length === 0 ? { type, seq } : null;
    case 'TARE': {
      const channel = f.length === 1 ? parseChannel(f[0]) : null;
      return channel === null ? null : { type, seq, channel };
    }
    case 'CAL': {
      const channel = f.length === 2 ? parseChannel(f[0]) : null;
      const grams = parseGrams(f[1]);
      return channel === null || grams === null || grams <= 0 ? null : { type, seq, channel, grams };
    }
    case 'LED': {
      const channel = f.length === 2 ? parseChannel(f[0]) : null;
      const pattern = f[1];
      if (channel === null || (pattern !== 'off' && pattern !== 'on' && pattern !== 'blink')) return null;
      return { type, seq, channel, pattern };
    }
    case 'ID': {
      const boardId = f.length === 1 ? parseToken(f[0], LIMITS.maxIdLength) : null;
      return boardId === null ? null : { type, seq, boardId };
    }
  }
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * Turn `seq`, `type` and the remaining fields of a CRC-checked line into a typed frame.
 * `accept` says which direction's frame types this end understands.
 */
export function parseFrameFields(
  seqText: string,
  type: string,
  fields: readonly string[],
  accept: Direction | 'any',
): FieldsResult<Frame> {
  if (!UINT_RE.test(seqText) || Number(seqText) > 0xffff) {
    return { ok: false, error: 'bad-fields', detail: `bad sequence number "${seqText}"` };
  }
  const seq = Number(seqText);
  let frame: Frame | null;
  if (accept !== 'host' && isOneOf(BOARD_FRAME_TYPES, type)) frame = parseBoardFields(seq, type, fields);
  else if (accept !== 'board' && isOneOf(HOST_FRAME_TYPES, type)) frame = parseHostFields(seq, type, fields);
  else return { ok: false, error: 'unknown-type', detail: `unknown frame type "${type.slice(0, 16)}"`, seq };
  return frame === null
    ? { ok: false, error: 'bad-fields', detail: `bad fields for ${type}: "${fields.join(',').slice(0, 60)}"`, seq }
    : { ok: true, frame };
}

/** Wire form of grams: integer as is, otherwise one decimal place. */
export function formatGrams(grams: number): string {
  return Number.isInteger(grams) ? String(grams) : grams.toFixed(1);
}

/** The fields after `<seq>,<type>` for a typed frame (inverse of parseFrameFields). */
export function frameFields(frame: Frame): string[] {
  switch (frame.type) {
    case 'HELLO':
      return [frame.firmware, frame.boardId, String(frame.channels)];
    case 'HB':
      return [String(frame.uptimeMs)];
    case 'LIFT':
    case 'PUT':
    case 'TARE':
      return [String(frame.channel)];
    case 'W':
    case 'CAL':
      return [String(frame.channel), formatGrams(frame.grams)];
    case 'ERR':
      return [frame.code, frame.text];
    case 'PING':
      return [];
    case 'LED':
      return [String(frame.channel), frame.pattern];
    case 'ID':
      return [frame.boardId];
  }
}
