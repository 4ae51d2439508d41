import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Hands a boot URL (which carries a single-use code) to a browser without putting the code in
 * any process's argv, where every local account can read it from the process list: the URL is
 * written into a small HTML page in `<dataDir>/launch/` (directory 0700, file 0600, so only the
 * kiosk account can read it) and the browser is given that file's path. The page forwards to
 * the boot URL at once and sends no Referer.
 */
export function launchDir(dataDir: string): string {
  return path.join(dataDir, 'launch');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes the forwarding page for `bootUrl`; returns its path. The code is the only secret in it. */
export function writeLaunchFile(dataDir: string, bootUrl: string, label = 'kiosk'): string {
  const dir = launchDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, `${label.replace(/[^a-z0-9-]/gi, '')}-${randomBytes(8).toString('hex')}.html`);
  const url = escapeAttr(bootUrl);
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${url}"><title>Kiosk</title><a href="${url}" rel="noreferrer">Open the kiosk</a>\n`;
  // 'wx' + 0600: never follow or reuse a file someone else placed there.
  fs.writeFileSync(file, html, { mode: 0o600, flag: 'wx' });
  return file;
}

/** The file:// URL a browser opens for a launch file (no secret in it). */
export function launchFileUrl(file: string): string {
  return pathToFileURL(file).toString();
}

/** Deletes launch pages (their codes are spent or expired after 30 s anyway). */
export function removeLaunchFiles(dataDir: string): void {
  fs.rmSync(launchDir(dataDir), { recursive: true, force: true });
}
