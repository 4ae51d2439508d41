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

/** Largest image upload (the original; renditions are far smaller). */
export const MEDIA_BODY_LIMIT = 10 * 1024 * 1024;
/** Largest video upload (a campaign's attract-loop clip; kiosks play the file as uploaded). */
export const VIDEO_BODY_LIMIT = 50 * 1024 * 1024;
/** Types an editor may upload: images with the format sharp must find in the bytes, videos with their container. */
export const UPLOAD_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/svg+xml': 'svg', 'video/mp4': 'mp4', 'video/webm': 'webm' } as const;
export type UploadType = keyof typeof UPLOAD_TYPES;
type VideoType = 'video/mp4' | 'video/webm';

export function isVideoType(type: UploadType): type is VideoType {
  return type === 'video/mp4' || type === 'video/webm';
}

/** The largest body an upload of this type may have. */
export function uploadLimit(type: UploadType): number {
  return isVideoType(type) ? VIDEO_BODY_LIMIT : MEDIA_BODY_LIMIT;
}

/** The EBML magic every Matroska/WebM file starts with (RFC 8794 §8.1, the EBML Element ID 0x1A45DFA3). */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/**
 * Whether the bytes are the container the type names. Only the header is checked (a video is not
 * decoded on the platform): MP4 is an ISO BMFF file whose first box is `ftyp` (ISO/IEC 14496-12
 * §4.3); WebM is an EBML document whose DocType is `webm` (in the EBML header, first bytes).
 */
export function videoProblem(bytes: Buffer, type: VideoType): string | null {
  if (type === 'video/mp4') {
    const boxSize = bytes.length >= 8 ? bytes.readUInt32BE(0) : 0;
    return bytes.length >= 12 && bytes.toString('latin1', 4, 8) === 'ftyp' && (boxSize === 0 || boxSize === 1 || boxSize >= 8) ? null : 'the file is not an MP4 (no ftyp box at its start)';
  }
  if (bytes.length < 8 || !bytes.subarray(0, 4).equals(EBML_MAGIC)) return 'the file is not a WebM (no EBML header at its start)';
  return bytes.subarray(4, 64).includes('webm', 0, 'latin1') ? null : 'the file is an EBML document but not a WebM (its DocType is not webm)';
}

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
  if (isVideoType(type)) {
    const problem = videoProblem(bytes, type);
    return problem === null ? { ok: true } : { ok: false, message: problem };
  }
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

/** Rasters get display and thumb renditions; an SVG is used as it is, and so is a video (never transcoded here). */
function hasRenditions(mime: string): boolean {
  return mime !== 'image/svg+xml' && !mime.startsWith('video/');
}

function existingUpload(meta: CatalogueMeta, sha: string): MediaUploadResponse | null {
  const asset = meta.media.find((m) => m.sha256 === sha);
  if (!asset) return null;
  const wanted = hasRenditions(asset.mime) ? [asset.renditions?.display, asset.renditions?.thumb] : [];
  if (wanted.some((r) => r === undefined)) return null;
  const renditions = wanted.map((r) => meta.media.find((m) => m.sha256 === r));
  if (renditions.some((r) => r === undefined)) return null;
  return { asset, renditions: renditions.filter((r): r is MediaAsset => r !== undefined), revision: 0 };
}

/**
 * Stores an uploaded image (or video) by sha256 with its renditions and lists them all in the catalogue's
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
  if (!checked.ok) return fail(422, isVideoType(type) ? 'bad-video' : 'bad-image', checked.message);
  let renditions: Rendered[] = [];
  let links: MediaAsset['renditions'];
  if (hasRenditions(type)) {
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
