import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { MediaAsset, MediaUploadResponse } from '../../contract/authoring.ts';
import { actorOf, type Principal } from '../accounts/admin-auth.ts';
import { contentPaths } from '../content/publish.ts';
import { loadCatalogue, type CatalogueMeta } from '../catalogue/working-catalogue.ts';
import type { PlatformDeps } from '../deps.ts';
import { svgProblem } from './svg-check.ts';

/** Largest upload (the original; renditions are far smaller). */
export const MEDIA_BODY_LIMIT = 10 * 1024 * 1024;
/** Image types an editor may upload, and the format sharp must find in the bytes. */
export const UPLOAD_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/svg+xml': 'svg' } as const;
export type UploadType = keyof typeof UPLOAD_TYPES;

/** Renditions of a raster upload: the longest side at most this many pixels, WebP. */
const RENDITIONS = { display: 1600, thumb: 320 } as const;
/** Decompression-bomb bound: a 10 MiB PNG can claim billions of pixels. */
const MAX_INPUT_PIXELS = 50_000_000;
/** A concurrent catalogue change makes the media write stale; uploads simply try again. */
const STALE_RETRIES = 3;

export type MediaResult = { ok: true; value: MediaUploadResponse; created: boolean } | { ok: false; status: number; code: string; message: string };

const fail = (status: number, code: string, message: string): MediaResult => ({ ok: false, status, code, message });
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Rendered {
  asset: MediaAsset;
  data: Buffer;
}

/** Decodes the whole image (a truncated or corrupt file fails here, not on a kiosk) and makes its renditions. */
async function renditionsOf(bytes: Buffer, original: string): Promise<Record<keyof typeof RENDITIONS, Rendered>> {
  const make = async (side: number): Promise<Rendered> => {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, asset: { sha256: sha256(data), mime: 'image/webp', bytes: data.length, width: info.width, height: info.height, of: original } };
  };
  return { display: await make(RENDITIONS.display), thumb: await make(RENDITIONS.thumb) };
}

/** Checks the bytes are what the Content-Type says; answers the image's size, or why not. */
async function inspect(bytes: Buffer, type: UploadType): Promise<{ ok: true; width?: number; height?: number } | { ok: false; message: string }> {
  if (type === 'image/svg+xml') {
    const problem = svgProblem(bytes);
    if (problem) return { ok: false, message: problem };
  }
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (meta.format !== UPLOAD_TYPES[type]) return { ok: false, message: `the file is ${meta.format ?? 'not an image'}, not ${type}` };
    return { ok: true, ...(meta.width ? { width: meta.width } : {}), ...(meta.height ? { height: meta.height } : {}) };
  } catch (err: unknown) {
    return { ok: false, message: `not a readable ${type}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Writes a file by its sha256 (write to a temporary name, then rename: never a half file under a hash). */
async function storeFile(dataDir: string, sha: string, data: Buffer): Promise<void> {
  const target = contentPaths(dataDir).media(sha);
  if (await stat(target).catch(() => null)) return;
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, target);
}

/** The meta's media list with these assets added or replaced by sha256 (a list never holds one twice). */
function withAssets(meta: CatalogueMeta, assets: MediaAsset[]): CatalogueMeta {
  const replaced = new Map(assets.map((a) => [a.sha256, a]));
  const kept = meta.media.filter((m) => !replaced.has(m.sha256));
  return { ...meta, media: [...kept, ...assets] };
}

function existingUpload(meta: CatalogueMeta, sha: string): MediaUploadResponse | null {
  const asset = meta.media.find((m) => m.sha256 === sha);
  if (!asset) return null;
  const wanted = asset.mime === 'image/svg+xml' ? [] : [asset.renditions?.display, asset.renditions?.thumb];
  if (wanted.some((r) => r === undefined)) return null;
  const renditions = wanted.map((r) => meta.media.find((m) => m.sha256 === r));
  if (renditions.some((r) => r === undefined)) return null;
  return { asset, renditions: renditions.filter((r): r is MediaAsset => r !== undefined), revision: 0 };
}

/**
 * Stores an uploaded image by sha256 with its renditions and lists them all in the catalogue's
 * media (one audited change). The same bytes again are the same asset: nothing is written.
 * Bad bytes are refused before anything is stored.
 */
export async function uploadMedia(deps: PlatformDeps, by: Principal, type: UploadType, bytes: Buffer, name: string | undefined): Promise<MediaResult> {
  const first = await loadCatalogue(deps.store);
  if (!first.meta) return fail(409, 'empty-catalogue', 'seed the catalogue first');
  const sha = sha256(bytes);
  const already = existingUpload(first.meta, sha);
  if (already) return { ok: true, value: { ...already, revision: first.revision }, created: false };
  const checked = await inspect(bytes, type);
  if (!checked.ok) return fail(422, 'bad-image', checked.message);
  let renditions: Rendered[] = [];
  let links: MediaAsset['renditions'];
  if (type !== 'image/svg+xml') {
    try {
      const r = await renditionsOf(bytes, sha);
      renditions = [r.display, r.thumb];
      links = { display: r.display.asset.sha256, thumb: r.thumb.asset.sha256 };
    } catch (err: unknown) {
      return fail(422, 'bad-image', `the image cannot be decoded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const asset: MediaAsset = { sha256: sha, mime: type, bytes: bytes.length, ...(name ? { name } : {}), ...(checked.width ? { width: checked.width } : {}), ...(checked.height ? { height: checked.height } : {}), ...(links ? { renditions: links } : {}) };
  await storeFile(deps.dataDir, sha, bytes);
  for (const r of renditions) await storeFile(deps.dataDir, r.asset.sha256, r.data);
  const assets = [asset, ...renditions.map((r) => r.asset)];
  const detail = JSON.stringify({ name: name ?? null, mime: type, bytes: bytes.length, renditions: renditions.map((r) => r.asset.sha256) });
  for (let attempt = 1, cat = first; ; attempt++) {
    if (!cat.meta) return fail(409, 'empty-catalogue', 'seed the catalogue first');
    const audit = [{ at: deps.now(), actor: actorOf(by), action: 'media.upload', target: `media:${sha}`, detail }];
    const r = await deps.store.applyCatalogue({ expectedRevision: cat.revision, products: [], meta: JSON.stringify(withAssets(cat.meta, assets)), audit });
    if (r === 'ok') return { ok: true, value: { asset, renditions: renditions.map((x) => x.asset), revision: cat.revision + 1 }, created: true };
    // The files stay: they are named by their content, and the next upload of these bytes reuses them.
    if (attempt >= STALE_RETRIES) return fail(409, 'stale', 'the catalogue kept changing during the upload; upload again');
    cat = await loadCatalogue(deps.store);
  }
}
