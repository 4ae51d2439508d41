import type { z } from 'zod';
import type { KioskCredentials } from '../../contract/sync.ts';
import { parseRetryAfter } from './backoff.ts';
import { BodyTooLargeError, LIMITS, readLimited, readTextPrefix } from './read-limited.ts';
import type { FetchLike } from './sync-types.ts';

/**
 * How one request to the platform ended. Only `ok` carries a body that passed its schema;
 * a captive portal's HTML, a cut body or a 5xx are all `retry` (transport errors).
 */
export type HttpOutcome<T> =
  | { kind: 'ok'; value: T; roundTripMs: number }
  | { kind: 'no-content'; roundTripMs: number }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'too-large'; message: string }
  | { kind: 'retry'; message: string; status: number | null; retryAfterMs: number | null };

export function authHeader(c: KioskCredentials): string {
  return `Bearer ${c.kioskId}:${c.token}`;
}

function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
}

async function statusOutcome(res: Response, now: number): Promise<HttpOutcome<never>> {
  const text = await readTextPrefix(res, LIMITS.errorBody);
  const detail = text.length > 0 && text.length < 300 ? `: ${text}` : '';
  if (res.status === 401) return { kind: 'unauthorized', message: `401${detail}` };
  if (res.status === 413) return { kind: 'too-large', message: `413${detail}` };
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now);
  return { kind: 'retry', message: `HTTP ${res.status}${detail}`, status: res.status, retryAfterMs };
}

/** Sends one request and classifies the answer; never throws. */
export async function requestJson<S extends z.ZodType>(args: {
  fetch: FetchLike;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer | string;
  timeoutMs: number;
  schema: S;
  now: () => number;
  /** Aborts the request early (e.g. on stop). */
  signal?: AbortSignal;
  /** Largest decoded body read (default LIMITS.json); past it the request is a transport error. */
  maxBytes?: number;
}): Promise<HttpOutcome<z.infer<S>>> {
  const started = args.now();
  let res: Response;
  let text: string;
  try {
    res = await args.fetch(args.url, {
      method: args.method,
      headers: { accept: 'application/json', 'accept-encoding': 'gzip', ...args.headers },
      body: args.body,
      signal: args.signal ? AbortSignal.any([args.signal, AbortSignal.timeout(args.timeoutMs)]) : AbortSignal.timeout(args.timeoutMs),
    });
    if (res.status === 204) return { kind: 'no-content', roundTripMs: args.now() - started };
    if (res.status < 200 || res.status > 299) return await statusOutcome(res, args.now());
    text = (await readLimited(res, args.maxBytes ?? LIMITS.json)).toString('utf8');
  } catch (err) {
    if (err instanceof BodyTooLargeError) return { kind: 'retry', message: `response too large: ${err.message}`, status: null, retryAfterMs: null };
    return { kind: 'retry', message: `network: ${errorMessage(err)}`, status: null, retryAfterMs: null };
  }
  const roundTripMs = args.now() - started;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const type = res.headers.get('content-type') ?? 'no content type';
    return { kind: 'retry', message: `response is not JSON (${type}; captive portal?)`, status: res.status, retryAfterMs: null };
  }
  const parsed = args.schema.safeParse(json);
  if (!parsed.success) return { kind: 'retry', message: 'response failed its schema', status: res.status, retryAfterMs: null };
  return { kind: 'ok', value: parsed.data, roundTripMs };
}
