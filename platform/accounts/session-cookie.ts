import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie. Browsers accept `__Host-` cookies only with `Secure`, `Path=/` and no
 * `Domain`, and `Secure` cookies only over https. A platform behind TLS (PLATFORM_PUBLIC_URL
 * https://…, or any non-loopback host) uses `__Host-platform_session`. On plain http to a
 * loopback host (a developer's machine, the tests) there is no https, so the cookie is
 * `platform_session` without `Secure`; only loopback requests ever read that name, so it
 * cannot be planted for a real deployment.
 */
export const SECURE_COOKIE = '__Host-platform_session';
export const LOOPBACK_COOKIE = 'platform_session';

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?$/i;

export interface CookieMode {
  name: string;
  secure: boolean;
}

/** Which cookie this request uses: the public URL decides when configured, else the Host. */
export function cookieMode(req: FastifyRequest, publicOrigin: string | null): CookieMode {
  if (publicOrigin !== null) {
    const secure = publicOrigin.startsWith('https:');
    return { name: secure ? SECURE_COOKIE : LOOPBACK_COOKIE, secure };
  }
  const loopback = LOOPBACK_HOST.test(req.headers.host ?? '') && req.protocol === 'http';
  return loopback ? { name: LOOPBACK_COOKIE, secure: false } : { name: SECURE_COOKIE, secure: true };
}

/** The origin every browser write must come from (the CSRF check). */
export function expectedOrigin(req: FastifyRequest, publicOrigin: string | null): string {
  return publicOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`;
}

export function readSessionCookie(req: FastifyRequest, publicOrigin: string | null): string | null {
  const value = (req.cookies as Record<string, string | undefined> | undefined)?.[cookieMode(req, publicOrigin).name];
  return typeof value === 'string' && value.length > 0 && value.length <= 128 ? value : null;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, publicOrigin: string | null, value: string, maxAgeS: number): void {
  const mode = cookieMode(req, publicOrigin);
  void reply.setCookie(mode.name, value, { httpOnly: true, sameSite: 'strict', secure: mode.secure, path: '/', maxAge: maxAgeS });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, publicOrigin: string | null): void {
  const mode = cookieMode(req, publicOrigin);
  void reply.clearCookie(mode.name, { httpOnly: true, sameSite: 'strict', secure: mode.secure, path: '/' });
}
