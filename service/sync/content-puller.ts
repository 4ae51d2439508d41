import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentManifestSchema, ContentSignatureSchema, type ContentSignature } from '../../contract/content.ts';
import { ContentPointerSchema, type ContentPointer, type KioskCredentials, type PublicKey } from '../../contract/sync.ts';
import { downloadMedia } from './content-download.ts';
import { verifyManifestSignature } from './content-verify.ts';
import { authHeader, requestJson } from './http-client.ts';
import { BodyTooLargeError, LIMITS, readLimited } from './read-limited.ts';
import { silentLogger, type CredentialsSource, type FetchLike, type SyncLogger } from './sync-types.ts';

/** What the lead's content service does with a verified package directory (manifest.json + media/<sha256>). */
export type InstallFn = (dir: string, signature: ContentSignature) => Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }>;

export interface ContentPullerOptions {
  baseUrl: string;
  dataDir: string;
  getCredentials: CredentialsSource;
  /** Public keys the kiosk trusts (shipped with the app + received at enrolment). */
  publicKeys: () => readonly PublicKey[];
  /** The active content version (null = none). */
  activeVersion: () => number | null;
  install: InstallFn;
  /** Keys announced by an installed package (it verified with a trusted key): key rotation. */
  onKeysAnnounced?: (keys: PublicKey[]) => void;
  /** Told about every rejected package, e.g. to record a `content.rejected` event. */
  onRejected?: (r: ContentRejection) => void;
  onProgress?: (p: ContentProgress) => void;
  logger?: SyncLogger;
  fetch?: FetchLike;
  pollMs?: number;
  timeoutMs?: number;
}

export interface ContentRejection {
  version: number;
  code: 'bad-signature' | 'invalid-manifest' | 'version-mismatch' | 'stale-version' | 'media-rejected' | 'install-failed';
  message: string;
  at: number;
}

export interface ContentProgress {
  version: number;
  bytesDone: number;
  bytesTotal: number;
}

export type PullOutcome =
  | { kind: 'none' | 'up-to-date' }
  | { kind: 'installed'; version: number }
  | { kind: 'rejected'; rejection: ContentRejection }
  | { kind: 'skipped'; version: number }
  | { kind: 'retry'; message: string };

class Rejected extends Error {
  override name = 'RejectedPackageError';
  constructor(
    readonly code: ContentRejection['code'],
    message: string,
  ) {
    super(message);
  }
}

class Transient extends Error {
  override name = 'TransientPullError';
}

/**
 * The content puller: polls the latest pointer; a newer version is downloaded (media
 * resumably into `<dataDir>/downloads/`), its signature, version and hashes verified, and only
 * then handed to `install`. A bad package is rejected with a reason and never retried for the
 * same version; the old content stays. The constructor starts nothing; `start()` / `stop()` do.
 */
