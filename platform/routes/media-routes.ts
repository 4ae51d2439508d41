import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalFor, requireRole } from '../accounts/admin-auth.ts';
import { sendError } from '../auth.ts';
import { UPLOAD_TYPES, uploadLimit, uploadMedia, VIDEO_BODY_LIMIT, type UploadType } from '../authoring/media-upload.ts';
import { loadCatalogue } from '../catalogue/working-catalogue.ts';
import { contentPaths } from '../content/publish.ts';
import type { PlatformDeps } from '../deps.ts';

/** A stored file opened directly (an SVG in a new tab) runs nothing on the platform's origin. */
const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
const SHA = /^[0-9a-f]{64}$/;
const NAME = /^[^\p{Cc}]{1,200}$/u;

function uploadType(req: FastifyRequest): UploadType | null {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type in UPLOAD_TYPES ? (type as UploadType) : null;
}

const tooLarge = (type: UploadType) => `a ${type} upload is at most ${uploadLimit(type) / 1024 / 1024} MiB`;

/**
 * Media upload (editor; raw body: an image ≤ 10 MiB or an MP4/WebM video ≤ 50 MiB) and serving
 * stored media to signed-in editors.
 */
export function registerMediaRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  app.addContentTypeParser(Object.keys(UPLOAD_TYPES), { parseAs: 'buffer', bodyLimit: VIDEO_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const editor = requireRole(deps, 'editor');
  // The route takes the largest (video) body; an image's own cap is checked before its body is read when it declares its length.
  const declaredSize = async (req: FastifyRequest, reply: FastifyReply) => {
    const type = uploadType(req);
    const length = Number(req.headers['content-length']);
    if (type !== null && Number.isFinite(length) && length > uploadLimit(type)) {
      req.log.warn({ type, bytes: length }, 'media upload refused: too large');
      return sendError(reply, 413, 'too-large', tooLarge(type));
    }
    return undefined;
  };

  app.post<{ Querystring: { name?: string } }>('/v1/admin/media', { bodyLimit: VIDEO_BODY_LIMIT, onRequest: [editor, declaredSize] }, async (req, reply) => {
    const type = uploadType(req);
    const name = req.query.name;
    const refuse = (status: number, code: string, message: string) => {
      req.log.warn({ type: req.headers['content-type'], bytes: Buffer.isBuffer(req.body) ? req.body.length : null, name, code }, `media upload refused: ${message}`);
      return sendError(reply, status, code, message);
    };
    if (!type || !Buffer.isBuffer(req.body)) return refuse(415, 'unsupported-type', `upload one image or video as the body, with Content-Type ${Object.keys(UPLOAD_TYPES).join(', ')}`);
    if (req.body.length === 0) return refuse(400, 'empty', 'the upload is empty');
    if (req.body.length > uploadLimit(type)) return refuse(413, 'too-large', tooLarge(type));
    if (name !== undefined && !NAME.test(name)) return refuse(400, 'bad-name', 'name: 1–200 characters, no control characters');
    const r = await uploadMedia(deps, await principalFor(req, deps), type, req.body, name);
    if (!r.ok) return refuse(r.status, r.code, r.message);
    req.log.info({ sha256: r.value.asset.sha256, type, bytes: req.body.length, created: r.created }, 'media uploaded');
    return reply.code(r.created ? 201 : 200).send(r.value);
  });

  app.get<{ Params: { sha: string } }>('/v1/admin/media/:sha', { onRequest: editor }, async (req, reply) => {
    const sha = req.params.sha;
    const asset = SHA.test(sha) ? (await loadCatalogue(deps.store)).meta?.media.find((m) => m.sha256 === sha) : undefined;
    if (!asset) return sendError(reply, 404, 'not-found', 'no such media');
    const file = contentPaths(deps.dataDir).media(sha);
    const info = await stat(file).catch(() => null);
    if (!info) {
      req.log.error({ sha256: sha }, 'listed media file is missing from the media store');
      return sendError(reply, 404, 'not-found', 'the media file is missing');
    }
    return reply
      .type(asset.mime)
      .header('content-length', info.size)
      .header('content-security-policy', MEDIA_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(createReadStream(file));
  });
}
