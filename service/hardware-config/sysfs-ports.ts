import fs from 'node:fs';
import path from 'node:path';
import type { PortInfo } from '../../contract/hardware.ts';

/**
 * Serial ports without udev: where `udevadm` is missing (minimal images, containers)
 * serialport's list() fails, but the kernel still tells us what is plugged in. Ports come
 * from /sys/class/tty (USB and ACM ttys, with idVendor / idProduct / serial / manufacturer
 * from the USB device above the interface) and from the /dev/serial/by-id and by-path links
 * (which udev created when it last ran; a link's target is the port).
 */
export interface PortDirs {
  /** /sys/class/tty */
  sysClassTty: string;
  /** /dev */
  dev: string;
  /** /dev/serial/by-id */
  byId: string;
  /** /dev/serial/by-path */
  byPath: string;
}

export const SYSTEM_PORT_DIRS: PortDirs = { sysClassTty: '/sys/class/tty', dev: '/dev', byId: '/dev/serial/by-id', byPath: '/dev/serial/by-path' };

/** Stable links (Linux): link target → link path. */
export function readLinks(dir: string): Map<string, string> {
  const links = new Map<string, string>();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return links; // no such directory: not Linux, or no USB serial device plugged in
  }
  for (const name of names.sort()) {
    const link = path.join(dir, name);
    try {
      links.set(fs.realpathSync(link), link);
    } catch {
      // the device went away while we looked
    }
  }
  return links;
}

function readAttr(dir: string, name: string): string | undefined {
  try {
    const value = fs.readFileSync(path.join(dir, name), 'utf8').trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

/** The USB device directory above a tty's interface (the first ancestor with an idVendor), up to 4 levels. */
function usbDeviceDir(ttyDevice: string): string | undefined {
  let dir = ttyDevice;
  for (let i = 0; i < 4; i++) {
    if (readAttr(dir, 'idVendor') !== undefined) return dir;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** USB serial ttys the kernel knows of (ttyUSB*, ttyACM*), with what sysfs says about them. */
function sysfsPorts(dirs: PortDirs): PortInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dirs.sysClassTty);
  } catch {
    return [];
  }
  const ports: PortInfo[] = [];
  for (const name of names.filter((n) => /^tty(USB|ACM)\d+$/.test(n)).sort()) {
    let device: string;
    try {
      device = fs.realpathSync(path.join(dirs.sysClassTty, name, 'device'));
    } catch {
      continue; // a virtual tty without a device
    }
    const usb = usbDeviceDir(device);
    const info: PortInfo = { path: path.join(dirs.dev, name) };
    if (usb) {
      const attrs = { manufacturer: readAttr(usb, 'manufacturer'), serialNumber: readAttr(usb, 'serial'), vendorId: readAttr(usb, 'idVendor'), productId: readAttr(usb, 'idProduct') };
      for (const [key, value] of Object.entries(attrs)) if (value !== undefined) Object.assign(info, { [key]: value });
    }
    ports.push(info);
  }
  return ports;
}

/** Ports from sysfs, plus any port only the /dev/serial links know (their targets). */
export function listPortsWithoutUdev(dirs: PortDirs = SYSTEM_PORT_DIRS): PortInfo[] {
  const ports = sysfsPorts(dirs);
  const known = new Set(ports.map((p) => realOr(p.path)));
  for (const dir of [dirs.byId, dirs.byPath]) {
    for (const target of readLinks(dir).keys()) {
      if (known.has(target)) continue;
      known.add(target);
      ports.push({ path: target });
    }
  }
  return ports;
}

export function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
