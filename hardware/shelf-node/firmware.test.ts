/**
 * The firmware (hardware/firmware/shelf-node) against this codec: build.sh compiles it with
 * avr-gcc, and protocol.c is compiled for the host to cross-check CRC, framing and the line
 * reader byte for byte. Lives here, not under hardware/firmware/, so lint covers it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LineParser, encodeFrame } from './codec.ts';
import { crc16OfString, formatCrc } from './crc16.ts';

const firmwareDir = join(import.meta.dirname, '..', 'firmware');
const hasTool = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
// In CI a missing toolchain is a failure, not a skip.
const skipAvr = !hasTool('avr-gcc') && process.env.CI !== 'true';
const skipCc = !hasTool('cc') && process.env.CI !== 'true';
const temp = mkdtempSync(join(tmpdir(), 'shelf-fw-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function build(script: string, outDir: string, extra = ''): { status: number | null; output: string } {
  const result = spawnSync('sh', [script], { env: { ...process.env, OUT_DIR: outDir, EXTRA_CFLAGS: extra }, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(skipAvr)('firmware build (avr-gcc)', () => {
  it('compiles without warnings, fits an Uno with its bootloader and writes a .hex', () => {
    const out = join(temp, 'out');
    const { status, output } = build(join(firmwareDir, 'build.sh'), out);
    expect(status, output).toBe(0);
    const program = Number(/Program:\s+(\d+) bytes/.exec(output)?.[1]);
    expect(program).toBeGreaterThan(1000);
    expect(program).toBeLessThanOrEqual(32_256); // 32 KiB flash minus Optiboot's 512 bytes
    expect(readFileSync(join(out, 'shelf-node.hex'), 'utf8')).toMatch(/^:/);
    console.info(`firmware size: ${program} bytes flash`);
  });

  it('compiles for one channel and for a switches-only board', () => {
    expect(build(join(firmwareDir, 'build.sh'), join(temp, 'one'), '-DSN_CHANNELS=1').status).toBe(0);
    expect(build(join(firmwareDir, 'build.sh'), join(temp, 'sw'), '-DSN_LOADCELL_MASK=0').status).toBe(0);
  });

  it('exits non-zero on a compile error', () => {
    const copy = join(temp, 'broken');
    cpSync(firmwareDir, copy, { recursive: true });
    writeFileSync(join(copy, 'shelf-node', 'main.c'), `${readFileSync(join(copy, 'shelf-node', 'main.c'), 'utf8')}\nthis is not C;\n`);
    const { status, output } = build(join(copy, 'build.sh'), join(temp, 'broken-out'));
    expect(status).not.toBe(0);
    expect(output).toMatch(/error/);
  });
});

describe.skipIf(skipCc)('firmware protocol.c cross-check (host cc)', () => {
  const harness = join(temp, 'protocol-host-test');
  const src = join(firmwareDir, 'shelf-node');
  const compile = (): void => {
    if (existsSync(harness)) return;
    execFileSync('cc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-o', harness, join(src, 'test', 'protocol-host-test.c'), join(src, 'protocol.c')]);
  };
  const run = (args: string[], input = ''): string[] => {
    compile();
    return execFileSync(harness, args, { input, encoding: 'latin1' }).split('\n').slice(0, -1);
  };
  const ts = (seq: number, type: string, ...fields: string[]): string => new TextDecoder().decode(encodeFrame(seq, type, fields)).trimEnd();

  it('encodes byte for byte what the host codec encodes', () => {
    expect(run(['encode'])).toEqual([
      ts(0, 'HELLO', '1.0.0', 'shelf-A', '4'),
      ts(65535, 'HB', '4294967295'),
      ts(7, 'LIFT', '3'),
      ts(100, 'W', '1', '-12.5'),
      ts(101, 'W', '1', '250'),
      ts(102, 'W', '1', '-0.5'),
      ts(103, 'W', '1', '0'),
      ts(104, 'W', '1', '9999999.9'),
      ts(105, 'W', '1', '-9999999.9'),
      ts(9, 'ERR', 'HX711', 'bad__chars_here'),
      'OVERFLOW',
    ]);
    const parser = new LineParser('board');
    const decoded = parser.push(new TextEncoder().encode(run(['encode']).slice(0, -1).join('\n') + '\n'));
    expect(decoded.every((r) => r.ok)).toBe(true);
  });

  it('reads host commands like the host codec frames them, with the same limits', () => {
    // Built by hand: the host encoder itself refuses to make a 129-byte line.
    const base = ts(1, 'ID', '').length;
    const long = (n: number): string => {
      const body = `1,ID,${'x'.repeat(n - base - 1)}`;
      return `$${body}*${formatCrc(crc16OfString(body))}\n`;
    };
    expect(long(128)).toHaveLength(128);
    const input = [
      `${ts(0, 'PING')}\n`,
      `${ts(1, 'LED', '2', 'blink')}\r\n`,
      'junk\n',
      `${ts(2, 'TARE', '0').replace(/\*[0-9A-F]{4}$/, '*0000')}\n`,
      long(128),
      long(129),
      `$3,CAL,1,50${ts(4, 'CAL', '1', '500.5')}\n`,
    ].join('');
    expect(run(['decode'], input)).toEqual([
      'LINE 0,PING',
      'LINE 1,LED,2,blink',
      'BAD_CRC',
      `LINE 1,ID,${'x'.repeat(128 - base - 1)}`,
      'TOO_LONG',
      'LINE 4,CAL,1,500.5',
    ]);
  });

  it('parses grams like the host', () => {
    expect(run(['tenths', '-12.5', '250', '1.25', 'x', '-0.5', '12345678', '9999999.9'])).toEqual(['-125', '2500', 'ERR', 'ERR', '-5', 'ERR', '99999999']);
  });
});
