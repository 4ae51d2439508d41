import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KioskRecord, PlatformStore } from './store/platform-store.ts';

/** A fresh secret: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are 256-bit random, so a plain sha256 is enough at rest (no dictionary to attack,
 * unlike a PIN, which would need scrypt).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string' || !h.startsWith('Bearer ')) return null;
  return h.slice('Bearer '.length).trim();
}

/** The admin token as a Bearer header (automation). Browsers sign in with accounts instead (accounts/). */
export function isAdmin(req: FastifyRequest, adminToken: string): boolean {
  const token = bearer(req);
  return token !== null && sameSecret(hashToken(token), hashToken(adminToken));
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/**
 * Authenticates `Bearer <kioskId>:<token>`. The previous token (after a rotation) is accepted
 * until its grace ends; the first use of the new token ends the grace at once.
 */
export async function authenticateKiosk(req: FastifyRequest, store: PlatformStore, now: number): Promise<KioskRecord | null> {
  const value = bearer(req);
  const colon = value?.indexOf(':') ?? -1;
  if (value === null || colon < 1) return null;
  const kiosk = await store.getKiosk(value.slice(0, colon));
  if (!kiosk) return null;
  const hash = hashToken(value.slice(colon + 1));
  if (sameSecret(hash, kiosk.tokenHash)) {
    if (kiosk.prevTokenHash !== null) await store.dropPreviousToken(kiosk.kioskId);
    return kiosk;
  }
  const graceOk = kiosk.prevTokenHash !== null && (kiosk.prevValidUntil ?? 0) > now;
  return graceOk && sameSecret(hash, kiosk.prevTokenHash ?? '') ? kiosk : null;
}
