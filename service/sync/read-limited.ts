import type { ReadableStream as WebStream } from 'node:stream/web';
/** A response body passed its byte limit; the download was aborted there. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`response body is larger than ${limit} bytes`);
  }
}

/** Byte limits on what the kiosk reads from the platform (decoded bytes: a gzip bomb stops here too). */
export const LIMITS = {
  /** Push answers, heartbeats, pointers, enrolment: a 500-event push answer is ~50 KB. */
  json: 4 * 1024 * 1024,
  /** Same as the package verifier's manifest limit. */
  manifest: 16 * 1024 * 1024,
  signature: 64 * 1024,
  /** Error bodies are only quoted in a message. */
  errorBody: 4 * 1024,
} as const;

/**
 * Reads a fetch body chunk by chunk and stops at `limit` bytes: the stream is cancelled (the
 * connection closes) and BodyTooLargeError is thrown, so neither memory nor disk grows past
 * the limit whatever the peer sends or however well it compresses.
 */
export async function readLimited(res: Response, limit: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await res.body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  const reader = (res.body as WebStream<Uint8Array>).getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, size);
}

/** Reads at most `limit` bytes of text and drops the rest (for quoting an error body). */
export async function readTextPrefix(res: Response, limit: number): Promise<string> {
  try {
    return (await readLimited(res, limit)).toString('utf8');
  } catch {
    return '';
  }
}
