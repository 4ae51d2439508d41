import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShelfEvent } from '../../contract/hardware.ts';
import { preciseNow } from '../driver.ts';
import { FlightRecorder, replay } from '../recorder/index.ts';
import { FirmataPreframer } from './preframer.ts';
import { withLoadSlack } from '../../tests/support/budgets.ts';
import { isHealth, sleep, startRig, type Rig } from './testing.ts';

// One emulated Uno for the whole file (a board process takes ~1–2 s to come up).
// Slots: ch 3 = switch on pin 2 with pull-up (pressed = present = 0);
//        ch 5 = switch on pin 4, no pull-up, present = 1; ch 7 = FSR on A0 (pin 14).
const SLOTS = [
  { channel: 3, kind: 'switch' as const, pin: 2, pullup: true, presentLevel: 0 as const },
  { channel: 5, kind: 'switch' as const, pin: 4, pullup: false, presentLevel: 1 as const },
  { channel: 7, kind: 'analog' as const, pin: 14, threshold: 500, hysteresis: 100, presentWhen: 'above' as const },
];

/** Every byte the host received from the board, as the driver's raw tap reports it. */
const rawRx: number[] = [];

/** Resolves once the host has received `times` analog reports of `value` on `channel` since byte `from`. */
async function analogReceived(channel: number, value: number, times: number, from: number): Promise<void> {
  const [status, lsb, msb] = [0xe0 | channel, value & 0x7f, value >> 7];
  for (let waited = 0; waited < 10_000; waited += 10) {
    let seen = 0;
    for (let i = from; i + 2 < rawRx.length; i++) if (rawRx[i] === status && rawRx[i + 1] === lsb && rawRx[i + 2] === msb) seen++;
    if (seen >= times) return;
    await sleep(10);
  }
  throw new Error(`the host never received ${times} analog reports of ${value} on channel ${channel}`);
}

const picks = (rig: Rig, after: number): ShelfEvent[] =>
  rig.events.filter((e) => e.at >= after && (e.event.kind === 'lift' || e.event.kind === 'put')).map((e) => e.event);

