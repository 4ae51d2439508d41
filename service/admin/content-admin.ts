import fs from 'node:fs/promises';
import path from 'node:path';
import type { ContentAdminView, InstallProgress } from '../../contract/admin-settings.ts';
import type { Catalogue } from '../content/catalogue.ts';
import type { Logger } from '../log.ts';

export interface ContentAdminDeps {
  catalogue: Catalogue;
  logger: Logger;
  /** True while a shopper holds a product: content never switches under them. */
  shopperActive: () => boolean;
  /** A new package became active (a fresh snapshot goes to the screen, an event is recorded). */
  onActivated: (version: number, previous: number | null, cause: 'install' | 'rollback') => void;
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; status: number; error: string; message: string };

/** Sum of the media sizes the manifest lists (the progress bar's total), or null when it cannot be read. */
async function mediaBytes(dir: string): Promise<number | null> {
  try {
    const raw = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as { media?: Array<{ bytes?: unknown }> };
    return (raw.media ?? []).reduce((sum, m) => sum + (typeof m.bytes === 'number' && m.bytes > 0 ? m.bytes : 0), 0);
  } catch {
    return null;
  }
}

/**
 * Admin content work on the kiosk: install a signed package from a directory (a USB stick) with
 * progress — verified against the trusted keys exactly like a download, the old content active
 * until the new one is whole — and roll back to the previous installed package.
 */
export class ContentAdmin {
  private progress: InstallProgress = { state: 'idle', path: null, bytesDone: 0, bytesTotal: 0, version: null, error: null };

  constructor(private readonly deps: ContentAdminDeps) {}

  status(): InstallProgress {
    return { ...this.progress };
  }

  view(): ContentAdminView {
    const c = this.deps.catalogue;
    return { active: c.active()?.manifest.version ?? null, previous: c.previousVersion(), installed: c.installed() };
  }

  /** Starts an install in the background; poll status(). One at a time. */
  startInstall(dir: string): AdminResult<InstallProgress> {
    const busy = ['verifying', 'copying', 'activating'].includes(this.progress.state);
    if (busy) return { ok: false, status: 409, error: 'busy', message: 'a package is being installed' };
    if (!path.isAbsolute(dir)) return { ok: false, status: 400, error: 'bad-path', message: 'give the absolute path of the package folder (the one holding manifest.json)' };
    this.progress = { state: 'verifying', path: dir, bytesDone: 0, bytesTotal: 0, version: null, error: null };
    void this.install(dir).catch((err: unknown) => this.fail('install-failed', err instanceof Error ? err.message : String(err)));
    return { ok: true, value: this.status() };
  }

  private fail(code: string, message: string): void {
    this.progress = { ...this.progress, state: 'failed', error: { code, message } };
    this.deps.logger.error({ dir: this.progress.path, errorCode: code, reason: message }, 'package from a file refused; the active content stays');
  }

  private async install(dir: string): Promise<void> {
    const total = await mediaBytes(dir);
    this.progress.bytesTotal = (total ?? 0) * 2;
    const activate = !this.deps.shopperActive();
    const before = this.deps.catalogue.active()?.manifest.version ?? null;
    const result = await this.deps.catalogue.install(dir, {
      source: 'sideload',
      activate,
      onProgress: (phase, bytes) => {
        this.progress.state = phase;
        this.progress.bytesDone = Math.min(this.progress.bytesTotal, this.progress.bytesDone + bytes);
      },
    });
    if (!result.ok) return this.fail(result.error.code, result.error.message);
    this.progress = { ...this.progress, state: 'done', bytesDone: this.progress.bytesTotal, version: result.version };
    if (result.activated) this.deps.onActivated(result.version, before, 'install');
    this.deps.logger.info({ dir, version: result.version, activated: result.activated }, 'package installed from a file');
  }

  /** Activates the newest installed version below the active one. */
  async rollback(): Promise<AdminResult<ContentAdminView>> {
    const c = this.deps.catalogue;
    const previous = c.previousVersion();
    const active = c.active()?.manifest.version ?? null;
    if (previous === null) return { ok: false, status: 409, error: 'no-previous', message: 'no earlier package is installed' };
    if (this.deps.shopperActive()) return { ok: false, status: 409, error: 'shopper-active', message: 'a shopper is holding a product: try again when the shelf is quiet' };
    if (!(await c.activate(previous))) return { ok: false, status: 409, error: 'not-installed', message: `version ${previous} is no longer installed` };
    this.deps.onActivated(previous, active, 'rollback');
    this.deps.logger.warn({ from: active, to: previous }, 'content rolled back');
    return { ok: true, value: this.view() };
  }
}
