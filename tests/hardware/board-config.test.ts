import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { createBoardStore } from '../../db/boards.ts';
import { resolvePort } from '../../service/hardware-config/ports.ts';
import type { BoardSetup } from '../../contract/hardware.ts';
import { request } from '../support/kiosk-in-process.ts';
import { startHwKiosk, type HwKiosk } from './support.ts';

const firmata = (over: Record<string, unknown> = {}) => ({
  boardId: 'uno-1',
  protocol: 'firmata',
  port: { byPath: '/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0' },
  slots: [
    { channel: 0, kind: 'switch', pin: 2 },
    { channel: 1, kind: 'analog', pin: 14, threshold: 500 },
  ],
  ...over,
});

describe('board configuration API', () => {
  let hw: HwKiosk;
  beforeAll(async () => {
    hw = await startHwKiosk();
    hw.ports.push({ path: '/dev/pts/77', serialNumber: 'A10K3ZX9', manufacturer: 'FTDI', byId: '/dev/serial/by-id/usb-FTDI_A10K3ZX9-if00-port0' }, { path: '/dev/pts/78' });
  }, 30_000);
  afterAll(async () => hw?.stop());

  it('lists ports through the injected lister', async () => {
    const body = await hw.json<{ ports: unknown[] }>('/api/hardware/ports');
    expect(body.ports).toEqual(hw.ports);
  });

  it.each([
    ['a pin used twice', { slots: [{ channel: 0, kind: 'switch', pin: 2 }, { channel: 1, kind: 'switch', pin: 2 }] }, 'boards.0.slots.1.pin: pin 2 used twice'],
    ['an analog slot on a digital pin', { slots: [{ channel: 0, kind: 'analog', pin: 5, threshold: 300 }] }, 'boards.0.slots.0.pin: analog slot on pin 5: use A0…A5 (pins 14…19)'],
    ['a switch on the serial pins', { slots: [{ channel: 0, kind: 'switch', pin: 1 }] }, 'boards.0.slots.0.pin: pins 0 and 1 are the serial port'],
    ['no way to find the port', { port: {} }, 'boards.0.port: port needs a serialNumber, a byPath or a path'],
    ['an unknown protocol', { protocol: 'modbus' }, 'boards.0.protocol'],
    ['a board id with spaces', { boardId: 'shelf one' }, 'boards.0.boardId: board id'],
  ])('refuses %s with a clear message', async (_name, over, message) => {
    const res = await hw.api('PUT', '/api/hardware/boards', { boards: [firmata(over)] });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { error: string; message: string };
    expect(body.error).toBe('bad-board-config');
    expect(body.message).toContain(message);
  });

  it('refuses two boards with one id or one port', async () => {
    const res = await hw.api('PUT', '/api/hardware/boards', { boards: [firmata(), firmata({ slots: [{ channel: 0, kind: 'switch', pin: 3 }] })] });
    expect(res.status).toBe(400);
    expect(res.body).toContain('board id uno-1 used twice');
    expect(res.body).toContain('byPath /dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0 already used by board uno-1');
  });

  it('stores a valid list, unconfirmed, and a staff confirmation', async () => {
    const put = await hw.api('PUT', '/api/hardware/boards', { boards: [firmata(), { boardId: 'shelf-B', protocol: 'shelf-node', port: { serialNumber: 'A10K3ZX9' } }] });
    expect(put.status, put.body).toBe(200);
    const listed = await hw.json<{ boards: Array<{ setup: BoardSetup; confirmed: boolean }> }>('/api/hardware/boards');
    expect(listed.boards.map((b) => [b.setup.boardId, b.confirmed])).toEqual([['shelf-B', false], ['uno-1', false]]);
    expect(listed.boards[0]?.setup).toMatchObject({ baudRate: 115200, loadCellRate: 80 });
    const status = await hw.json<{ boards: Array<{ boardId: string; state: string; detail?: string }> }>('/api/hardware/status');
    expect(status.boards.find((b) => b.boardId === 'uno-1')).toMatchObject({ state: 'lost', detail: 'port not found' });

    expect((await hw.api('POST', '/api/hardware/boards/uno-1/confirm')).status).toBe(200);
    expect((await hw.api('POST', '/api/hardware/boards/nope/confirm')).status).toBe(404);
    const after = await hw.json<{ boards: Array<{ setup: BoardSetup; confirmed: boolean }> }>('/api/hardware/boards');
    expect(after.boards.find((b) => b.setup.boardId === 'uno-1')?.confirmed).toBe(true);
  });

  it('keeps the write routes behind the session cookie and the Origin check', async () => {
    const port = hw.kiosk.port;
    const noOrigin = await request(port, { method: 'PUT', path: '/api/hardware/boards', headers: { cookie: hw.cookie }, body: { boards: [] } });
    expect(noOrigin.status).toBe(403);
    const noCookie = await request(port, { method: 'POST', path: '/api/hardware/boards/uno-1/confirm', headers: { origin: `http://127.0.0.1:${port}` } });
    expect(noCookie.status).toBe(401);
    expect((await request(port, { path: '/api/hardware/ports' })).status).toBe(401);
    expect((await request(port, { path: '/api/hardware/status' })).status).toBe(401);
    expect((await request(port, { path: '/api/support/flight-recording?board=shelf-A' })).status).toBe(401);
  });

  it('serves the status page shell with no inline script', async () => {
    const page = await request(hw.kiosk.port, { path: '/status' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/status/page.js"></script>');
    expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(hw.kiosk.port, { path: '/status/page.js' })).body).toContain('/api/hardware/status');
  });
});

