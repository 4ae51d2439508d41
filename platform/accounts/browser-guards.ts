import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../deps.ts';
import { cookieMode, expectedOrigin } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Browser form routes that are writes before any session exists (login CSRF, set-up). */
const FORM_ROUTES = new Set(['/login', '/logout', '/setup']);

function carriesSession(req: FastifyRequest, deps: PlatformDeps): boolean {
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  return cookies?.[cookieMode(req, deps.publicOrigin).name] !== undefined;
}

/**
 * CSRF defence in depth: the session cookie is SameSite=Strict, and every write that carries
 * it (or posts a sign-in form) must also come with `Origin` equal to the platform's own
 * origin — a missing Origin is refused too. Kiosks and automation authenticate with a Bearer
 * header, which no cross-site page can send, so their requests need no Origin.
 */
function registerOriginCheck(app: FastifyInstance, deps: PlatformDeps): void {
  app.addHook('onRequest', async (req, reply) => {
    if (SAFE_METHODS.has(req.method)) return undefined;
    const path = req.url.split('?')[0] ?? '';
    if (!FORM_ROUTES.has(path) && !carriesSession(req, deps)) return undefined;
    const origin = req.headers.origin;
    const expected = expectedOrigin(req, deps.publicOrigin);
    if (origin === expected) return undefined;
    req.log.warn({ origin, expected, path }, 'cross-site write refused');
    return reply.code(403).send({
      error: { code: 'csrf', message: origin === undefined ? 'a browser write must carry an Origin header' : `writes are accepted only from ${expected}` },
    });
  });
}

/** Answers marked by {@link allowSameOriginFraming}. */
const sameOriginFramable = new WeakSet<FastifyReply>();

/**
 * The one exception to "never framed": the authoring app's kiosk preview
 * (`/author/preview.html`, platform/routes/authoring-app.ts) is framed by the authoring app
 * itself. Its answer gets `X-Frame-Options: SAMEORIGIN`; the route must send
 * `frame-ancestors 'self'` in its own CSP. Any other origin still cannot frame it.
 */
export function allowSameOriginFraming(reply: FastifyReply): void {
  sameOriginFramable.add(reply);
}

/**
 * No page of the platform may be framed (clickjacking): `X-Frame-Options: DENY` on every
 * answer and `frame-ancestors 'none'` added to every HTML page's CSP (frame-ancestors does not
 * fall back to default-src, so each page's own CSP needs it spelled out).
 */
function registerFramingHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    const frameOptions = sameOriginFramable.has(reply) ? 'SAMEORIGIN' : 'DENY';
    reply.header('x-frame-options', frameOptions).header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      const csp = reply.getHeader('content-security-policy');
      const base = typeof csp === 'string' && csp !== '' ? csp : "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
      if (!base.includes('frame-ancestors')) reply.header('content-security-policy', `${base}; frame-ancestors 'none'`);
    }
    return payload;
  });
}

export function registerBrowserGuards(app: FastifyInstance, deps: PlatformDeps): void {
  registerOriginCheck(app, deps);
  registerFramingHeaders(app);
}
