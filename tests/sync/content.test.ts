import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentSignature } from '../../contract/content.ts';
import type { KioskCredentials, PublicKey } from '../../contract/sync.ts';
import { startFaultProxy, type FaultProxy } from '../../platform/testing/fault-proxy.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { createContentPuller, type ContentProgress } from '../../service/sync/content-puller.ts';
import { ADMIN_TOKEN, enrol, startTestPlatform, tempDir } from './helpers.ts';
import { teardown } from '../support/teardown.ts';

const t = tempDir('sync-content');
let platform: RunningPlatform;
let proxy: FaultProxy;
let creds: KioskCredentials;
let keys: PublicKey[];
let active: number | null = null;
const installed: Array<{ version: number; files: string[]; sig: ContentSignature }> = [];
const progress: ContentProgress[] = [];

/** Writes a package directory with `count` random media files of `size` bytes. */
function makePackage(version: number, count = 2, size = 300_000): { dir: string; shas: string[] } {
  const dir = join(t.dir, `pkg-src-${version}`);
  mkdirSync(join(dir, 'media'), { recursive: true });
  const media = Array.from({ length: count }, () => {
    const bytes = randomBytes(size);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'media', sha256), bytes);
    return { sha256, mime: 'image/png' as const, bytes: size };
  });
  const manifest = {
    format: 'kiosk-content/1',
    version,
    publishedAt: new Date().toISOString(),
    publisher: 'test platform',
    title: { 'zh-CN': '测试内容' },
    orderUrlBase: 'https://example.test/order/',
    traceUrlBase: 'https://example.test/trace/',
    products: [
      {
        id: 'yongshun-berry-tea',
        name: { 'zh-CN': '永顺莓茶' },
        unit: { 'zh-CN': '盒' },
        priceFen: 3800,
        intro: { 'zh-CN': '演示文字' },
        origin: { county: { 'zh-CN': '永顺县' } },
        story: { pairing: { 'zh-CN': '衡阳蒸湘→永顺' }, text: { 'zh-CN': '演示文字' }, source: { kind: 'demo' } },
        images: media.map((m) => m.sha256),
      },
    ],
    media,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, shas: media.map((m) => m.sha256) };
}