describe('port identity', () => {
  const ports = [
    { path: '/dev/ttyUSB3', serialNumber: 'A10K3ZX9', byId: '/dev/serial/by-id/usb-FTDI_A10K3ZX9-if00-port0', byPath: '/dev/serial/by-path/usb-0:1' },
    { path: '/dev/ttyUSB4', byPath: '/dev/serial/by-path/usb-0:2' },
  ];
  const none = () => false;

  it('prefers the serial number and its by-id link, and never falls back to a position', () => {
    expect(resolvePort({ serialNumber: 'A10K3ZX9', byPath: '/dev/serial/by-path/usb-0:2' }, ports, none)).toEqual({ path: '/dev/serial/by-id/usb-FTDI_A10K3ZX9-if00-port0', via: 'serial-number' });
    expect(resolvePort({ serialNumber: 'GONE', byPath: '/dev/serial/by-path/usb-0:2' }, ports, none)).toBeNull();
  });

  it('finds a CH340 clone by its socket, and a pty by its path', () => {
    const linked = (p: string) => p === '/dev/serial/by-path/usb-0:2';
    expect(resolvePort({ byPath: '/dev/serial/by-path/usb-0:2' }, ports, linked)).toEqual({ path: '/dev/serial/by-path/usb-0:2', via: 'by-path' });
    expect(resolvePort({ byPath: '/dev/serial/by-path/usb-0:2' }, ports, none)).toBeNull();
    expect(resolvePort({ path: '/tmp/x/a' }, ports, (p) => p === '/tmp/x/a')).toEqual({ path: '/tmp/x/a', via: 'path' });
    expect(resolvePort({ path: '/tmp/x/a' }, ports, none)).toBeNull();
  });
});

describe('board store', () => {
  it('drops a confirmation when the board’s port or wiring changes, keeps it otherwise', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boards-db-'));
    try {
      const { db } = openDatabase(path.join(dir, 'kiosk.db'));
      const store = createBoardStore(db);
      const board: BoardSetup = { boardId: 'uno-1', protocol: 'firmata', port: { byPath: '/dev/serial/by-path/usb-0:2' }, baudRate: 57600, slots: [{ channel: 0, kind: 'switch', pin: 2, pullup: true, presentLevel: 0 }] };
      store.replaceAll([board], 1);
      expect(store.confirm('uno-1', 2)).toBe(true);
      store.replaceAll([{ ...board, baudRate: 57600 }], 3);
      expect(store.list().records[0]).toMatchObject({ confirmed: true, confirmedAt: 2 });
      store.replaceAll([{ ...board, port: { byPath: '/dev/serial/by-path/usb-0:3' } }], 4);
      expect(store.list().records[0]).toMatchObject({ confirmed: false, confirmedAt: null });
      db.prepare("UPDATE boards SET slots = '[{\"channel\":0,\"kind\":\"switch\",\"pin\":99}]'").run();
      expect(store.list()).toMatchObject({ records: [], invalid: [{ boardId: 'uno-1', error: expect.stringContaining('pin 99 beyond') as unknown }] });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
