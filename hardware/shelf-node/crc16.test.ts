import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc16, crc16OfString, formatCrc } from './crc16.ts';

/** Bit-at-a-time reference, written straight from the definition. */
function referenceCrc(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

describe('crc16 (CCITT-FALSE)', () => {
  it('matches the catalogue check value', () => {
    expect(crc16OfString('123456789')).toBe(0x29b1);
  });

  it('is the init value for empty input', () => {
    expect(crc16(new Uint8Array(0))).toBe(0xffff);
  });

  it('formats as four uppercase hex digits', () => {
    expect(formatCrc(0x29b1)).toBe('29B1');
    expect(formatCrc(0x00a)).toBe('000A');
  });

  it('agrees with the bitwise reference and can be fed in pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % bytes.length;
        const whole = crc16(bytes);
        expect(whole).toBe(referenceCrc(bytes));
        expect(crc16(bytes, at, bytes.length, crc16(bytes, 0, at))).toBe(whole);
      }),
      { numRuns: 2000 },
    );
  });
});
