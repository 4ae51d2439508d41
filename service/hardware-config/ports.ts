import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import type { PortIdentity, PortInfo } from '../../contract/hardware.ts';

/** Lists serial ports; injected so tests can list ptys (DESIGN §3). */
export type PortLister = () => Promise<PortInfo[]>;

/** Stable udev links (Linux): link target → link path, for by-path and by-id. */
function readLinks(dir: string): Map<string, string> {
  const links = new Map<string, string>();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return links; // no such directory: not Linux, or no USB serial device plugged in
  }
  for (const name of names) {
    const link = path.join(dir, name);
    try {
      links.set(fs.realpathSync(link), link);
    } catch {
      // the device went away while we looked
    }
  }
  return links;
}

function clean(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The default lister: serialport's SerialPort.list() plus /dev/serial/by-path and by-id links. */
export const listSerialPorts: PortLister = async () => {
  const ports = await SerialPort.list();
  const byPath = readLinks('/dev/serial/by-path');
  const byId = readLinks('/dev/serial/by-id');
  return ports.map((p) => {
    let real = p.path;
    try {
      real = fs.realpathSync(p.path);
    } catch {
      // keep the listed path
    }
    const info: PortInfo = { path: p.path };
    const extra = {
      manufacturer: clean(p.manufacturer),
      serialNumber: clean(p.serialNumber),
      vendorId: clean(p.vendorId),
      productId: clean(p.productId),
      byPath: byPath.get(real),
      byId: byId.get(real),
    };
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) Object.assign(info, { [key]: value });
    return info;
  });
};

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
