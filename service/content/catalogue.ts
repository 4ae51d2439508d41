import fs from 'node:fs/promises';
import path from 'node:path';
import QRCode from 'qrcode';
import { ContentManifestSchema, type ContentManifest, type Product, type PublicKey } from '../../contract/content.ts';
import type { ContentStore } from '../../db/content.ts';
import { traceUrlOf } from '../../contract/qr-urls.ts';
import { readPackage } from '../../content/verify-package.ts';
import type { Logger } from '../log.ts';
import { signatureVerifier } from './signature-check.ts';

/**
 * The most a new package's version may exceed the active one by: a signed package numbered
 * 2^31 would otherwise leave no version above it, blocking every future update.
 */
export const MAX_VERSION_JUMP = 1000;

/** A product's trace QR code (溯源码). No per-product order code: orders show their own in the order panel. */
export interface QrSet {
  trace: string;
  traceUrl: string;
}

/** Install progress: bytes verified, bytes copied, then the switch. */
export type InstallProgressHook = (phase: 'verifying' | 'copying' | 'activating', bytes: number) => void;

export type InstallResult = { ok: true; version: number; activated: boolean } | { ok: false; error: { code: string; message: string } };

/** Everything derived from the active package, computed once at activation (never on the lift path). */
export interface ActiveContent {
  manifest: ContentManifest;
  products: Map<string, Product>;
  qr: Record<string, QrSet>;
}

export async function renderQr(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

async function prepare(manifest: ContentManifest): Promise<ActiveContent> {
  const qr: Record<string, QrSet> = {};
  for (const p of manifest.products) {
    const traceUrl = traceUrlOf(manifest, p);
    qr[p.id] = { traceUrl, trace: await renderQr(traceUrl) };
  }
  return { manifest, products: new Map(manifest.products.map((p) => [p.id, p])), qr };
}

/**
 * The one content loader: verifies a package directory, copies its media into the data
 * directory by hash, records it, and activates it. Later work adds signatures and downloads.
 */
export class Catalogue {
  private current: ActiveContent | null = null;

  constructor(
    private readonly store: ContentStore,
    private readonly mediaDir: string,
    private readonly logger: Logger,
    /** Content-signing keys every package but the built-in demo must verify with. */
    private readonly trustedKeys: () => readonly PublicKey[] = () => [],
  ) {}

  active(): ActiveContent | null {
    return this.current;
  }

  /** Loads the active package recorded in the database (at start). */
  async loadActive(): Promise<void> {
    const row = this.store.active();
    if (!row) return;
    const parsed = ContentManifestSchema.safeParse(JSON.parse(row.manifest));
    if (!parsed.success) {
      this.logger.error({ version: row.version, issues: parsed.error.issues.slice(0, 5) }, 'active content package no longer parses');
      return;
    }
    this.current = await prepare(parsed.data);
  }

  /**
   * Installs a package; `activate` false keeps it installed but inactive (e.g. a shopper is
   * mid-session). Every source but `demo` (the catalogue built into the app) must carry a
   * signature.json that verifies with a trusted key — side-loaded packages included.
   */
  async install(dir: string, opts: { source: 'demo' | 'sideload' | 'platform'; signature?: string | null; activate: boolean; onProgress?: InstallProgressHook }): Promise<InstallResult> {
    const onMediaChecked = (bytes: number) => opts.onProgress?.('verifying', bytes);
    const read = await readPackage(dir, opts.source === 'demo' ? { onMediaChecked } : { verifySignature: signatureVerifier(this.trustedKeys), onMediaChecked });
    if (!read.ok) {
      this.logger.warn({ dir, error: read.error }, 'content package rejected');
      return read;
    }
    const { manifest, mediaDir } = read;
    const activeVersion = this.current?.manifest.version ?? 0;
    if (manifest.version <= activeVersion) {
      const error = { code: 'stale-version', message: `package version ${manifest.version} is not newer than the active ${activeVersion}` };
      this.logger.warn({ dir, error }, 'content package rejected');
      return { ok: false, error };
    }
    if (opts.source !== 'demo' && manifest.version > activeVersion + MAX_VERSION_JUMP) {
      const error = { code: 'version-jump', message: `package version ${manifest.version} jumps more than ${MAX_VERSION_JUMP} above the active ${activeVersion}` };
      this.logger.warn({ dir, error }, 'content package rejected');
      return { ok: false, error };
    }
    await fs.mkdir(this.mediaDir, { recursive: true });
    for (const m of manifest.media) {
      const target = path.join(this.mediaDir, m.sha256);
      // Media are immutable by hash: an existing file is the same file.
      await fs.copyFile(path.join(mediaDir, m.sha256), target, fs.constants.COPYFILE_EXCL).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      });
      opts.onProgress?.('copying', m.bytes);
    }
    opts.onProgress?.('activating', 0);
    const prepared = opts.activate ? await prepare(manifest) : null;
    this.store.install(
      { version: manifest.version, manifest: JSON.stringify(manifest), signature: opts.signature ?? null, source: opts.source },
      manifest.media,
      opts.activate,
      Date.now(),
    );
    if (prepared) this.current = prepared;
    this.logger.info({ version: manifest.version, products: manifest.products.length, activated: opts.activate }, 'content package installed');
    return { ok: true, version: manifest.version, activated: opts.activate };
  }

  /** The newest installed version (after a rollback it is above the active one): what the platform need not send again. */
  newestInstalledVersion(): number | null {
    return this.store.list()[0]?.version ?? null;
  }

  /** Installed versions, newest first. */
  installed(): Array<{ version: number; source: string; installedAt: number }> {
    return this.store.list();
  }

  /** The newest installed version below the active one (what a rollback activates), or null. */
  previousVersion(): number | null {
    const active = this.current?.manifest.version ?? Number.POSITIVE_INFINITY;
    return this.store.list().find((p) => p.version < active)?.version ?? null;
  }

  /** Activates an installed package (called when no shopper session is open). */
  async activate(version: number): Promise<boolean> {
    const row = this.store.active();
    if (row?.version === version) return true;
    const pkg = this.store.get(version);
    if (!pkg) return false;
    const parsed = ContentManifestSchema.parse(JSON.parse(pkg.manifest));
    const prepared = await prepare(parsed);
    this.store.activate(version, Date.now());
    this.current = prepared;
    return true;
  }
}
