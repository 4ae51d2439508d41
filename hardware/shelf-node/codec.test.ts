import { describe, expect, it } from 'vitest';
import { LineParser, MAX_LINE_BYTES, FrameEncodeError, encodeFrame, encodeTypedFrame, nextSeq, type ParseResult } from './codec.ts';
import type { Frame } from './frames.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const bytes = (text: string): Uint8Array => enc.encode(text);
const line = (seq: number, type: string, ...fields: string[]): string => dec.decode(encodeFrame(seq, type, fields));
const parseAll = (input: string | Uint8Array, accept: 'board' | 'host' | 'any' = 'any'): ParseResult[] =>
  new LineParser(accept).push(typeof input === 'string' ? bytes(input) : input);
const errorsOf = (results: ParseResult[]): string[] => results.flatMap((r) => (r.ok ? [] : [r.error]));

describe('encodeFrame', () => {
  it('produces the documented wire form', () => {
    // Worked examples in docs/shelf-node-protocol.md (checked with an independent script).
    expect(line(7, 'LIFT', '3')).toBe('$7,LIFT,3*DA30\n');
    expect(line(0, 'PING')).toBe('$0,PING*42E4\n');
  });

  it.each(['a$b', 'a*b', 'a,b', 'a\nb', 'a\rb', 'é', '\x00'])('refuses field %j', (field) => {
    expect(() => encodeFrame(1, 'ERR', ['E1', field])).toThrow(FrameEncodeError);
  });

  it('refuses bad sequence numbers, types and over-long lines', () => {
    expect(() => encodeFrame(65536, 'PING', [])).toThrow(FrameEncodeError);
    expect(() => encodeFrame(-1, 'PING', [])).toThrow(FrameEncodeError);
    expect(() => encodeFrame(1, 'ping', [])).toThrow(FrameEncodeError);
    expect(() => encodeFrame(1, 'ERR', ['E', 'x'.repeat(120)])).toThrow(FrameEncodeError);
  });

  it('wraps sequence numbers', () => {
    expect(nextSeq(65535)).toBe(0);
    expect(nextSeq(41)).toBe(42);
  });
});

describe('LineParser: frames', () => {
  const cases: Frame[] = [
    { type: 'HELLO', seq: 0, firmware: '1.2.0', boardId: 'shelf-A', channels: 8 },
    { type: 'HB', seq: 1, uptimeMs: 4_294_967_295 },
    { type: 'LIFT', seq: 2, channel: 0 },
    { type: 'PUT', seq: 3, channel: 254 },
    { type: 'W', seq: 4, channel: 1, grams: -12.5 },
    { type: 'W', seq: 5, channel: 1, grams: 250 },
    { type: 'ERR', seq: 6, code: 'HX711', text: 'channel 3 not ready' },
    { type: 'ERR', seq: 7, code: 'E0', text: '' },
    { type: 'PING', seq: 65535 },
    { type: 'TARE', seq: 9, channel: 2 },
    { type: 'CAL', seq: 10, channel: 2, grams: 500.5 },
    { type: 'LED', seq: 11, channel: 3, pattern: 'blink' },
    { type: 'ID', seq: 12, boardId: 'B-07' },
  ];
  it.each(cases)('decodes $type', (frame) => {
    expect(parseAll(encodeTypedFrame(frame))).toEqual([{ ok: true, frame }]);
  });

  it('tolerates CRLF line ends', () => {
    expect(parseAll(line(1, 'LIFT', '4').replace('\n', '\r\n'))).toEqual([{ ok: true, frame: { type: 'LIFT', seq: 1, channel: 4 } }]);
  });

  it('understands only its own direction', () => {
    expect(errorsOf(parseAll(line(1, 'PING'), 'board'))).toEqual(['unknown-type']);
    expect(errorsOf(parseAll(line(1, 'LIFT', '1'), 'host'))).toEqual(['unknown-type']);
    expect(errorsOf(parseAll(line(1, 'FOO', '1')))).toEqual(['unknown-type']);
  });

  it.each([
    ['LIFT'],
    ['LIFT', '1', '2'],
    ['LIFT', '255'],
    ['LIFT', '-1'],
    ['LIFT', '1.0'],
    ['LIFT', ' 1'],
    ['W', '1', '1.25'],
    ['W', '1', '1e3'],
    ['W', '1', ''],
    ['W', '1', '12345678'],
    ['HB', '4294967296'],
    ['HB', 'x'],
    ['HELLO', '1.0', 'id', '0'],
    ['HELLO', '1.0', 'bad id', '4'],
    ['HELLO', '1.0', 'x'.repeat(17), '4'],
    ['CAL', '1', '0'],
    ['LED', '1', 'fast'],
    ['PING', 'x'],
    ['ERR', 'code'],
  ])('rejects bad fields %j', (type, ...fields) => {
    expect(errorsOf(parseAll(line(1, type, ...fields)))).toEqual(['bad-fields']);
  });

  it('rejects bad sequence numbers', () => {
    expect(errorsOf(parseAll(encodeFrameUnchecked('65536,PING')))).toEqual(['bad-fields']);
    expect(errorsOf(parseAll(encodeFrameUnchecked(',PING')))).toEqual(['bad-fields']);
  });
});

