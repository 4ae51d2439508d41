import { z } from 'zod';
import { EventEnvelopeSchema, UuidSchema } from './events.ts';
import { ContentSignatureSchema, PublicKeySchema, Sha256Schema, type PublicKey } from './content.ts';

/**
 * Sync contract between a kiosk and the platform (docs/sync.md).
 * Schemas are deliberately not strict: unknown fields are ignored so kiosks and platforms
 * of different releases keep talking during a rollout.
 *
 * Auth: every kiosk request carries `Authorization: Bearer <kioskId>:<token>`; admin
 * requests carry `Authorization: Bearer <adminToken>`.
 */

export const SYNC_API_VERSION = 'v1';

/** The most events one push may carry; bigger batches get 413. */
export const MAX_EVENTS_PER_PUSH = 5000;

/** Error body of every non-2xx platform answer. */
export const SyncErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type SyncError = z.infer<typeof SyncErrorSchema>;

/** An ed25519 public key (defined with the content format, which announces rotated keys). */
export { PublicKeySchema, type PublicKey };

export const PublicKeysResponseSchema = z.object({ keys: z.array(PublicKeySchema) });

/**
 * The platform is reached over https; plain http only on a loopback host (a platform on the
 * same machine: tests, a bench). Anything else could be read or rewritten on the store network.
 */
export function isSecurePlatformUrl(url: string): boolean {
  const u = URL.parse(url);
  if (!u) return false;
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}

// ---- enrolment and credentials ----

/** POST /v1/enrol. `code` is an enrolment code created by an admin (or the admin token itself). */
export const EnrolRequestSchema = z.object({
  code: z.string().min(8).max(256),
  installId: UuidSchema,
  name: z.string().max(120).optional(),
  appVersion: z.string().max(64).optional(),
});
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

/** Kiosk credentials: the kiosk id is bound to the installId; the token is a secret shown once. */
export const KioskCredentialsSchema = z.object({
  kioskId: z.string().min(1),
  token: z.string().min(16),
});
export type KioskCredentials = z.infer<typeof KioskCredentialsSchema>;

export const EnrolResponseSchema = KioskCredentialsSchema.extend({
  publicKeys: z.array(PublicKeySchema),
  serverTime: z.string().datetime({ offset: true }),
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

/**
 * POST /v1/credentials/rotate (kiosk auth). The old token stays valid until the new one is
 * first used, or until `oldValidUntil`, whichever comes first.
 */
export const RotateResponseSchema = KioskCredentialsSchema.extend({
  oldValidUntil: z.string().datetime({ offset: true }),
});
export type RotateResponse = z.infer<typeof RotateResponseSchema>;

// ---- event push ----

/**
 * POST /v1/events (kiosk auth, body may be gzip with `Content-Encoding: gzip`).
 * The platform validates each event on its own, so the wire type is loose; a kiosk builds
 * it from `EventEnvelope`s.
 */
export const PushRequestSchema = z.object({
  events: z.array(z.unknown()).min(1),
});
export type PushRequest = { events: Array<z.infer<typeof EventEnvelopeSchema>> };

export const PUSH_STATUSES = ['ok', 'duplicate', 'rejected', 'conflict'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

/**
 * One result per pushed event. ok / duplicate = stored, acknowledge it; rejected = will never
 * be accepted (dead-letter); conflict = the platform holds a different payload under this id.
 */
export const PushResultSchema = z.object({
  id: z.string(),
  status: z.enum(PUSH_STATUSES),
  reason: z.string().optional(),
});
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({
  results: z.array(PushResultSchema),
  serverTime: z.string().datetime({ offset: true }),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---- content ----

/** A media file of the latest package; `url` is relative to the platform base URL. */
export const PointerMediaSchema = z.object({
  sha256: Sha256Schema,
  bytes: z.number().int().nonnegative(),
  url: z.string().min(1),
});

/** GET /v1/content/latest → the latest published package; 204 when none is published. */
export const ContentPointerSchema = z.object({
  version: z.number().int().positive(),
  manifestUrl: z.string().min(1),
  signatureUrl: z.string().min(1),
  media: z.array(PointerMediaSchema),
});
export type ContentPointer = z.infer<typeof ContentPointerSchema>;

export { ContentSignatureSchema };

/**
 * `event: content` on the order status stream (GET /v1/orders/stream): a version newer content
 * is published for this kiosk. Only a hint to check `/v1/content/latest` now — the package is
 * still verified as always. It carries no SSE `id:`, so it never moves the order cursor.
 */
export const ContentNoticeSchema = z.object({ version: z.number().int().positive() });
export type ContentNotice = z.infer<typeof ContentNoticeSchema>;


/** POST /v1/admin/content/publish (admin auth): a package directory on the platform machine. */
export const PublishRequestSchema = z.object({ dir: z.string().min(1) });
export const PublishResponseSchema = z.object({ version: z.number().int().positive(), keyId: z.string() });

// ---- heartbeat ----

export const BacklogEntrySchema = z.object({
  count: z.number().int().nonnegative(),
  /** Age of the oldest unsent event in ms; null when none. */
  oldestAgeMs: z.number().nonnegative().nullable(),
});
export type BacklogEntry = z.infer<typeof BacklogEntrySchema>;

/** POST /v1/heartbeat (kiosk auth): what the fleet page shows. */
export const HeartbeatSchema = z.object({
  kioskId: z.string(),
  sentAt: z.string().datetime({ offset: true }),
  backlog: z.object({ money: BacklogEntrySchema, stock: BacklogEntrySchema, analytics: BacklogEntrySchema }),
  deadLetters: z.number().int().nonnegative(),
  contentVersion: z.number().int().nonnegative().nullable(),
  lastError: z.string().nullable().optional(),
  appVersion: z.string().optional(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export const HeartbeatResponseSchema = z.object({ serverTime: z.string().datetime({ offset: true }) });

/**
 * Canonical JSON: object keys sorted, no whitespace. The platform stores
 * sha256(canonicalJson(event)) per event id; the same id with a different hash is a conflict.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
