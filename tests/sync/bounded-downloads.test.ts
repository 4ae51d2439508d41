import { createServer, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { downloadMedia } from '../../service/sync/content-download.ts';
import { createContentPuller } from '../../service/sync/content-puller.ts';
import { requestJson } from '../../service/sync/http-client.ts';
import { tempDir } from './helpers.ts';

/** A hostile peer on 127.0.0.1: every route streams far more than anyone asked for. */
const t = tempDir('bounded-downloads');
let server: Server;
let base = '';
const sentBytes = new Map<string, number>();

/** Streams `total` bytes of `fill` in 64 KiB chunks, honouring back-pressure; stops when the client goes. */
async function stream(res: ServerResponse, route: string, total: number, fill = 0x20, sink: NodeJS.WritableStream = res): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  const closed = once(res, 'close');
  while (sent < total && !res.destroyed) {
    if (!sink.write(chunk)) await Promise.race([once(sink, 'drain'), closed]);
    sent += chunk.length;
    sentBytes.set(route, sent);
  }
  sink.end();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = req.url ?? '';
    if (route === '/bomb') {
      // 1 GiB of spaces gzips to about 1 MiB: a client that inflates without a limit runs out of memory.
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gz = createGzip({ level: 1 });
      gz.pipe(res);
      void stream(res, route, 1024 * 1024 * 1024, 0x20, gz);
    } else if (route === '/v1/content/latest') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: 2, manifestUrl: '/huge-manifest', signatureUrl: '/sig', media: [] }));
    } else if (route === '/sig') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ alg: 'ed25519', keyId: 'k', sig: 'AAAA' }));
    } else if (route.startsWith('/huge')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      void stream(res, route, 200 * 1024 * 1024, 0x20);
    } else if (route === '/media-declared') {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      void stream(res, route, 50 * 1024 * 1024);
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  t.cleanup();
});

describe('bounded downloads (issue 12, item 6)', () => {
  it('a gzip bomb answering a JSON request is cut at the byte limit, not inflated', async () => {
    const before = process.memoryUsage().rss;
    const out = await requestJson({ fetch, url: `${base}/bomb`, method: 'GET', headers: {}, timeoutMs: 60_000, schema: z.object({}), now: Date.now });
    expect(out.kind).toBe('retry');
    expect(out.kind === 'retry' && out.message).toMatch(/too large/);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
    expect(sentBytes.get('/bomb') ?? 0).toBeLessThan(1024 * 1024 * 1024);
  });

  it('a manifest past 16 MiB is refused at the limit', async () => {
    const puller = createContentPuller({
      baseUrl: base,
      dataDir: join(t.dir, 'kiosk'),
      getCredentials: () => Promise.resolve({ kioskId: 'k', token: 'x'.repeat(32) }),
      publicKeys: () => [],
      activeVersion: () => 1,
      install: () => Promise.resolve({ ok: true }),
    });
    const out = await puller.checkOnce();
    expect(out.kind).toBe('rejected');
    if (out.kind !== 'rejected') return;
    expect(out.rejection.code).toBe('invalid-manifest');
    expect(out.rejection.message).toMatch(/too large/);
    expect(sentBytes.get('/huge-manifest') ?? 0).toBeLessThan(200 * 1024 * 1024);
  });

  it('media never grows past its declared size on disk, streamed or announced', async () => {
    mkdirSync(join(t.dir, 'media'), { recursive: true });
    for (const route of ['/huge-media', '/media-declared']) {
      const progress: number[] = [];
      const partFile = join(t.dir, 'media', `${route.slice(1)}.part`);
      const result = await downloadMedia({
        fetch,
        url: `${base}${route}`,
        headers: {},
        sha256: 'a'.repeat(64),
        bytes: 1000,
        partFile,
        finalFile: join(t.dir, 'media', route.slice(1)),
        timeoutMs: 60_000,
        onProgress: (n) => progress.push(n),
      });
      expect(result).toMatchObject({ ok: false, kind: 'rejected' });
      expect(Math.max(0, ...progress), route).toBeLessThanOrEqual(1000);
      expect(existsSync(partFile)).toBe(false);
    }
  });
});