/** Builds a correctly checksummed line around an arbitrary body (bypasses the encoder's checks). */
function encodeFrameUnchecked(body: string): string {
  return `$${body}*${crcHex(body)}\n`;
}
function crcHex(body: string): string {
  let crc = 0xffff;
  for (const b of enc.encode(body)) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

describe('LineParser: errors', () => {
  it('rejects a bad CRC, a lower-case CRC and a missing CRC', () => {
    const good = line(5, 'LIFT', '1');
    expect(errorsOf(parseAll(good.replace(/\*..../, '*0000')))).toEqual(['bad-crc']);
    expect(errorsOf(parseAll(good.replace(/\*(....)/, (_m, hex: string) => `*${hex.toLowerCase()}`)))).toEqual(
      /[A-F]/.test(good) ? ['bad-crc'] : [],
    );
    expect(errorsOf(parseAll('$5,LIFT,1\n'))).toEqual(['bad-crc']);
    expect(errorsOf(parseAll('$\n'))).toEqual(['bad-crc']);
  });

  it('counts a run of garbage once and still decodes the frame after it', () => {
    const results = parseAll(`hello world\n\x00\xff${line(1, 'LIFT', '2')}more junk${line(2, 'PUT', '2')}`);
    expect(errorsOf(results)).toEqual(['garbage', 'garbage']);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
  });

  it('restarts on a $ inside a line (frame cut short)', () => {
    const results = parseAll(`$12,LI${line(13, 'LIFT', '1')}`);
    expect(results).toEqual([
      { ok: false, error: 'garbage', detail: expect.stringContaining('cut short') as unknown },
      { ok: true, frame: { type: 'LIFT', seq: 13, channel: 1 } },
    ]);
  });

  it('accepts a line of exactly 128 bytes and rejects 129 without buffering it', () => {
    const pad = (n: number): string => {
      const base = line(1, 'ERR', 'E', '');
      return line(1, 'ERR', 'E', 'x'.repeat(n - base.length));
    };
    expect(pad(MAX_LINE_BYTES)).toHaveLength(MAX_LINE_BYTES);
    expect(parseAll(pad(MAX_LINE_BYTES))[0]?.ok).toBe(true);
    const tooLong = `$1,ERR,E,${'x'.repeat(120)}*0000\n`;
    expect(tooLong.length).toBeGreaterThan(MAX_LINE_BYTES);
    const parser = new LineParser();
    const results = parser.push(bytes(tooLong.slice(0, 200)));
    expect(errorsOf(results)).toEqual(['too-long']);
    expect(parser.bufferedBytes).toBe(0);
    expect(parser.push(bytes(line(2, 'LIFT', '0')))).toEqual([{ ok: true, frame: { type: 'LIFT', seq: 2, channel: 0 } }]);
  });

  it('discards an endless line with bounded memory', () => {
    const parser = new LineParser();
    const errors: string[] = [];
    errors.push(...errorsOf(parser.push(bytes('$1,W,'))));
    const chunk = bytes('9'.repeat(1000));
    for (let i = 0; i < 1000; i++) {
      errors.push(...errorsOf(parser.push(chunk)));
      expect(parser.bufferedBytes).toBeLessThanOrEqual(MAX_LINE_BYTES);
    }
    expect(errors).toEqual(['too-long']);
  });
});

describe('LineParser: chunk boundaries', () => {
  const stream =
    line(0, 'HELLO', '1.0.0', 'B1', '4') +
    'noise' +
    line(1, 'LIFT', '3').replace('\n', '\r\n') +
    line(2, 'W', '3', '-0.5') +
    line(3, 'PUT', '3').replace(/\*..../, '*FFFF') +
    line(4, 'HB', '1000');
  const whole = parseAll(stream);

  it('decodes the reference stream', () => {
    expect(whole.map((r) => (r.ok ? r.frame.type : r.error))).toEqual(['HELLO', 'garbage', 'LIFT', 'W', 'bad-crc', 'HB']);
  });

  it('gives the same results for every split point', () => {
    const data = bytes(stream);
    for (let cut = 0; cut <= data.length; cut++) {
      const parser = new LineParser();
      expect([...parser.push(data.subarray(0, cut)), ...parser.push(data.subarray(cut))]).toEqual(whole);
    }
  });

  it('gives the same results for every pair of split points and byte-at-a-time', () => {
    const data = bytes(stream);
    for (let a = 0; a <= data.length; a += 3) {
      for (let b = a; b <= data.length; b += 5) {
        const parser = new LineParser();
        const got = [data.subarray(0, a), data.subarray(a, b), data.subarray(b)].flatMap((c) => parser.push(c));
        expect(got).toEqual(whole);
      }
    }
    const parser = new LineParser();
    expect([...data].flatMap((b) => parser.push(Uint8Array.of(b)))).toEqual(whole);
  });
});
