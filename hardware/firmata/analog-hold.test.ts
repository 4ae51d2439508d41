import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHealth, startRig, type Rig } from './testing.ts';

// An FSR on A0 of an emulated Uno (StandardFirmata samples analog pins every 19 ms) over a
// socat pty, read by the real driver. The 30 ms hold must be enforced on the raw analog
// reports: one noisy sample is never a lift, a level that stays is.
const SLOT = { channel: 2, kind: 'analog', pin: 14, threshold: 500, hysteresis: 80, presentWhen: 'above' } as const;
const PRESENT = 800;
const ABSENT = 100;

describe('Firmata analog slots: 30 ms hold from the raw reports', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig([SLOT], (e) => e.setAnalog(SLOT.pin, PRESENT));
    await rig.waitFor(isHealth('connected'), 15_000);
  }, 30_000);

  afterAll(async () => {
    await rig?.stop();
  });

  it('ignores one-sample dips (19 ms), and a held level is a lift', async () => {
    const from = rig.events.length;
    for (let i = 0; i < 20; i++) {
      await rig.emulator.pulseAnalog(SLOT.pin, ABSENT, 1);
      // Let a few normal reports follow before the next dip.
      await rig.emulator.pulseAnalog(SLOT.pin, PRESENT, 3);
    }
    // Sentinel: the same input held. Its lift proves the dips before it were processed.
    rig.emulator.setAnalog(SLOT.pin, ABSENT);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === SLOT.channel, 3000, rig.events[from]?.at ?? 0);
    const picks = rig.events.slice(from).filter((e) => e.event.kind === 'lift' || e.event.kind === 'put');
    expect(picks.map((e) => e.event.kind)).toEqual(['lift']);

    rig.emulator.setAnalog(SLOT.pin, PRESENT);
    const put = await rig.waitFor((e) => e.kind === 'put' && e.channel === SLOT.channel, 3000);
    expect(put.event).toMatchObject({ kind: 'put', channel: SLOT.channel });
  }, 20_000);

  it('ignores a one-sample spike back while the product is away', async () => {
    rig.emulator.setAnalog(SLOT.pin, ABSENT);
    await rig.waitFor((e) => e.kind === 'lift' && e.channel === SLOT.channel, 3000, rig.events.at(-1)?.at ?? 0);
    const from = rig.events.length;
    for (let i = 0; i < 10; i++) {
      await rig.emulator.pulseAnalog(SLOT.pin, PRESENT, 1);
      await rig.emulator.pulseAnalog(SLOT.pin, ABSENT, 3);
    }
    rig.emulator.setAnalog(SLOT.pin, PRESENT);
    await rig.waitFor((e) => e.kind === 'put' && e.channel === SLOT.channel, 3000, rig.events[from - 1]?.at ?? 0);
    expect(rig.events.slice(from).filter((e) => e.event.kind === 'lift' || e.event.kind === 'put').map((e) => e.event.kind)).toEqual(['put']);
  }, 20_000);
});
