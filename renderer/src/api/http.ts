import { z } from 'zod';

/** A call's outcome: the parsed value, or the service's error code and message (and a lockout wait). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; error: string; message: string; retryAfterMs?: number };

const ErrorBodySchema = z.object({ error: z.string(), message: z.string(), retryAfterMs: z.number().optional() });

/** One JSON call to the local API (same origin, session cookie); never throws. */
export async function call<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', cache: 'no-store', ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  } catch {
    return { ok: false, status: 0, error: 'unreachable', message: 'service unreachable' };
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorBodySchema.safeParse(json);
    return err.success ? { ok: false, status: res.status, ...err.data } : { ok: false, status: res.status, error: 'http', message: `HTTP ${res.status}` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, status: res.status, error: 'bad-response', message: 'unexpected answer from the service' };
}

