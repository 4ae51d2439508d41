import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPortLister, resolvePort } from './ports.ts';
import type { PortDirs } from './sysfs-ports.ts';

/**
 * A fake /sys and /dev in a temp dir (real files and symlinks): an FTDI adapter with a
 * serial number on ttyUSB0, a CH340 clone without one on ttyACM0, a virtual tty, and a
 * port that only a /dev/serial/by-path link still knows.
 */
function fakeSystem(root: string): PortDirs {
  const dirs: PortDirs = { sysClassTty: path.join(root, 'sys/class/tty'), dev: path.join(root, 'dev'), byId: path.join(root, 'dev/serial/by-id'), byPath: path.join(root, 'dev/serial/by-path') };
  const usb = (name: string, attrs: Record<string, string>): string => {
    const dir = path.join(root, 'sys/devices/pci0000:00/usb1', name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [k, v] of Object.entries(attrs)) fs.writeFileSync(path.join(dir, k), `${v}\n`);
    return dir;
  };
  const tty = (name: string, device: string | null): void => {
    fs.mkdirSync(path.join(dirs.sysClassTty, name), { recursive: true });
    if (device) {
      fs.mkdirSync(device, { recursive: true });
      fs.symlinkSync(device, path.join(dirs.sysClassTty, name, 'device'));
    }
    fs.writeFileSync(path.join(dirs.dev, name), '');
  };
  for (const d of [dirs.sysClassTty, dirs.byId, dirs.byPath]) fs.mkdirSync(d, { recursive: true });
  const ftdi = usb('1-2', { idVendor: '0403', idProduct: '6001', serial: 'A10K3ZX9', manufacturer: 'FTDI' });
  const ch340 = usb('1-3', { idVendor: '1a86', idProduct: '7523' });
  tty('ttyUSB0', path.join(ftdi, '1-2:1.0', 'ttyUSB0'));
  tty('ttyACM0', path.join(ch340, '1-3:1.0'));
  tty('tty0', null);
  fs.writeFileSync(path.join(dirs.dev, 'ttyUSB7'), '');
  fs.symlinkSync('../../ttyUSB0', path.join(dirs.byId, 'usb-FTDI_FT232R_USB_UART_A10K3ZX9-if00-port0'));
  fs.symlinkSync('../../ttyUSB0', path.join(dirs.byPath, 'pci-0000:00:14.0-usb-0:2:1.0-port0'));
  fs.symlinkSync('../../ttyACM0', path.join(dirs.byPath, 'pci-0000:00:14.0-usb-0:3:1.0'));
  fs.symlinkSync('../../ttyUSB7', path.join(dirs.byPath, 'pci-0000:00:14.0-usb-0:4:1.0-port0'));
  return dirs;
}

function recordingLogger() {
  const lines: Array<{ level: 'warn' | 'info'; msg: string }> = [];
  return { lines, warn: (_obj: object, msg?: string) => lines.push({ level: 'warn', msg: msg ?? '' }), info: (_obj: object, msg?: string) => lines.push({ level: 'info', msg: msg ?? '' }) };
}

const noUdevadm = (): Promise<never> => Promise.reject(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' }));

describe('port listing where udevadm is missing', () => {
  let root: string;
  let dirs: PortDirs;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ports-')));
    dirs = fakeSystem(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists ports from sysfs and the /dev/serial links, with USB ids and serial numbers', async () => {
    const list = createPortLister({ list: noUdevadm, dirs });
    const ports = await list();
    expect(ports).toEqual([
      { path: path.join(dirs.dev, 'ttyACM0'), vendorId: '1a86', productId: '7523', byPath: path.join(dirs.byPath, 'pci-0000:00:14.0-usb-0:3:1.0') },
      {
        path: path.join(dirs.dev, 'ttyUSB0'),
        manufacturer: 'FTDI',
        serialNumber: 'A10K3ZX9',
        vendorId: '0403',
        productId: '6001',
        byPath: path.join(dirs.byPath, 'pci-0000:00:14.0-usb-0:2:1.0-port0'),
        byId: path.join(dirs.byId, 'usb-FTDI_FT232R_USB_UART_A10K3ZX9-if00-port0'),
      },
      { path: path.join(dirs.dev, 'ttyUSB7'), byPath: path.join(dirs.byPath, 'pci-0000:00:14.0-usb-0:4:1.0-port0') },
    ]);
    // A board configured by serial number is found through its by-id link.
    expect(resolvePort({ serialNumber: 'A10K3ZX9' }, ports)).toEqual({ path: path.join(dirs.byId, 'usb-FTDI_FT232R_USB_UART_A10K3ZX9-if00-port0'), via: 'serial-number' });
  });

  it('logs the failure once, not on every poll, and says when listing works again', async () => {
    const logger = recordingLogger();
    let udev = false;
    const list = createPortLister({ list: () => (udev ? Promise.resolve([{ path: path.join(dirs.dev, 'ttyUSB0'), serialNumber: 'A10K3ZX9' }]) : noUdevadm()), dirs, logger });
    for (let i = 0; i < 5; i++) await list();
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
    expect(logger.lines[0]?.msg).toContain('udevadm');
    udev = true;
    const [port] = await list();
    expect(port?.serialNumber).toBe('A10K3ZX9');
    expect(port?.byId).toContain('A10K3ZX9');
    await list();
    expect(logger.lines.map((l) => l.level)).toEqual(['warn', 'info']);
  });

  it('never throws with serialport’s own list(), udev or not', async () => {
    const logger = recordingLogger();
    const ports = await createPortLister({ dirs, logger })();
    expect(Array.isArray(ports)).toBe(true);
  });
});
