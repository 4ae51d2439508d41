import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ContentManifestSchema, type ContentManifest, type MediaRef } from '../contract/content.ts';
import { checkManifestReferences, describeIssues, type PackageError } from './manifest-checks.ts';

export type { PackageError, PackageErrorCode } from './manifest-checks.ts';

/** A manifest this large is not a real catalogue; refuse it before parsing. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export type ReadPackageResult =
  | { ok: true; manifest: ContentManifest; mediaDir: string; manifestBytes: Buffer; manifestSha256: string }
  | { ok: false; error: PackageError };

export interface ReadPackageOptions {
  /**
   * Checks the signature over the exact manifest bytes before they are parsed.
   * Returns null when the signature is good. (ed25519 verification plugs in here.)
   */
  verifySignature?: (manifestBytes: Buffer, dir: string) => Promise<PackageError | null>;
  /** Called after each media file is verified, with its size (progress bars). */
  onMediaChecked?: (bytes: number) => void;
}

async function readManifestBytes(path: string): Promise<Buffer | PackageError> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { code: 'manifest-missing', message: `${path} is not a file` };
    if (info.size > MAX_MANIFEST_BYTES) return { code: 'manifest-too-large', message: `manifest is ${info.size} bytes (limit ${MAX_MANIFEST_BYTES})` };
    return await readFile(path);
  } catch (err: unknown) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: 'manifest-missing', message: `no manifest.json in ${path.replace(/manifest\.json$/, '')}` };
    return { code: 'manifest-unreadable', message: `cannot read ${path}: ${String(code ?? err)}` };
  }
}

function parseManifest(bytes: Buffer): ContentManifest | PackageError {
  let json: unknown;
  try {
    // fatal: invalid UTF-8 is a broken file, not text to be patched with U+FFFD.
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err: unknown) {
    return { code: 'manifest-invalid-json', message: `manifest.json is not valid UTF-8 JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = ContentManifestSchema.safeParse(json);
  if (!parsed.success) return { code: 'manifest-schema', message: `manifest.json does not match kiosk-content/1: ${describeIssues(parsed.error)}` };
  return parsed.data;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks one media file: present, the listed size, the listed hash (size first: it is cheap). */
async function checkMediaFile(mediaDir: string, m: MediaRef): Promise<PackageError | null> {
  const path = join(mediaDir, m.sha256);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { code: 'media-missing', message: `media ${m.sha256} is not a regular file` };
    size = info.size;
  } catch (err: unknown) {
    const code = (err as NodeJS.ErrnoException).code;
    return { code: 'media-missing', message: `media ${m.sha256} is missing (${String(code ?? err)})` };
  }
  if (size !== m.bytes) return { code: 'media-size-mismatch', message: `media ${m.sha256} is ${size} bytes, manifest says ${m.bytes}` };
  let actual: string;
  try {
    actual = await hashFile(path);
  } catch (err: unknown) {
    // Removed or made unreadable between stat and read.
    return { code: 'media-missing', message: `media ${m.sha256} cannot be read (${String((err as NodeJS.ErrnoException).code ?? err)})` };
  }
  if (actual !== m.sha256) return { code: 'media-hash-mismatch', message: `media ${m.sha256} hashes to ${actual}` };
  return null;
}

/**
 * Reads and verifies a content package directory (`manifest.json` + `media/<sha256>`):
 * schema, unique ids, every reference resolved, every media file present with the listed
 * size and sha256. Never throws for a bad package; the error code says what is wrong.
 */
export async function readPackage(dir: string, options: ReadPackageOptions = {}): Promise<ReadPackageResult> {
  const root = resolve(dir);
  const bytes = await readManifestBytes(join(root, 'manifest.json'));
  if (!Buffer.isBuffer(bytes)) return { ok: false, error: bytes };
  if (options.verifySignature) {
    const bad = await options.verifySignature(bytes, root);
    if (bad) return { ok: false, error: bad };
  }
  const manifest = parseManifest(bytes);
  if ('code' in manifest) return { ok: false, error: manifest };
  const problem = checkManifestReferences(manifest);
  if (problem) return { ok: false, error: problem };
  const mediaDir = join(root, 'media');
  for (const m of manifest.media) {
    const bad = await checkMediaFile(mediaDir, m);
    if (bad) return { ok: false, error: bad };
    options.onMediaChecked?.(m.bytes);
  }
  const manifestSha256 = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, manifest, mediaDir, manifestBytes: bytes, manifestSha256 };
}