export function createContentPuller(opts: ContentPullerOptions) {
  const logger = opts.logger ?? silentLogger;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const downloads = join(opts.dataDir, 'downloads');
  const rejected = new Map<number, ContentRejection>();
  let progress: ContentProgress | null = null;
  let lastError: string | null = null;
  let lastInstalled: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let busy: Promise<PullOutcome> | null = null;
  let queued: Promise<PullOutcome> | null = null;
  let abort = new AbortController();

  const url = (path: string) => new URL(path, opts.baseUrl).toString();

  async function credentials(): Promise<KioskCredentials> {
    const c = await opts.getCredentials();
    if (!c) throw new Transient('not enrolled');
    return c;
  }

  /** A bounded download: past `limit` it stops reading and the package is refused (`tooLarge`). */
  async function getBytes(path: string, c: KioskCredentials, limit: number, tooLarge: ContentRejection['code']): Promise<Buffer> {
    const res = await doFetch(url(path), { headers: { authorization: authHeader(c) }, signal: AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]) });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      throw new Transient(`${path}: HTTP ${res.status}`);
    }
    try {
      return await readLimited(res, limit);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw new Rejected(tooLarge, `${path}: too large (${err.message})`);
      throw err;
    }
  }

  async function fetchPointer(c: KioskCredentials): Promise<ContentPointer | null> {
    const out = await requestJson({ fetch: doFetch, url: url('/v1/content/latest'), method: 'GET', headers: { authorization: authHeader(c) }, timeoutMs, schema: ContentPointerSchema, now: Date.now, signal: abort.signal });
    if (out.kind === 'ok') return out.value;
    if (out.kind === 'no-content') return null;
    throw new Transient(`content pointer: ${out.message}`);
  }

  /** Downloads and checks the signed manifest; returns its exact bytes and the signature. */
  async function fetchSigned(pointer: ContentPointer, c: KioskCredentials, active: number) {
    const bytes = await getBytes(pointer.manifestUrl, c, LIMITS.manifest, 'invalid-manifest');
    let sigJson: unknown;
    try {
      sigJson = JSON.parse((await getBytes(pointer.signatureUrl, c, LIMITS.signature, 'bad-signature')).toString('utf8'));
    } catch (err) {
      if (err instanceof Transient || err instanceof Rejected) throw err;
      throw new Rejected('bad-signature', 'signature file is not JSON');
    }
    const sig = ContentSignatureSchema.safeParse(sigJson);
    if (!sig.success) throw new Rejected('bad-signature', 'signature file does not match its schema');
    const verified = verifyManifestSignature(bytes, sig.data, opts.publicKeys());
    if (!verified.ok) throw new Rejected('bad-signature', verified.message);
    let manifestJson: unknown;
    try {
      manifestJson = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new Rejected('invalid-manifest', 'manifest is not JSON');
    }
    const manifest = ContentManifestSchema.safeParse(manifestJson);
    if (!manifest.success) throw new Rejected('invalid-manifest', manifest.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const version = manifest.data.version;
    if (version <= active) throw new Rejected('stale-version', `signed manifest has version ${version}, not above the active ${active}`);
    if (version !== pointer.version) throw new Rejected('version-mismatch', `pointer says version ${pointer.version}, signed manifest says ${version}`);
    return { bytes, signature: sig.data, media: manifest.data.media, signingKeys: manifest.data.signingKeys ?? [] };
  }

  async function fetchMedia(version: number, dir: string, media: Array<{ sha256: string; bytes: number }>, c: KioskCredentials) {
    const total = media.reduce((n, m) => n + m.bytes, 0);
    let before = 0;
    await mkdir(join(dir, 'media'), { recursive: true });
    for (const m of media) {
      const result = await downloadMedia({
        fetch: doFetch,
        url: url(`/v1/media/${m.sha256}`),
        headers: { authorization: authHeader(c) },
        sha256: m.sha256,
        bytes: m.bytes,
        partFile: join(downloads, `${m.sha256}.part`),
        finalFile: join(dir, 'media', m.sha256),
        timeoutMs,
        signal: abort.signal,
        onProgress: (done) => {
          progress = { version, bytesDone: before + done, bytesTotal: total };
          opts.onProgress?.(progress);
        },
      });
      if (!result.ok) throw result.kind === 'rejected' ? new Rejected('media-rejected', result.message) : new Transient(result.message);
      before += m.bytes;
    }
  }

  /** Removes staging directories of other versions (superseded downloads). */
  async function pruneStaging(keep: string): Promise<void> {
    for (const name of await readdir(downloads).catch(() => [] as string[])) {
      if (name.startsWith('pkg-') && name !== keep) await rm(join(downloads, name), { recursive: true, force: true });
    }
  }

  async function pull(): Promise<PullOutcome> {
    const c = await credentials();
    const pointer = await fetchPointer(c);
    if (!pointer) return { kind: 'none' };
    const active = opts.activeVersion() ?? 0;
    if (pointer.version <= active) return { kind: 'up-to-date' };
    if (rejected.has(pointer.version)) return { kind: 'skipped', version: pointer.version };
    try {
      const signed = await fetchSigned(pointer, c, active);
      const name = `pkg-${pointer.version}`;
      const dir = join(downloads, name);
      await mkdir(dir, { recursive: true });
      await pruneStaging(name);
      await fetchMedia(pointer.version, dir, signed.media, c);
      await writeFile(join(dir, 'manifest.json'), signed.bytes);
      await writeFile(join(dir, 'signature.json'), JSON.stringify(signed.signature));
      const installed = await opts.install(dir, signed.signature);
      if (!installed.ok) throw new Rejected('install-failed', `${installed.error.code}: ${installed.error.message}`);
      if (signed.signingKeys.length > 0) opts.onKeysAnnounced?.(signed.signingKeys);
      await rm(dir, { recursive: true, force: true });
      lastInstalled = pointer.version;
      return { kind: 'installed', version: pointer.version };
    } catch (err) {
      if (!(err instanceof Rejected)) throw err;
      const rejection: ContentRejection = { version: pointer.version, code: err.code, message: err.message, at: Date.now() };
      rejected.set(pointer.version, rejection);
      logger.warn({ ...rejection }, 'content package rejected; the old content stays');
      opts.onRejected?.(rejection);
      return { kind: 'rejected', rejection };
    }
  }

  /** One check (for tests and a manual "check for content now"); concurrent calls share one run. */
  function checkOnce(): Promise<PullOutcome> {
    busy ??= pull()
      .then((outcome) => {
        lastError = null;
        return outcome;
      })
      .catch((err: unknown): PullOutcome => {
        lastError = err instanceof Error ? err.message : String(err);
        logger.info({ err: lastError }, 'content check failed; will retry');
        return { kind: 'retry', message: lastError };
      })
      .finally(() => {
        busy = null;
      });
    return busy;
  }

  /**
   * A check that starts after any run in flight (which may have read the pointer before a
   * publish), so it sees what was published up to now; concurrent calls share that one run.
   */
  function checkNow(): Promise<PullOutcome> {
    if (abort.signal.aborted) return Promise.resolve({ kind: 'retry', message: 'stopped' });
    if (!busy) return checkOnce();
    queued ??= busy.then(() => {
      queued = null;
      return checkOnce();
    });
    return queued;
  }

  function schedule(): void {
    timer = setTimeout(() => void checkOnce().finally(() => timer && schedule()), opts.pollMs ?? 5 * 60_000);
  }

  return {
    start(): void {
      if (timer) return;
      abort = new AbortController();
      timer = setTimeout(() => void checkOnce().finally(() => timer && schedule()), 0);
    },
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      abort.abort();
      await busy;
    },
    checkOnce,
    checkNow,
    status: () => ({ progress, lastError, lastInstalled, rejected: [...rejected.values()] }),
  };
}
export type ContentPuller = ReturnType<typeof createContentPuller>;