async function publish(dir: string): Promise<Response> {
  return fetch(`${platform.url}/v1/admin/content/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dir }),
  });
}

function platformFile(...parts: string[]): string {
  return join(t.dir, 'platform', 'content', ...parts);
}

function puller(trusted: () => PublicKey[] = () => keys) {
  return createContentPuller({
    baseUrl: proxy.url,
    dataDir: join(t.dir, 'kiosk'),
    getCredentials: () => Promise.resolve(creds),
    publicKeys: trusted,
    activeVersion: () => active,
    install: (dir, sig) => {
      const version = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { version: number }).version;
      installed.push({ version, files: [...(existsSync(join(dir, 'manifest.json')) ? ['manifest.json'] : []), ...statFiles(join(dir, 'media'))], sig });
      active = version;
      return Promise.resolve({ ok: true });
    },
    onProgress: (p) => progress.push(p),
    timeoutMs: 5000,
  });
}

function statFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

beforeAll(async () => {
  platform = await startTestPlatform(join(t.dir, 'platform'));
  proxy = await startFaultProxy({ target: platform.url, filter: (_m, url) => url.startsWith('/v1/media/') });
  creds = await enrol(platform.url, '0190a0a0-0000-7000-8000-000000000001');
  keys = ((await (await fetch(`${platform.url}/v1/keys`)).json()) as { keys: PublicKey[] }).keys;
});

afterAll(() =>
  teardown([
    ['fault proxy', () => proxy.close()],
    ['platform', () => platform.close()],
    ['temp dir', () => t.cleanup()],
  ]),
);

describe('content puller', () => {
  it('reports none before anything is published', async () => {
    expect(await puller().checkOnce()).toEqual({ kind: 'none' });
  });

  it('downloads resumably after a cut, verifies and installs a good package', async () => {
    const pkg = makePackage(1);
    expect((await publish(pkg.dir)).status).toBe(200);
    const p = puller();
    proxy.configure({ script: ['cut-response'] });
    const first = await p.checkOnce();
    expect(first.kind).toBe('retry');
    expect(first.kind === 'retry' && first.message).toMatch(/interrupted at \d+ of 300000 bytes/);
    const part = join(t.dir, 'kiosk', 'downloads', `${pkg.shas[0]}.part`);
    expect(statSync(part).size).toBeGreaterThan(0);
    expect(await p.checkOnce()).toEqual({ kind: 'installed', version: 1 });
    expect(installed.at(-1)?.files.sort()).toEqual(['manifest.json', ...pkg.shas].sort());
    expect(progress.at(-1)).toEqual({ version: 1, bytesDone: 600_000, bytesTotal: 600_000 });
    expect(await p.checkOnce()).toEqual({ kind: 'up-to-date' });
  });

  it('refuses to publish a version that does not increase', async () => {
    const res = await publish(makePackage(1).dir);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('stale-version');
  });

  it('rejects a tampered signature and keeps the old content', async () => {
    expect((await publish(makePackage(2).dir)).status).toBe(200);
    const sigFile = platformFile('2', 'signature.json');
    const sig = JSON.parse(readFileSync(sigFile, 'utf8')) as ContentSignature;
    const raw = Buffer.from(sig.sig, 'base64');
    raw[0] = (raw[0] ?? 0) ^ 0xff;
    writeFileSync(sigFile, JSON.stringify({ ...sig, sig: raw.toString('base64') }));
    const out = await puller().checkOnce();
    expect(out.kind === 'rejected' && [out.rejection.code, out.rejection.message]).toEqual(['bad-signature', expect.stringMatching(/does not verify/)]);
    expect(active).toBe(1);
  });

  it('rejects a package signed by a key the kiosk does not trust', async () => {
    expect((await publish(makePackage(3).dir)).status).toBe(200);
    const out = await puller(() => [{ ...keys[0]!, keyId: 'someone-else' }]).checkOnce();
    expect(out.kind === 'rejected' && out.rejection.message).toMatch(/unknown key/);
  });

  it('rejects a replayed older signed manifest (stale version)', async () => {
    expect((await publish(makePackage(4).dir)).status).toBe(200);
    writeFileSync(platformFile('4', 'manifest.json'), readFileSync(platformFile('1', 'manifest.json')));
    writeFileSync(platformFile('4', 'signature.json'), readFileSync(platformFile('1', 'signature.json')));
    const out = await puller().checkOnce();
    expect(out.kind === 'rejected' && [out.rejection.code, out.rejection.message]).toEqual(['stale-version', 'signed manifest has version 1, not above the active 1']);
  });

  it('rejects media with the wrong hash', async () => {
    const pkg = makePackage(5);
    expect((await publish(pkg.dir)).status).toBe(200);
    writeFileSync(platformFile('media', pkg.shas[1]!), randomBytes(300_000));
    const out = await puller().checkOnce();
    expect(out.kind === 'rejected' && [out.rejection.code, out.rejection.message]).toEqual(['media-rejected', expect.stringMatching(/wrong hash/)]);
    expect(active).toBe(1);
  });

  it('rejects truncated media', async () => {
    const pkg = makePackage(6);
    expect((await publish(pkg.dir)).status).toBe(200);
    truncateSync(platformFile('media', pkg.shas[0]!), 1000);
    const p = puller();
    const out = await p.checkOnce();
    expect(out.kind === 'rejected' && [out.rejection.code, out.rejection.message]).toEqual(['media-rejected', expect.stringMatching(/truncated: got 1000 of 300000 bytes/)]);
    expect(await p.checkOnce()).toEqual({ kind: 'skipped', version: 6 });
    expect(p.status().rejected).toHaveLength(1);
    expect(active).toBe(1);
  });

  it('installs the next good package after rejections', async () => {
    expect((await publish(makePackage(7).dir)).status).toBe(200);
    expect(await puller().checkOnce()).toEqual({ kind: 'installed', version: 7 });
    expect(installed.map((i) => i.version)).toEqual([1, 7]);
  });
});
