import { z } from 'zod';
import {
  AdminMeSchema,
  AuthoringCatalogueSchema,
  RECORD_PATHS,
  AuthoringErrorSchema,
  MediaAssetSchema,
  SaveRecordResponseSchema,
  type AdminMe,
  type AuthoringCatalogue,
  type FieldIssue,
  type MediaAsset,
  type RecordKind,
} from '../../../../contract/authoring.ts';

/**
 * The authoring app's one client for the platform's admin API (contract/authoring.ts). Every
 * answer is parsed; failures come back as values, never thrown.
 */
export type ApiFailure =
  | { kind: 'invalid'; message: string; issues: FieldIssue[] }
  | { kind: 'stale'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'signed-out'; message: string }
  | { kind: 'other'; status: number; code: string; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

const JSON_HEADERS = { 'content-type': 'application/json' };

async function failureOf(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = AuthoringErrorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : 'error';
  const message = parsed.success ? parsed.data.error.message : `${res.status} ${res.statusText}`;
  if (res.status === 401) return { kind: 'signed-out', message };
  if (res.status === 403) return { kind: 'forbidden', message };
  if (res.status === 409 && code === 'stale') return { kind: 'stale', message };
  if (res.status === 422) return { kind: 'invalid', message, issues: parsed.success ? (parsed.data.error.issues ?? []) : [] };
  return { kind: 'other', status: res.status, code, message };
}

async function call<T>(schema: z.ZodType<T>, url: string, init?: RequestInit): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init });
  } catch (err) {
    return { ok: false, error: { kind: 'other', status: 0, code: 'network', message: err instanceof Error ? err.message : String(err) } };
  }
  if (!res.ok) return { ok: false, error: await failureOf(res) };
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return { ok: false, error: { kind: 'other', status: res.status, code: 'bad-answer', message: parsed.error.message } };
  return { ok: true, value: parsed.data };
}

/** The URL of a record (batches are keyed by product and code). */
export function recordUrl(kind: RecordKind, id: string): string {
  const base = '/v1/admin/authoring';
  if (kind === 'batch') {
    const [productId = '', code = ''] = id.split('/');
    return `${base}/batches/${encodeURIComponent(productId)}/${encodeURIComponent(code)}`;
  }
  return `${base}/${RECORD_PATHS[kind]}/${encodeURIComponent(id)}`;
}

/** Where the platform serves media by sha256 (originals and renditions). */
export function mediaUrl(sha: string): string {
  return `/v1/admin/media/${sha}`;
}

export function loadCatalogue(): Promise<ApiResult<AuthoringCatalogue>> {
  return call(AuthoringCatalogueSchema, '/v1/admin/authoring/catalogue');
}

/** Who is signed in, with the roles the app checks before offering an action (publish). */
export function loadMe(): Promise<ApiResult<AdminMe>> {
  return call(AdminMeSchema, '/v1/admin/me');
}

export function saveRecord(kind: RecordKind, id: string, revision: number, record: unknown): Promise<ApiResult<{ revision: number }>> {
  return call(SaveRecordResponseSchema, recordUrl(kind, id), { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ revision, record }) });
}

export function deleteRecord(kind: RecordKind, id: string, revision: number): Promise<ApiResult<{ revision: number }>> {
  return call(SaveRecordResponseSchema, `${recordUrl(kind, id)}?revision=${revision}`, { method: 'DELETE' });
}

/** Audit entries as the platform answers them (older platforms send ISO times and detail objects). */
const AuditAnswerSchema = z.object({
  entries: z.array(
    z.object({
      at: z.union([z.number(), z.string().transform((s) => Date.parse(s))]),
      actor: z.string(),
      action: z.string(),
      target: z.string(),
      detail: z.unknown().transform((d) => (d === null || d === undefined ? null : typeof d === 'string' ? d : JSON.stringify(d))),
    }),
  ),
});
export type AuditRow = z.infer<typeof AuditAnswerSchema>['entries'][number];

export async function loadAudit(limit = 200): Promise<ApiResult<AuditRow[]>> {
  const r = await call(AuditAnswerSchema, `/v1/admin/audit?limit=${limit}`);
  return r.ok ? { ok: true, value: r.value.entries } : r;
}

export const PublishTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('group'), group: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('kiosk'), kioskId: z.string().min(1).max(128) }),
]);
export type PublishTarget = z.infer<typeof PublishTargetSchema>;
const PublishAnswerSchema = z.object({ version: z.number().int() }).loose();

export function publish(target: PublishTarget): Promise<ApiResult<{ version: number }>> {
  return call(PublishAnswerSchema, '/v1/admin/catalogue/publish', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ target }) });
}

const SeedAnswerSchema = z.object({ products: z.number().int(), revision: z.number().int() }).loose();

/** An empty catalogue starts from the demo catalogue (publisher; refused once it holds products). */
export function seedDemo(): Promise<ApiResult<{ products: number; revision: number }>> {
  return call(SeedAnswerSchema, '/v1/admin/catalogue/seed-demo', { method: 'POST', headers: JSON_HEADERS, body: '{}' });
}

const KiosksAnswerSchema = z.object({ kiosks: z.array(z.object({ kioskId: z.string(), name: z.string().nullable().optional() }).loose()) }).loose();
export interface KioskChoice {
  kioskId: string;
  name: string | null;
}

/** Kiosks to publish to (the fleet overview: needs the fleet-admin role; without it the dialog takes a typed id). */
export async function loadKiosks(): Promise<ApiResult<KioskChoice[]>> {
  const r = await call(KiosksAnswerSchema, '/v1/admin/overview');
  return r.ok ? { ok: true, value: r.value.kiosks.map((k) => ({ kioskId: k.kioskId, name: k.name ?? null })) } : r;
}

const UploadAnswerSchema = z.object({ asset: MediaAssetSchema, renditions: z.array(MediaAssetSchema).default([]) });
export type UploadAnswer = z.infer<typeof UploadAnswerSchema>;

/**
 * POST /v1/admin/media with the file as the raw body. XMLHttpRequest, not fetch: only it
 * reports upload progress. The browser adds the Origin header the CSRF check needs.
 */
export function uploadMedia(file: File, onProgress: (fraction: number) => void): Promise<ApiResult<UploadAnswer>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1/admin/media?name=${encodeURIComponent(file.name.slice(0, 200))}`);
    xhr.setRequestHeader('content-type', file.type === '' ? 'application/octet-stream' : file.type);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => resolve({ ok: false, error: { kind: 'other', status: 0, code: 'network', message: 'upload failed (network)' } });
    xhr.onload = () => {
      void (async () => {
        const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': 'application/json' } });
        if (!res.ok) return resolve({ ok: false, error: await failureOf(res) });
        const parsed = UploadAnswerSchema.safeParse(await res.json().catch(() => null));
        resolve(parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: { kind: 'other', status: xhr.status, code: 'bad-answer', message: parsed.error.message } });
      })();
    };
    xhr.send(file);
  });
}

/** The file a product or campaign should reference for an asset: its display rendition when it has one (a video has none). */
export function displayShaOf(asset: MediaAsset): string {
  return asset.renditions?.display ?? asset.sha256;
}
