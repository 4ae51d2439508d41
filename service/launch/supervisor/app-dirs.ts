import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Versioned app directories for the browser fallback (issue 14): `<appsDir>/<seq>-<version>/`
 * each hold one release, and `<appsDir>/current` is a symlink to the one that runs. Switching is
 * atomic: a new symlink is made under a temporary name and renamed over `current` (rename(2)
 * replaces it in one step), so a power cut leaves either the old or the new version, never none.
 */
export function currentLink(appsDir: string): string {
  return path.join(appsDir, 'current');
}

/** The directory `current` points to (absolute), or null when there is none. */
export function currentTarget(appsDir: string): string | null {
  try {
    return path.resolve(appsDir, fs.readlinkSync(currentLink(appsDir)));
  } catch {
    return null;
  }
}

/** Points `current` at `target` atomically; returns where it pointed before. */
export function switchCurrent(appsDir: string, target: string): string | null {
  const before = currentTarget(appsDir);
  const tmp = path.join(appsDir, `.current-${randomBytes(4).toString('hex')}`);
  fs.symlinkSync(path.relative(appsDir, target), tmp);
  fs.renameSync(tmp, currentLink(appsDir));
  return before;
}
