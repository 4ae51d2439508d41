/**
 * CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor.
 * Check value: crc16("123456789") === 0x29B1 (Greenwich CRC catalogue).
 * The firmware (hardware/firmware/shelf-node/main.c) uses the same parameters bit-wise.
 */

const POLY = 0x1021;
const INIT = 0xffff;

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ POLY) & 0xffff : (crc << 1) & 0xffff;
    }
    table[byte] = crc;
  }
  return table;
}

const TABLE = buildTable();

/** CRC over `bytes[start, end)`; continues from `crc` so callers can feed pieces. */
export function crc16(bytes: Uint8Array, start = 0, end = bytes.length, crc = INIT): number {
  let value = crc;
  for (let i = start; i < end; i++) {
    const index = ((value >> 8) ^ (bytes[i] ?? 0)) & 0xff;
    value = ((value << 8) & 0xffff) ^ (TABLE[index] ?? 0);
  }
  return value;
}

/** CRC of an ASCII/UTF-8 string. */
export function crc16OfString(text: string): number {
  return crc16(new TextEncoder().encode(text));
}

/** The wire form: four uppercase hex digits. */
export function formatCrc(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
