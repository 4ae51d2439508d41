import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { CONTENT_FORMAT, ContentManifestSchema, type ContentManifest, type MediaRef } from '../contract/content.ts';
import type { LocalizedText } from '../contract/locale.ts';
import { checkManifestReferences, describeIssues, type PackageErrorCode } from './manifest-checks.ts';

/** A media entry before its size is known; `sha256` names the file in `mediaFiles`. */
export interface MediaEntryInput {
  sha256: string;
  mime: MediaRef['mime'];
  alt?: LocalizedText;
}

/** The manifest as a publisher writes it: `format` and media sizes are filled in by the builder. */
export type ManifestInput = Omit<z.input<typeof ContentManifestSchema>, 'format' | 'media'> & { media: MediaEntryInput[] };

export interface BuiltPackage {
  dir: string;
  manifest: ContentManifest;
  /** The exact bytes of manifest.json (what a signature will cover). */
  manifestBytes: Buffer;
  manifestSha256: string;
}

export type BuildErrorCode = PackageErrorCode | 'media-unlisted' | 'out-dir-not-empty';

/** The input cannot make a valid package, or the output directory cannot take one. */
export class PackageBuildError extends Error {
  override name = 'PackageBuildError';
  constructor(
    readonly code: BuildErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function resolveMedia(input: ManifestInput, mediaFiles: ReadonlyMap<string, Buffer>): MediaRef[] {
  const listed = new Set(input.media.map((m) => m.sha256));
  for (const sha of mediaFiles.keys()) {
    if (!listed.has(sha)) throw new PackageBuildError('media-unlisted', `media file ${sha} is not in the manifest's media list`);
  }
  return input.media.map((m) => {
    const data = mediaFiles.get(m.sha256);
    if (!data) throw new PackageBuildError('media-missing', `no file given for media ${m.sha256}`);
    const actual = sha256Hex(data);
    if (actual !== m.sha256) throw new PackageBuildError('media-hash-mismatch', `media ${m.sha256} has content hashing to ${actual}`);
    return { ...m, bytes: data.length };
  });
}

/** Validates the input and returns the manifest exactly as it will be written. */
export function assembleManifest(input: ManifestInput, mediaFiles: ReadonlyMap<string, Buffer>): ContentManifest {
  const media = resolveMedia(input, mediaFiles);
  const parsed = ContentManifestSchema.safeParse({ ...input, format: CONTENT_FORMAT, media });
  if (!parsed.success) throw new PackageBuildError('manifest-schema', describeIssues(parsed.error));
  const problem = checkManifestReferences(parsed.data);
  if (problem) throw new PackageBuildError(problem.code, problem.message);
  return parsed.data;
}

/** Stable serialisation: key order follows the schema, two-space indent, trailing newline. */
export function serialiseManifest(manifest: ContentManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** Writes a file and flushes it to disk before returning, so a rename after it is durable. */
async function writeDurable(path: string, data: Uint8Array): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** True when the directory holds only what a package holds (so replacing it loses nothing else). */
function looksLikePackage(entries: readonly string[]): boolean {
  return entries.includes('manifest.json') && entries.every((e) => e === 'media' || e.startsWith('manifest.'));
}

async function listDir(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Moves the staged package into place. An existing package at outDir is replaced; any
 * other non-empty directory is refused, because a mistyped path must never be wiped.
 */
async function swapIntoPlace(staging: string, outDir: string): Promise<void> {
  const entries = await listDir(outDir);
  if (entries === null) return rename(staging, outDir);
  if (entries.length === 0) {
    await rmdir(outDir);
    return rename(staging, outDir);
  }
  if (!looksLikePackage(entries)) {
    throw new PackageBuildError('out-dir-not-empty', `${outDir} exists and does not look like a content package; refusing to replace it`);
  }
  const old = `${staging}.old`;
  await rename(outDir, old);
  await rename(staging, outDir);
  await rm(old, { recursive: true, force: true });
}

/**
 * Removes staging directories a killed build left beside outDir. Two builds into the same
 * outDir at once are not supported (the later one would remove the other's staging).
 */
async function removeStaleStaging(dir: string): Promise<void> {
  const prefix = `.${basename(dir)}.staging-`;
  for (const entry of (await listDir(dirname(dir))) ?? []) {
    if (entry.startsWith(prefix)) await rm(join(dirname(dir), entry), { recursive: true, force: true });
  }
}

/**
 * Builds a content package directory: `outDir/manifest.json` and `outDir/media/<sha256>`.
 * The input is validated with the contract schema and the package's own cross-references
 * before anything is written; the same input always gives byte-identical files. The
 * package is assembled in a sibling staging directory and renamed into place, so a crash
 * leaves either the old package or the new one, never half of one.
 */
export async function buildPackage(input: ManifestInput, mediaFiles: ReadonlyMap<string, Buffer>, outDir: string): Promise<BuiltPackage> {
  const manifest = assembleManifest(input, mediaFiles);
  const manifestBytes = serialiseManifest(manifest);
  const dir = resolve(outDir);
  await mkdir(dirname(dir), { recursive: true });
  await removeStaleStaging(dir);
  const staging = await mkdtemp(join(dirname(dir), `.${basename(dir)}.staging-`));
  try {
    await mkdir(join(staging, 'media'));
    for (const m of manifest.media) {
      const data = mediaFiles.get(m.sha256);
      if (data) await writeDurable(join(staging, 'media', m.sha256), data);
    }
    await writeDurable(join(staging, 'manifest.json'), manifestBytes);
    await swapIntoPlace(staging, dir);
  } catch (err: unknown) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return { dir, manifest, manifestBytes, manifestSha256: sha256Hex(manifestBytes) };
}
