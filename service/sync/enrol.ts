import { EnrolResponseSchema, RotateResponseSchema, isSecurePlatformUrl, type EnrolResponse, type KioskCredentials, type RotateResponse } from '../../contract/sync.ts';
import { authHeader, requestJson } from './http-client.ts';
import type { FetchLike } from './sync-types.ts';

export type SyncResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/**
 * Enrols this kiosk with an enrolment code from the platform's admin. The answer binds a
 * kioskId to our installId and carries the token (store it; it is shown once) and the
 * platform's content public keys.
 */
export async function enrolKiosk(args: {
  baseUrl: string;
  code: string;
  installId: string;
  name?: string;
  /** The current credentials, when re-enrolling a kiosk that still has them. */
  credentials?: KioskCredentials | null;
  fetch?: FetchLike;
  timeoutMs?: number;
}): Promise<SyncResult<EnrolResponse>> {
  if (!isSecurePlatformUrl(args.baseUrl)) {
    return { ok: false, error: { code: 'insecure-url', message: 'the platform must be reached over https (http only on loopback)' } };
  }
  const out = await requestJson({
    fetch: args.fetch ?? fetch,
    url: new URL('/v1/enrol', args.baseUrl).toString(),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(args.credentials ? { authorization: authHeader(args.credentials) } : {}) },
    body: JSON.stringify({ code: args.code, installId: args.installId, name: args.name }),
    timeoutMs: args.timeoutMs ?? 15_000,
    schema: EnrolResponseSchema,
    now: Date.now,
  });
  if (out.kind === 'ok') return { ok: true, value: out.value };
  const message = out.kind === 'no-content' ? 'empty answer' : out.message;
  const code = out.kind === 'retry' && out.status === 403 ? 'bad-enrolment-code' : out.kind === 'retry' && out.status === 409 ? 'already-enrolled' : out.kind;
  return { ok: false, error: { code, message } };
}

/**
 * Asks the platform for a new token. Save the new credentials before using them: the old
 * token keeps working until the new one is first used (or its grace period ends).
 */
export async function rotateCredentials(args: {
  baseUrl: string;
  credentials: KioskCredentials;
  fetch?: FetchLike;
  timeoutMs?: number;
}): Promise<SyncResult<RotateResponse>> {
  const out = await requestJson({
    fetch: args.fetch ?? fetch,
    url: new URL('/v1/credentials/rotate', args.baseUrl).toString(),
    method: 'POST',
    headers: { authorization: authHeader(args.credentials) },
    timeoutMs: args.timeoutMs ?? 15_000,
    schema: RotateResponseSchema,
    now: Date.now,
  });
  if (out.kind === 'ok') return { ok: true, value: out.value };
  return { ok: false, error: { code: out.kind, message: out.kind === 'no-content' ? 'empty answer' : out.message } };
}
