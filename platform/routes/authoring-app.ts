import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, principalOf } from '../accounts/admin-auth.ts';
import { allowSameOriginFraming } from '../accounts/browser-guards.ts';
import type { PlatformDeps } from '../deps.ts';
import { esc, page } from './html.ts';

/** Where `npm run build:renderer` puts the authoring app and its preview (renderer/vite.authoring.config.ts). */
export const DEFAULT_AUTHORING_DIR = path.resolve(import.meta.dirname, '../../dist/authoring');

const POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src 'self'; form-action 'self'";
/** The app: framed by nobody. */
export const AUTHORING_CSP = `${POLICY}; frame-ancestors 'none'`;
/** The preview: framed only by the platform's own pages (the app), never by another origin. */
export const PREVIEW_CSP = `${POLICY}; frame-ancestors 'self'`;

/** Built asset names: hashed file names, no directories, no dot files (so no traversal). */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err.code === 'ENOENT' || err.code === 'ENOTDIR');
}

function notBuilt(reply: FastifyReply) {
  return reply
    .code(503)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      page(
        'Authoring app not built',
        `<h1>内容编辑尚未构建 · The authoring app is not built</h1><p id="not-built">在平台目录运行 <code>npm run build:renderer</code> 后刷新本页。Run <code>npm run build:renderer</code> on the platform, then reload this page.</p>`,
      ),
    );
}

/** The signed-in editor, or an answer already sent (sign-in redirect or 403). */
async function requireEditorPage(req: FastifyRequest, reply: FastifyReply, deps: PlatformDeps): Promise<boolean> {
  const p = await principalOf(req, deps);
  if (!p) {
    await reply.redirect(`/login?next=${encodeURIComponent(req.url.slice(0, 512))}`, 303);
    return false;
  }
  if (!hasRole(p, 'editor')) {
    await reply.code(403).type('text/html; charset=utf-8').send(page('Not allowed', `<h1>Not allowed</h1><p>The authoring app needs the ${esc('editor')} role.</p>`));
    return false;
  }
  return true;
}

async function sendPage(reply: FastifyReply, dir: string, file: 'authoring.html' | 'preview.html', csp: string) {
  let html: Buffer;
  try {
    html = await readFile(path.join(dir, file));
  } catch (err) {
    if (isMissing(err)) return notBuilt(reply);
    throw err;
  }
  return reply.type('text/html; charset=utf-8').header('content-security-policy', csp).header('cache-control', 'no-store').send(html);
}

/**
 * The authoring app (issue 11) under `/author/`: the app page for editors, its kiosk preview
 * (the only platform page another platform page may frame) and their built assets.
 */
export function registerAuthoringApp(app: FastifyInstance, deps: PlatformDeps, dir = DEFAULT_AUTHORING_DIR): void {
  app.get('/author', (_req, reply) => reply.redirect('/author/', 301));
  app.get('/author/', async (req, reply) => {
    if (!(await requireEditorPage(req, reply, deps))) return reply;
    return sendPage(reply, dir, 'authoring.html', AUTHORING_CSP);
  });
  app.get('/author/preview.html', async (req, reply) => {
    if (!(await requireEditorPage(req, reply, deps))) return reply;
    allowSameOriginFraming(reply);
    return sendPage(reply, dir, 'preview.html', PREVIEW_CSP);
  });
  // Assets carry content hashes in their names: cached for good, served to anyone (no data in them).
  app.get<{ Params: { name: string } }>('/author/assets/:name', async (req, reply) => {
    const name = req.params.name;
    const type = TYPES[path.extname(name)];
    if (!ASSET_NAME.test(name) || type === undefined) return reply.code(404).send({ error: { code: 'not-found', message: 'no such asset' } });
    try {
      const body = await readFile(path.join(dir, 'assets', name));
      return await reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(body);
    } catch (err) {
      if (isMissing(err)) return reply.code(404).send({ error: { code: 'not-found', message: 'no such asset (is the authoring app built?)' } });
      throw err;
    }
  });
}
