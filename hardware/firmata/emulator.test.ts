import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../sim/pty.ts';
import { FirmataEmulator } from './emulator.ts';
import { FirmataPreframer } from './preframer.ts';
import { CAPABILITY_RESPONSE, PIN_MODE, REPORT_FIRMWARE, REPORT_VERSION, UNO } from './protocol.ts';

/** A raw host: opens the pty like a driver would and frames what comes back. */
class RawHost {
  readonly messages: Uint8Array[] = [];
  private readonly framer = new FirmataPreframer({ pinCount: UNO.pinCount, analogChannels: UNO.analogPins.length });
  private constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => this.messages.push(...this.framer.push(chunk)));
  }
  static async open(path: string): Promise<RawHost> {
    const port = new SerialPort({ path, baudRate: 57600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new RawHost(port);
  }
  write(bytes: number[]): void {
    this.port.write(Buffer.from(bytes));
  }
  async waitFor(predicate: (m: Uint8Array) => boolean, timeoutMs = 10_000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting for a message');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((r) => this.port.close(() => r()));
  }
}

describe('FirmataEmulator over a pty', () => {
  let dir: string;
  let pty: PtyPair;
  let emulator: FirmataEmulator;
  let host: RawHost | null = null;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'firmata-emu-'));
    pty = await startPtyPair(dir);
    emulator = new FirmataEmulator({ devicePath: pty.devicePath, hostPath: pty.hostPath, bootMs: 300, hostPollMs: 50 });
    await emulator.start();
  });

  afterEach(async () => {
    await host?.close();
    host = null;
    await emulator.stop();
    await pty.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resets when the host opens, ignores bytes while booting, then reports its version unsolicited', async () => {
    host = await RawHost.open(pty.hostPath);
    host.write([REPORT_VERSION]); // lost: the board is still blinking
    const version = await host.waitFor((m) => m[0] === REPORT_VERSION);
    expect([...version]).toEqual([REPORT_VERSION, 2, 5]);
    const firmware = await host.waitFor((m) => m[1] === REPORT_FIRMWARE);
    const name = Buffer.from([...firmware.subarray(4, -1)].filter((_, i) => i % 2 === 0)).toString('ascii');
    expect(name).toBe('StandardFirmata.ino');
    expect(host.messages.filter((m) => m[0] === REPORT_VERSION)).toHaveLength(1);
    expect(emulator.stats.resets).toBe(1);
    expect(emulator.stats.ignoredBytes).toBeGreaterThan(0);
  });

  it('answers capability and analog-mapping queries for an Uno', async () => {
    host = await RawHost.open(pty.hostPath);
    await host.waitFor((m) => m[0] === REPORT_VERSION);
    host.write([0xf0, 0x6b, 0xf7, 0xf0, 0x69, 0xf7]);
    const caps = await host.waitFor((m) => m[1] === CAPABILITY_RESPONSE);
    expect(caps.filter((b) => b === 0x7f)).toHaveLength(20);
    const mapping = await host.waitFor((m) => m[1] === 0x6a);
    expect([...mapping.subarray(2, -1)]).toEqual([...Array<number>(14).fill(0x7f), 0, 1, 2, 3, 4, 5]);
  });

  it('reports digital ports on change, analog channels every sampling interval, pin state on query', async () => {
    host = await RawHost.open(pty.hostPath);
    await host.waitFor((m) => m[0] === REPORT_VERSION);
    emulator.setDigital(2, 1);
    host.write([0xf4, 2, PIN_MODE.INPUT, 0xd0, 1, 0xc0 | 1, 1, 0xf0, 0x7a, 10, 0, 0xf7]);
    await host.waitFor((m) => m[0] === 0x90 && m[1] === 0b100);
    emulator.setDigital(2, 0);
    await host.waitFor((m) => m[0] === 0x90 && m[1] === 0);
    emulator.setAnalog(15, 700);
    await host.waitFor((m) => m[0] === 0xe1 && (m[1] ?? 0) + ((m[2] ?? 0) << 7) === 700);
    // The host framer accepts pin states only for pins the capability response listed.
    host.write([0xf0, 0x6b, 0xf7, 0xf0, 0x6d, 2, 0xf7]);
    const state = await host.waitFor((m) => m[1] === 0x6e);
    expect([...state.subarray(2, 4)]).toEqual([2, PIN_MODE.INPUT]);
  });

  it('goes silent when unplugged and boots again when plugged back', async () => {
    host = await RawHost.open(pty.hostPath);
    // The whole first boot announcement (its firmware name comes last): on a busy machine the
    // name could otherwise arrive after the messages are cleared and pass for the second boot's.
    await host.waitFor((m) => m[0] === 0xf0 && m[1] === REPORT_FIRMWARE);
    emulator.stopAnswering();
    host.messages.length = 0;
    const ignored = emulator.stats.ignoredBytes;
    host.write([REPORT_VERSION]);
    // The query reached the unplugged board and was dropped (not merely still in flight) …
    for (let i = 0; emulator.stats.ignoredBytes === ignored; i++) {
      if (i > 1000) throw new Error('the query never reached the emulator');
      await new Promise((r) => setTimeout(r, 10));
    }
    emulator.resume();
    // … and the boot announcement (version, then firmware name) is all the host hears: an
    // answer to the dropped query would have been an extra version report before it.
    await host.waitFor((m) => m[0] === 0xf0 && m[1] === REPORT_FIRMWARE);
    expect(host.messages.filter((m) => m[0] === REPORT_VERSION)).toHaveLength(1);
    expect(emulator.stats.resets).toBe(2);
  });
});
