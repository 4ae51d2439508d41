import { afterEach, describe, expect, it } from 'vitest';
import { preciseNow } from '../driver.ts';
import { LOST_BUDGET_MS, RECOVER_BUDGET_MS, withLoadSlack } from '../../tests/support/budgets.ts';
import { isHealth, sleep, startRig, type Rig } from './testing.ts';

// Design bar: an unplugged board is detected within 2 s and back within 10 s of replug;
// what changed while it was away is recorded, never shown to a shopper as a lift. Here the
// bars get load slack (tests/support/budgets.ts); the tight figures are in `npm run bench`.
const SLOTS = [
  { channel: 0, kind: 'switch' as const, pin: 2 },
  { channel: 1, kind: 'switch' as const, pin: 3 },
];

describe('FirmataDriver recovery', () => {
  let rig: Rig | null = null;

  afterEach(async () => {
    await rig?.stop();
    rig = null;
  });

  async function connectedRig(): Promise<Rig> {
    const r = await startRig(SLOTS, (emulator) => {
      emulator.setDigital(2, 0);
      emulator.setDigital(3, 0);
    });
    await r.waitFor(isHealth('connected'), 30_000);
    return r;
  }

  it('detects a board that stops answering within 2 s and recovers within 10 s of replug', async () => {
    const r = (rig = await connectedRig());
    await sleep(700); // let a few probes succeed first
    const unpluggedAt = preciseNow();
    r.emulator.stopAnswering();
    const lost = await r.waitFor(isHealth('lost'), withLoadSlack(LOST_BUDGET_MS), unpluggedAt);
    expect(lost.at - unpluggedAt).toBeLessThanOrEqual(withLoadSlack(LOST_BUDGET_MS));
    console.info(`firmata unplug detected after ${(lost.at - unpluggedAt).toFixed(0)} ms`);
    r.emulator.setDigital(2, 1); // a product taken while the board was away
    await sleep(1500);
    const replugAt = preciseNow();
    r.emulator.resume();
    const recovered = await r.waitFor(isHealth('recovered'), withLoadSlack(RECOVER_BUDGET_MS), replugAt);
    console.info(`firmata recovered ${(recovered.at - replugAt).toFixed(0)} ms after replug`);
    expect(recovered.event).toMatchObject({ detail: 'changed while offline: channel 0 absent' });
    // And the slot works as before; that put is also the sentinel proving every frame from
    // the offline period was processed: it is the only pick since the unplug.
    const t = preciseNow();
    r.emulator.setDigital(2, 0);
    await r.waitFor((e) => e.kind === 'put' && e.channel === 0, withLoadSlack(3000), t);
    expect(r.events.filter((e) => e.at >= unpluggedAt && (e.event.kind === 'lift' || e.event.kind === 'put')).map((e) => e.event.kind)).toEqual(['put']);
  }, 60_000);

  it('notices the port vanishing and reconnects when it comes back', async () => {
    const r = (rig = await connectedRig());
    const goneAt = preciseNow();
    await r.emulator.stop();
    await r.pty.stop();
    const lost = await r.waitFor(isHealth('lost'), withLoadSlack(LOST_BUDGET_MS), goneAt);
    expect(lost.at - goneAt).toBeLessThanOrEqual(withLoadSlack(LOST_BUDGET_MS));
    console.info(`firmata port loss detected after ${(lost.at - goneAt).toFixed(0)} ms`);
    await sleep(2500); // the driver polls for the port meanwhile (backoff capped at 2 s)
    const replugAt = preciseNow();
    await r.replug();
    const recovered = await r.waitFor(isHealth('recovered'), withLoadSlack(RECOVER_BUDGET_MS), replugAt);
    console.info(`firmata reconnected ${(recovered.at - replugAt).toFixed(0)} ms after the port returned`);
    // Sentinel: a real lift after the replug is the only pick of the whole test.
    const t = preciseNow();
    r.emulator.setDigital(3, 1);
    await r.waitFor((e) => e.kind === 'lift' && e.channel === 1, withLoadSlack(3000), t);
    expect(r.events.filter((e) => e.event.kind === 'lift' || e.event.kind === 'put').map((e) => e.event.kind)).toEqual(['lift']);
  }, 60_000);

  it('gives a child slow to load its modules time to open the port before the board handshake clock starts', async () => {
    // A busy host acted out: the child spends 5 s loading before it can open the port, longer
    // than the ready timeout. That timeout counts from the port opening, so the child is not
    // killed and restarted over and over; a child that never opens is still killed (start timeout).
    const slowLoad = `data:text/javascript,const end = Date.now() + 5000; while (Date.now() < end);`;
    const r = (rig = await startRig(SLOTS, (emulator) => emulator.setDigital(2, 0), { readyTimeoutMs: 3500, childExecArgv: ['--import', slowLoad] }));
    const connected = await r.waitFor(isHealth('connected'), 60_000);
    expect(r.events.filter((e) => e.at <= connected.at && e.event.kind === 'health').map((e) => (e.event.kind === 'health' ? e.event.state : ''))).toEqual(['connected']);
  }, 90_000);
});
