import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmulatorCore } from './emulator-core.ts';
import { loadFirmata } from './j5-types.ts';
import { FirmataPreframer, type PreframerOptions } from './preframer.ts';
import { UNO } from './protocol.ts';

const UNO_FRAMING: PreframerOptions = { pinCount: 20, analogChannels: 6 };

/** Valid board → host messages that need no prior state. */
const validMessage = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 127 })).map(([a, b]) => [0xf9, a, b]),
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 127 })).map(([p, a, b]) => [0x90 | p, a, b]),
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 127 })).map(([c, a, b]) => [0xe0 | c, a, b]),
  fc.array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 28 }).map((name) => [0xf0, 0x79, 2, 5, ...name.flatMap((c) => [c, 0]), 0xf7]),
);

const bytes = (max: number) => fc.uint8Array({ maxLength: max });

/** Splits a byte array at arbitrary points. */
function chunked(data: number[], cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, data.length]) {
    out.push(Uint8Array.from(data.slice(from, p)));
    from = p;
  }
  return out;
}

function feedAll(framer: FirmataPreframer, chunks: Uint8Array[]): number[][] {
  const out: number[][] = [];
  for (const chunk of chunks) {
    for (const m of framer.push(chunk)) out.push([...m]);
    expect(framer.buffered).toBeLessThanOrEqual(framer.bufferLimit);
  }
  return out;
}

describe('FirmataPreframer', () => {
  it('passes well-formed messages through unchanged, however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(validMessage, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (messages, cuts) => {
        const framer = new FirmataPreframer(UNO_FRAMING);
        expect(feedAll(framer, chunked(messages.flat(), cuts))).toEqual(messages);
        expect(framer.stats.droppedBytes).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and stays bounded on garbage', () => {
    fc.assert(
      fc.property(fc.array(bytes(300), { maxLength: 8 }), (chunks) => {
        const framer = new FirmataPreframer(UNO_FRAMING);
        for (const m of feedAll(framer, chunks)) expect(m.length).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 3000 },
    );
  });

  it('recovers every valid message that follows garbage', () => {
    fc.assert(
      fc.property(bytes(200), fc.array(validMessage, { minLength: 1, maxLength: 10 }), (garbage, messages) => {
        const framer = new FirmataPreframer(UNO_FRAMING);
        framer.push(garbage);
        // Garbage may itself contain valid messages; what follows it must all come out.
        expect(feedAll(framer, [Uint8Array.from(messages.flat())])).toEqual(messages);
      }),
      { numRuns: 2000 },
    );
  });

  it('drops bit-flipped messages it cannot trust, and emits only in-range ones', () => {
    fc.assert(
      fc.property(fc.array(validMessage, { minLength: 1, maxLength: 20 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { maxLength: 8 }), (messages, flips) => {
        const data = messages.flat();
        for (const [at, bit] of flips) data[at % data.length] = (data[at % data.length] ?? 0) ^ (1 << bit);
        const framer = new FirmataPreframer(UNO_FRAMING);
        for (const m of feedAll(framer, [Uint8Array.from(data)])) {
          const [status = 0] = m;
          if ((status & 0xf0) === 0x90) expect(status & 0x0f).toBeLessThan(3);
          if ((status & 0xf0) === 0xe0) expect(status & 0x0f).toBeLessThan(6);
          expect(m.slice(1, -1).every((b) => b < 0x80)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('drops over-long sysex until END_SYSEX and carries on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 63, max: 2000 }), fc.array(validMessage, { maxLength: 5 }), (length, after) => {
        const framer = new FirmataPreframer(UNO_FRAMING);
        const long = [0xf0, 0x71, ...Array.from({ length }, (_, i) => i % 128), 0xf7];
        expect(feedAll(framer, chunked([...long, ...after.flat()], [17, 64, 65, 300]))).toEqual(after);
        expect(framer.stats.drops['oversized-sysex']).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('range-checks pin state and analog mapping against the capability response', () => {
    const framer = new FirmataPreframer(UNO_FRAMING);
    expect(framer.push(Uint8Array.of(0xf0, 0x6e, 5, 0, 1, 0xf7))).toEqual([]); // before capabilities
    const caps: Uint8Array[] = [];
    new EmulatorCore(UNO, 'x', (b) => caps.push(b)).receive(Uint8Array.of(0xf0, 0x6b, 0xf7));
    expect(framer.push(caps[0] ?? new Uint8Array())).toHaveLength(1);
    expect(framer.push(Uint8Array.of(0xf0, 0x6e, 5, 0, 1, 0xf7))).toHaveLength(1);
    expect(framer.push(Uint8Array.of(0xf0, 0x6e, 100, 0, 1, 0xf7))).toEqual([]);
    expect(framer.push(Uint8Array.of(0xf0, 0x6a, ...Array<number>(21).fill(0x7f), 0xf7))).toEqual([]);
    expect(framer.push(Uint8Array.of(0x93, 1, 0))).toEqual([]);
    expect(framer.push(Uint8Array.of(0xe7, 1, 0))).toEqual([]);
    expect(framer.push(Uint8Array.of(0xf0, 0x79, 0xf7))).toEqual([]);
    expect(framer.stats.drops['out-of-range']).toBe(5);
    expect(framer.stats.drops['malformed-sysex']).toBe(1);
  });
});

describe('firmata-io behind the pre-framer', () => {
  /** A firmata-io instance past its handshake with an emulated Uno, plus its transport. */
  function handshakenFirmata(): { transport: EventEmitter; framer: FirmataPreframer } {
    const transport = Object.assign(new EventEmitter(), { write: (_d: Buffer, cb?: () => void) => cb?.() });
    const Firmata = loadFirmata();
    new Firmata(transport, { reportVersionTimeout: 60_000 });
    const framer = new FirmataPreframer(UNO_FRAMING);
    const core = new EmulatorCore(UNO, 'StandardFirmata.ino', (b) => {
      const framed = framer.push(b);
      if (framed.length) transport.emit('data', Buffer.concat(framed));
    });
    core.announce();
    core.receive(Uint8Array.of(0xf0, 0x6b, 0xf7, 0xf0, 0x69, 0xf7));
    return { transport, framer };
  }

  it('would throw on an out-of-range pin state without it', () => {
    const { transport } = handshakenFirmata();
    expect(() => transport.emit('data', Buffer.from([0xf0, 0x6e, 100, 0, 1, 0xf7]))).toThrow();
  });

  it('never throws on garbage, bit flips and over-long sysex that pass through it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(bytes(100), validMessage.map((m) => Uint8Array.from(m))), { maxLength: 12 }), (chunks) => {
        const { transport, framer } = handshakenFirmata();
        for (const chunk of chunks) {
          const framed = framer.push(chunk);
          if (framed.length) transport.emit('data', Buffer.concat(framed));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
