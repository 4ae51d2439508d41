import type { ReadableStream as WebStream } from 'node:stream/web';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { FetchLike } from './sync-types.ts';

/** `transient`: try again later (the .part file stays and resumes); `rejected`: the package is bad. */
export type DownloadResult = { ok: true } | { ok: false; kind: 'transient' | 'rejected'; message: string };

export interface DownloadJob {
  fetch: FetchLike;
  url: string;
  headers: Record<string, string>;
  sha256: string;
  bytes: number;
  partFile: string;
  finalFile: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Bytes of this file on disk so far. */
  onProgress?: (bytesDone: number) => void;
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function overSize(job: DownloadJob): Promise<DownloadResult> {
  await rm(job.partFile, { force: true });
  return { ok: false, kind: 'rejected', message: `media ${job.sha256} is larger than the manifest says (more than ${job.bytes} bytes); download stopped at the limit` };
}

/** Appends the response body (from offset `have`) to the part file. */
async function fetchRest(job: DownloadJob, have: number): Promise<DownloadResult | 'complete'> {
  const signal = job.signal ? AbortSignal.any([job.signal, AbortSignal.timeout(job.timeoutMs)]) : AbortSignal.timeout(job.timeoutMs);
  const res = await job.fetch(job.url, { headers: { ...job.headers, range: `bytes=${have}-` }, signal });
  if (res.status === 416) {
    await res.body?.cancel();
    const total = Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? NaN);
    if (total < job.bytes) return { ok: false, kind: 'rejected', message: `media ${job.sha256} is truncated: the platform has ${total} of ${job.bytes} bytes` };
    await rm(job.partFile, { force: true });
    return { ok: false, kind: 'transient', message: `media ${job.sha256}: range not satisfiable; restarting the download` };
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    return { ok: false, kind: 'transient', message: `media ${job.sha256}: HTTP ${res.status}` };
  }
  const resumed = res.status === 206 && (res.headers.get('content-range') ?? '').startsWith(`bytes ${have}-`);
  if (!res.body) return { ok: false, kind: 'transient', message: `media ${job.sha256}: empty body` };
  let done = resumed ? have : 0;
  // Never more than the manifest declares: a peer sending more is cut off at the limit, so
  // neither the part file nor memory grows past `job.bytes` whatever arrives.
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (done + declared > job.bytes) {
    await res.body.cancel().catch(() => undefined);
    return overSize(job);
  }
  const out = createWriteStream(job.partFile, { flags: resumed ? 'a' : 'w' });
  let over = false;
  try {
    const reader = (res.body as WebStream<Uint8Array>).getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      const room = job.bytes - done;
      const chunk = Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, room));
      if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain');
      done += chunk.length;
      job.onProgress?.(done);
      if (value.byteLength > room) {
        over = true;
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } finally {
    // Flush every byte that arrived, also when the connection broke off mid-body: the next
    // attempt resumes from the part file's size, so nothing received is fetched twice.
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  if (over) return overSize(job);
  return 'complete';
}

/**
 * Downloads one media file resumably: bytes go to `partFile`, a later call continues with an
 * HTTP Range request from its size; when complete, the size and sha256 are checked and the
 * file is renamed to `finalFile`. A wrong hash deletes the part (it can never become right).
 */
export async function downloadMedia(job: DownloadJob): Promise<DownloadResult> {
  if ((await sizeOf(job.finalFile)) === job.bytes && (await sha256Of(job.finalFile)) === job.sha256) return { ok: true };
  let have = await sizeOf(job.partFile);
  if (have > job.bytes) {
    await rm(job.partFile, { force: true });
    have = 0;
  }
  if (have < job.bytes) {
    try {
      const step = await fetchRest(job, have);
      if (step !== 'complete') return step;
    } catch (err) {
      const got = await sizeOf(job.partFile);
      return { ok: false, kind: 'transient', message: `media ${job.sha256}: interrupted at ${got} of ${job.bytes} bytes (${err instanceof Error ? err.message : String(err)}); will resume` };
    }
  }
  const size = await sizeOf(job.partFile);
  if (size < job.bytes) return { ok: false, kind: 'rejected', message: `media ${job.sha256} is truncated: got ${size} of ${job.bytes} bytes` };
  if (size > job.bytes) {
    await rm(job.partFile, { force: true });
    return { ok: false, kind: 'rejected', message: `media ${job.sha256} is larger than the manifest says (${size} > ${job.bytes} bytes)` };
  }
  const actual = await sha256Of(job.partFile);
  if (actual !== job.sha256) {
    await rm(job.partFile, { force: true });
    return { ok: false, kind: 'rejected', message: `media ${job.sha256} has the wrong hash (got ${actual})` };
  }
  await rename(job.partFile, job.finalFile);
  return { ok: true };
}
