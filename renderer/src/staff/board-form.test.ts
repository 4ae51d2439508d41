import { describe, expect, it } from 'vitest';
import { draftToSetup, EMPTY_DRAFT, identityFromPort, setupToDraft } from './board-form.ts';

describe('board set-up form', () => {
  it('turns a Firmata draft into a valid set-up and back', () => {
    const draft = { ...EMPTY_DRAFT, boardId: 'uno-1', protocol: 'firmata' as const, serialNumber: 'A10K', slots: '0 2\n1 3\n2 A0 500' };
    const r = draftToSetup(draft);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ boardId: 'uno-1', port: { serialNumber: 'A10K' }, slots: [{ pin: 2 }, { pin: 3 }, { kind: 'analog', pin: 14, threshold: 500 }] });
    expect(setupToDraft(r.value).slots).toBe('0 2\n1 3\n2 A0 500');
  });
  it('names each bad field', () => {
    const r = draftToSetup({ ...EMPTY_DRAFT, boardId: 'bad id!', protocol: 'firmata', slots: '0 1\n0 1\nnonsense' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.issues.map((i) => `${i.field}: ${i.message}`).join('\n');
    expect(text).toMatch(/slots line 3/);
    expect(text).toMatch(/boardId/);
    expect(text).toMatch(/port/);
    expect(text).toMatch(/serial port|used twice/);
  });
  it('prefers a serial number, then the USB socket, then the path', () => {
    expect(identityFromPort({ path: '/dev/ttyUSB0', serialNumber: 'X1', byPath: '/dev/serial/by-path/p1' })).toMatchObject({ serialNumber: 'X1' });
    expect(identityFromPort({ path: '/dev/ttyUSB0', byPath: '/dev/serial/by-path/p1' })).toMatchObject({ byPath: '/dev/serial/by-path/p1' });
    expect(identityFromPort({ path: '/dev/ttyUSB0' })).toMatchObject({ portPath: '/dev/ttyUSB0' });
  });
});
