import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineParser, MAX_LINE_BYTES, encodeTypedFrame, type ParseResult } from './codec.ts';
import type { Frame } from './frames.ts';

const RUNS = 10_000;
const seq = fc.integer({ min: 0, max: 0xffff });
const channel = fc.integer({ min: 0, max: 254 });
const tenths = (max: number): fc.Arbitrary<number> => fc.integer({ min: -max, max }).map((t) => t / 10);
const token = fc.stringMatching(/^[A-Za-z0-9._-]{1,16}$/);
const text = fc.stringMatching(/^[ -+\--~]{0,60}$/).filter((t) => !/[$*,]/.test(t));

const frameArb: fc.Arbitrary<Frame> = fc.oneof(
  fc.record({ type: fc.constant('HELLO' as const), seq, firmware: token, boardId: token, channels: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ type: fc.constant('HB' as const), seq, uptimeMs: fc.integer({ min: 0, max: 0xffff_ffff }) }),
  fc.record({ type: fc.constant('LIFT' as const), seq, channel }),
  fc.record({ type: fc.constant('PUT' as const), seq, channel }),
  fc.record({ type: fc.constant('W' as const), seq, channel, grams: tenths(99_999_999) }),
  fc.record({ type: fc.constant('ERR' as const), seq, code: token, text }),
  fc.record({ type: fc.constant('PING' as const), seq }),
  fc.record({ type: fc.constant('TARE' as const), seq, channel }),
  fc.record({ type: fc.constant('CAL' as const), seq, channel, grams: tenths(99_999_999).filter((g) => g > 0) }),
  fc.record({ type: fc.constant('LED' as const), seq, channel, pattern: fc.constantFrom('off' as const, 'on' as const, 'blink' as const) }),
  fc.record({ type: fc.constant('ID' as const), seq, boardId: token }),
);

/** Feed bytes in the given chunk sizes; checks the buffer bound after every chunk. */
function feed(parser: LineParser, data: Uint8Array, sizes: number[]): ParseResult[] {
  const out: ParseResult[] = [];
  let at = 0;
  let i = 0;
  while (at < data.length) {
    const size = Math.max(1, sizes.length === 0 ? data.length : (sizes[i++ % sizes.length] ?? 1));
    out.push(...parser.push(data.subarray(at, at + size)));
    at += size;
    expect(parser.bufferedBytes).toBeLessThanOrEqual(MAX_LINE_BYTES);
  }
  return out;
}

const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 });
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('shelf-node codec properties', () => {
  it('round-trips every typed frame, in any chunking', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { minLength: 1, maxLength: 4 }), chunkSizes, (frames, sizes) => {
        const data = concat(...frames.map(encodeTypedFrame));
        const results = feed(new LineParser('any'), data, sizes);
        expect(results).toEqual(frames.map((frame) => ({ ok: true, frame })));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on random bytes and keeps its buffer bounded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), chunkSizes, (data, sizes) => {
        const parser = new LineParser('board');
        expect(() => feed(parser, data, sizes)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });

  it('decodes a valid frame after any garbage or over-long input', () => {
    const junk = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.integer({ min: 1, max: 1000 }).map((n) => new TextEncoder().encode(`$1,ERR,E,${'x'.repeat(n)}`)),
    );
    fc.assert(
      fc.property(junk, frameArb, chunkSizes, (garbage, frame, sizes) => {
        const results = feed(new LineParser('any'), concat(garbage, encodeTypedFrame(frame)), sizes);
        expect(results.at(-1)).toEqual({ ok: true, frame });
      }),
      { numRuns: RUNS },
    );
  });

  it('turns a bit flip into an error, never a different frame, and recovers on the next frame', () => {
    fc.assert(
      fc.property(frameArb, frameArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (victim, next, pos, bit) => {
        const data = encodeTypedFrame(victim).slice();
        const at = pos % data.length;
        data[at] = (data[at] ?? 0) ^ (1 << bit);
        const results = feed(new LineParser('any'), concat(data, encodeTypedFrame(next)), []);
        expect(results.at(-1)).toEqual({ ok: true, frame: next });
        // CRC-16 detects every single-bit error, so nothing else may decode.
        expect(results.slice(0, -1).every((r) => !r.ok)).toBe(true);
        expect(results.length).toBeGreaterThan(1);
      }),
      { numRuns: RUNS },
    );
  });
});
