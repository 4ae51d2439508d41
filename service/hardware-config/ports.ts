import fs from 'node:fs';
import { SerialPort } from 'serialport';
import type { PortIdentity, PortInfo } from '../../contract/hardware.ts';
import type { Logger } from '../log.ts';
import { listPortsWithoutUdev, readLinks, realOr, SYSTEM_PORT_DIRS, type PortDirs } from './sysfs-ports.ts';

/** Lists serial ports; injected so tests can list ptys (DESIGN §3). */
export type PortLister = () => Promise<PortInfo[]>;

/** What serialport's list() returns (only the fields we use). */
export interface RawPort {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface PortListerOptions {
  /** serialport's list(); on Linux it runs `udevadm`, which minimal images lack. */
  list?: () => Promise<RawPort[]>;
  dirs?: PortDirs;
  /** Told once when list() fails and the sysfs fallback takes over (and once when it works again). */
  logger?: Pick<Logger, 'warn' | 'info'>;
}

function clean(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The port lister: serialport's list() plus the /dev/serial/by-path and by-id links. Where
 * list() fails (no `udevadm`), ports come from sysfs and the /dev/serial links instead
 * (sysfs-ports.ts); the failure is logged once, not on every poll.
 */
export function createPortLister(options: PortListerOptions = {}): PortLister {
  const list = options.list ?? (() => SerialPort.list());
  const dirs = options.dirs ?? SYSTEM_PORT_DIRS;
  let fallingBack = false;
  return async () => {
    let raw: RawPort[];
    try {
      raw = await list();
      if (fallingBack) options.logger?.info({}, 'serial port listing works again');
      fallingBack = false;
    } catch (err) {
      if (!fallingBack) options.logger?.warn({ err }, 'serial port listing failed (is udevadm missing?): listing from sysfs and /dev/serial instead');
      fallingBack = true;
      raw = listPortsWithoutUdev(dirs);
    }
    const byPath = readLinks(dirs.byPath);
    const byId = readLinks(dirs.byId);
    return raw.map((p) => {
      const real = realOr(p.path);
      const info: PortInfo = { path: p.path };
      const extra = { manufacturer: clean(p.manufacturer), serialNumber: clean(p.serialNumber), vendorId: clean(p.vendorId), productId: clean(p.productId), byPath: byPath.get(real), byId: byId.get(real) };
      for (const [key, value] of Object.entries(extra)) if (value !== undefined) Object.assign(info, { [key]: value });
      return info;
    });
  };
}

/** The default lister (no logger: the board runner logs listing trouble once). */
export const listSerialPorts: PortLister = createPortLister();

/** How a board's port was found; only serial numbers (and a shelf-node's HELLO) identify a board by themselves. */
export type ResolvedVia = 'serial-number' | 'by-path' | 'path';

export interface ResolvedPort {
  path: string;
  via: ResolvedVia;
}

/**
 * Finds the port a board's identity points at, in order of trust: USB serial number (its
 * by-id link when there is one, which survives re-enumeration), by-path position, plain
 * path. Null while the port is absent.
 */
export function resolvePort(identity: PortIdentity, ports: readonly PortInfo[], exists: (p: string) => boolean = fs.existsSync): ResolvedPort | null {
  if (identity.serialNumber !== undefined) {
    const port = ports.find((p) => p.serialNumber === identity.serialNumber);
    if (port) return { path: port.byId ?? port.path, via: 'serial-number' };
    // A serial number that is not listed means that board is absent; never fall back to a
    // position another board could occupy.
    return null;
  }
  // A path is there when the file is: udev removes a by-path link on unplug, socat its pty
  // link; a lister's cached entry must not keep a vanished board "present".
  if (identity.byPath !== undefined) return exists(identity.byPath) ? { path: identity.byPath, via: 'by-path' } : null;
  if (identity.path !== undefined) return exists(identity.path) ? { path: identity.path, via: 'path' } : null;
  return null;
}
