import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ContentPointer } from '../../contract/sync.ts';
import { sendError } from '../auth.ts';
import { contentPaths } from '../content/publish.ts';
import type { PlatformDeps } from '../deps.ts';
import { kioskOf, kioskOnRequest } from './kiosk-routes.ts';

const SHA = /^[0-9a-f]{64}$/;

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; null = not satisfiable. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

/** Media by sha256 with HTTP Range, so kiosks resume interrupted downloads. */
async function sendMedia(req: FastifyRequest<{ Params: { sha: string } }>, reply: FastifyReply, deps: PlatformDeps) {
  const { sha } = req.params;
  if (!SHA.test(sha)) return sendError(reply, 400, 'bad-request', 'media is addressed by 64 lowercase hex digits');
  const file = contentPaths(deps.dataDir).media(sha);
  const info = await stat(file).catch(() => null);
  if (!info) return sendError(reply, 404, 'not-found', `no media ${sha}`);
  reply.header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=31536000, immutable').type('application/octet-stream');
  const range = req.headers.range;
  if (range === undefined) return reply.header('content-length', info.size).send(createReadStream(file));
  const r = parseRange(range, info.size);
  if (!r) return reply.code(416).header('content-range', `bytes */${info.size}`).send();
  return reply
    .code(206)
    .header('content-range', `bytes ${r.start}-${r.end}/${info.size}`)
    .header('content-length', r.end - r.start + 1)
    .send(createReadStream(file, { start: r.start, end: r.end }));
}

async function sendPackageFile(reply: FastifyReply, file: string) {
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return sendError(reply, 404, 'not-found', 'no such content version');
  // The exact stored bytes: the signature covers them, so nothing may re-serialise them.
  return reply.type('application/json').send(bytes);
}

export function registerContentRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const paths = contentPaths(deps.dataDir);
  const onRequest = kioskOnRequest(deps);
  app.get('/v1/keys', (_req, reply) => reply.send({ keys: [deps.key.publicKey] }));

  // The newest version published for this kiosk: to all, to one of its groups, or to it alone.
  app.get('/v1/content/latest', { onRequest }, async (req, reply) => {
    const latest = await deps.store.latestContentFor(kioskOf(req).kioskId);
    if (!latest) return reply.code(204).send();
    const v = latest.version;
    const pointer: ContentPointer = {
      version: v,
      manifestUrl: `/v1/content/${v}/manifest.json`,
      signatureUrl: `/v1/content/${v}/signature.json`,
      media: latest.media.map((m) => ({ ...m, url: `/v1/media/${m.sha256}` })),
    };
    return pointer;
  });

  app.get<{ Params: { version: string } }>('/v1/content/:version/manifest.json', { onRequest }, async (req, reply) => {
    return sendPackageFile(reply, paths.manifest(Number.parseInt(req.params.version, 10)));
  });

  app.get<{ Params: { version: string } }>('/v1/content/:version/signature.json', { onRequest }, async (req, reply) => {
    return sendPackageFile(reply, paths.signature(Number.parseInt(req.params.version, 10)));
  });

  app.get<{ Params: { sha: string } }>('/v1/media/:sha', { onRequest }, (req, reply) => sendMedia(req, reply, deps));
}