describe('FirmataDriver against an emulated Uno over a pty', () => {
  let rig: Rig;
  const recorder = new FlightRecorder();

  beforeAll(async () => {
    rig = await startRig(
      SLOTS,
      (emulator) => {
        emulator.setDigital(2, 0);
        emulator.setDigital(4, 1);
        emulator.setAnalog(14, 800);
      },
      {
        onRaw: (bytes, at) => {
          recorder.recordChunk('uno-1', 'rx', bytes, at);
          rawRx.push(...bytes);
        },
      },
    );
    rig.driver.onEvent((event) => recorder.recordEvent('uno-1', event, preciseNow()));
    await rig.waitFor(isHealth('connected'), 30_000);
  }, 45_000);

  afterAll(async () => {
    await rig.stop();
  });

  it('says hello and reports the shelf as it is, without inventing lifts', () => {
    expect(rig.events.map((e) => e.event.kind)).toEqual(['hello', 'health']);
    expect(rig.events[0]?.event).toMatchObject({ kind: 'hello', firmware: 'StandardFirmata.ino (Firmata 2.5)', channels: 3 });
  });

  it('turns a released pull-up switch into a lift and a press into a put, on the right channel', async () => {
    const t = preciseNow();
    rig.emulator.setDigital(2, 1);
    const lift = await rig.waitFor((e) => e.kind === 'lift', withLoadSlack(3000), t);
    expect(lift.event).toMatchObject({ kind: 'lift', boardId: 'uno-1', channel: 3 });
    if (lift.event.kind === 'lift') expect(lift.event.rxAt).toBeGreaterThanOrEqual(t);
    rig.emulator.setDigital(2, 0);
    await rig.waitFor((e) => e.kind === 'put' && e.channel === 3, withLoadSlack(3000), t);
    rig.emulator.setDigital(4, 0);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === 5, withLoadSlack(3000), t);
    rig.emulator.setDigital(4, 1);
    await rig.waitFor((e) => e.kind === 'put' && e.channel === 5, withLoadSlack(3000), t);
    expect(picks(rig, t).map((e) => `${e.kind}:${'channel' in e ? e.channel : ''}`)).toEqual(['lift:3', 'put:3', 'lift:5', 'put:5']);
  });

  it('does not count bounces or double toggles shorter than 30 ms', async () => {
    const t = preciseNow();
    // Each burst leaves the board in one write, as a real board's scan sends it: the host reads
    // it as one chunk, far inside the 30 ms hold however busy the machine is.
    rig.emulator.atOnce(() => {
      for (let i = 0; i < 5; i++) {
        rig.emulator.setDigital(2, 1);
        rig.emulator.setDigital(2, 0);
      }
    });
    rig.emulator.atOnce(() => {
      rig.emulator.setDigital(4, 0);
      rig.emulator.setDigital(4, 1);
      rig.emulator.setDigital(4, 0);
      rig.emulator.setDigital(4, 1);
    });
    // A press that is held counts once, even though the port is reported again and again.
    // It is also the sentinel: sent after the bounces on the same line, so once its lift and
    // put are in, the bounces were read — and they added nothing.
    rig.emulator.setDigital(2, 1);
    rig.emulator.setDigital(2, 0);
    rig.emulator.setDigital(2, 1);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === 3, withLoadSlack(3000), t);
    rig.emulator.setDigital(2, 0);
    await rig.waitFor((e) => e.kind === 'put' && e.channel === 3, withLoadSlack(3000), t);
    expect(picks(rig, t).map((e) => `${e.kind}:${'channel' in e ? e.channel : ''}`)).toEqual(['lift:3', 'put:3']);
  });

  /** Sentinel: a lift and put on switch channel 5, proving everything sent before was processed. */
  async function switchSentinel(t: number): Promise<void> {
    rig.emulator.setDigital(4, 0);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === 5, withLoadSlack(3000), t);
    rig.emulator.setDigital(4, 1);
    await rig.waitFor((e) => e.kind === 'put' && e.channel === 5, withLoadSlack(3000), t);
  }

  it('reads an analog sensor through threshold and hysteresis', async () => {
    const t = preciseNow();
    let from = rawRx.length;
    rig.emulator.setAnalog(14, 480); // inside the dead band: still present
    await analogReceived(0, 480, 3, from);
    await switchSentinel(t);
    expect(picks(rig, t).map((e) => `${e.kind}:${'channel' in e ? e.channel : ''}`)).toEqual(['lift:5', 'put:5']);
    const u = preciseNow();
    rig.emulator.setAnalog(14, 100);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === 7, withLoadSlack(3000), u);
    from = rawRx.length;
    rig.emulator.setAnalog(14, 520); // inside the band from below: still absent
    await analogReceived(0, 520, 3, from);
    await switchSentinel(u);
    expect(picks(rig, u).map((e) => `${e.kind}:${'channel' in e ? e.channel : ''}`)).toEqual(['lift:7', 'lift:5', 'put:5']);
    rig.emulator.setAnalog(14, 900);
    await rig.waitFor((e) => e.kind === 'put' && e.channel === 7, withLoadSlack(3000), u);
    expect(picks(rig, u).map((e) => `${e.kind}:${'channel' in e ? e.channel : ''}`)).toEqual(['lift:7', 'lift:5', 'put:5', 'put:7']);
  });

  it('drops and reports garbage from the board and keeps working', async () => {
    const t = preciseNow();
    rig.emulator.sendRaw(Uint8Array.from([0x12, 0x34, 0xf7, 0x9f, 0x01]));
    rig.emulator.sendRaw(Uint8Array.from([0xf0, 0x71, ...Array<number>(500).fill(0x41), 0xf7]));
    rig.emulator.sendRaw(Uint8Array.from([0xf0, 0x6e, 100, 0, 1, 0xf7, 0x93, 1, 0]));
    await rig.waitFor((e) => e.kind === 'protocol-error' && e.error === 'too-long', withLoadSlack(3000), t);
    await rig.waitFor((e) => e.kind === 'protocol-error' && e.error === 'unknown-channel', withLoadSlack(3000), t);
    rig.emulator.setDigital(2, 1);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === 3, withLoadSlack(3000), t);
    rig.emulator.setDigital(2, 0);
    await rig.waitFor((e) => e.kind === 'put' && e.channel === 3, withLoadSlack(3000), t);
    expect(rig.events.filter((e) => e.at >= t && e.event.kind === 'health')).toEqual([]);
  });

  it('restarts a crashed board process and recovers without inventing a lift', async () => {
    const t = preciseNow();
    const pid = rig.driver.childPid;
    expect(pid).not.toBeNull();
    process.kill(pid ?? 0, 'SIGKILL');
    const lost = await rig.waitFor(isHealth('lost'), withLoadSlack(3000), t);
    const recovered = await rig.waitFor(isHealth('recovered'), 10_000, t);
    expect(recovered.at - lost.at).toBeLessThan(10_000);
    // Sentinel: the first real lift after recovery is the only pick since the crash.
    rig.emulator.setDigital(2, 1);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === 3, withLoadSlack(3000), t);
    expect(picks(rig, t).map((e) => `${e.kind}:${'channel' in e ? e.channel : ''}`)).toEqual(['lift:3']);
  }, 25_000);

  it('leaves a flight recording that replays into the parser', async () => {
    const file = join(rig.dir, 'flight.jsonl');
    await recorder.export(file);
    const framer = new FirmataPreframer({ pinCount: 20, analogChannels: 6 });
    const messages: Uint8Array[] = [];
    const { chunks } = await replay(file, (bytes) => messages.push(...framer.push(bytes)));
    expect(chunks).toBeGreaterThan(10);
    expect(messages.some((m) => m[0] === 0xf9)).toBe(true);
    expect(messages.filter((m) => m[0] === 0x90).length).toBeGreaterThan(5);
    expect(framer.stats.drops['oversized-sysex']).toBe(1); // the garbage injected above
  });
});
