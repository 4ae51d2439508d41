import fs from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue, InstallResult } from './catalogue.ts';
import type { Logger } from '../log.ts';

/** What a side-load attempt at start did; the kiosk starts whatever the outcome. */
export type SideloadOutcome =
  | { kind: 'none' }
  | { kind: 'installed'; version: number }
  | { kind: 'already-current'; version: number; activeVersion: number }
  | { kind: 'rejected'; error: { code: string; message: string } };

/**
 * Reads only the manifest's version, so a package that is already installed is skipped
 * without hashing its media again on every start. Anything odd returns null and the full
 * install path (which reports the real error code) decides.
 */
async function peekVersion(dir: string): Promise<number | null> {
  try {
    const raw: unknown = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
    const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
    return typeof version === 'number' && Number.isInteger(version) ? version : null;
  } catch {
    return null;
  }
}

/**
 * Side-loading (`KIOSK_CONTENT_DIR`): installs and activates a content package directory at
 * start when it is newer than the active content, through {@link Catalogue.install} — the
 * same verification as a download. A bad package is logged with its error code and the
 * active content stays; the kiosk never refuses to start because of it. Runs before the
 * shelf starts, so no shopper session can be open.
 */
export async function installSideloadedContent(deps: { catalogue: Catalogue; dir: string | undefined; logger: Logger }): Promise<SideloadOutcome> {
  const { catalogue, dir, logger } = deps;
  if (dir === undefined || dir === '') return { kind: 'none' };
  const activeVersion = catalogue.active()?.manifest.version ?? 0;
  const version = await peekVersion(dir);
  if (version !== null && version <= activeVersion) {
    logger.info({ dir, version, activeVersion }, 'side-loaded content package is not newer than the active content: skipped');
    return { kind: 'already-current', version, activeVersion };
  }
  let result: InstallResult;
  try {
    result = await catalogue.install(dir, { source: 'sideload', activate: true });
  } catch (err: unknown) {
    // An I/O failure while copying media: the database was not touched, the old content stays.
    const error = { code: 'install-failed', message: err instanceof Error ? err.message : String(err) };
    logger.error({ dir, errorCode: error.code, err }, 'side-loaded content package could not be installed; keeping the active content');
    return { kind: 'rejected', error };
  }
  if (!result.ok) {
    // `errorCode`, not `code`: the logger redacts every field named `code` (boot codes).
    logger.error({ dir, errorCode: result.error.code, reason: result.error.message, activeVersion }, 'side-loaded content package rejected; keeping the active content');
    return { kind: 'rejected', error: result.error };
  }
  logger.info({ dir, version: result.version }, 'side-loaded content package installed and activated');
  return { kind: 'installed', version: result.version };
}
