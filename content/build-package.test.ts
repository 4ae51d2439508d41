import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPackage, sha256Hex, PackageBuildError, type ManifestInput } from './build-package.ts';
import { buildDemoPackage, demoManifestInput } from './build-demo.ts';
import { readPackage } from './verify-package.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'build-package-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function snapshotDir(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length), await readFile(path));
  }
  return out;
}

/** A tiny valid input: one product with one image. */
function tinyInput(): { input: ManifestInput; media: Map<string, Buffer> } {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 6"/>');
  const sha = sha256Hex(svg);
  const input: ManifestInput = {
    version: 3,
    publishedAt: '2024-01-01T00:00:00Z',
    publisher: 'test',
    title: { 'zh-CN': '测试' },
    orderUrlBase: 'https://platform.example.invalid/order/',
    traceUrlBase: 'https://platform.example.invalid/trace/',
    products: [
      {
        id: 'p1',
        name: { 'zh-CN': '产品' },
        unit: { 'zh-CN': '袋' },
        priceFen: 100,
        intro: { 'zh-CN': '简介' },
        origin: { county: { 'zh-CN': '县' } },
        story: { pairing: { 'zh-CN': '甲 → 乙' }, text: { 'zh-CN': '故事' }, source: { kind: 'demo' } },
        images: [sha],
      },
    ],
    campaigns: [{ id: 'c1', title: { 'zh-CN': '活动' }, text: { 'zh-CN': '文字' }, featuredProductIds: ['p1'], source: { kind: 'demo' } }],
    media: [{ sha256: sha, mime: 'image/svg+xml' }],
  };
  return { input, media: new Map([[sha, svg]]) };
}

async function expectBuildError(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackageBuildError);
  expect((err as PackageBuildError).code).toBe(code);
}

describe('buildPackage', () => {
  it('is deterministic: two builds give identical files, byte for byte', async () => {
    const a = await buildDemoPackage(join(root, 'a'));
    const b = await buildDemoPackage(join(root, 'b'));
    expect(a.manifestSha256).toBe(b.manifestSha256);
    const filesA = await snapshotDir(join(root, 'a'));
    const filesB = await snapshotDir(join(root, 'b'));
    expect([...filesA.keys()].sort()).toEqual([...filesB.keys()].sort());
    for (const [name, data] of filesA) expect(data.equals(filesB.get(name) ?? Buffer.alloc(0)), name).toBe(true);
    expect(filesA.get('/manifest.json')?.equals(a.manifestBytes)).toBe(true);
  });

  it('writes sizes and hashes that match the media files', async () => {
    const { input, media } = tinyInput();
    const built = await buildPackage(input, media, join(root, 'pkg'));
    const [entry] = built.manifest.media;
    expect(entry?.bytes).toBe([...media.values()][0]?.length);
    expect(built.manifest.format).toBe('kiosk-content/1');
    const read = await readPackage(join(root, 'pkg'));
    expect(read.ok).toBe(true);
  });

  it('replaces an existing package in place and leaves no staging directories', async () => {
    await buildDemoPackage(join(root, 'pkg'));
    const { input, media } = tinyInput();
    await buildPackage(input, media, join(root, 'pkg'));
    expect(await readdir(root)).toEqual(['pkg']);
    expect(await readdir(join(root, 'pkg', 'media'))).toEqual([...media.keys()]);
    const read = await readPackage(join(root, 'pkg'));
    expect(read.ok && read.manifest.version).toBe(3);
  });

  it('cleans up staging left by a build that was killed', async () => {
    await mkdir(join(root, '.pkg.staging-abc123', 'media'), { recursive: true });
    await writeFile(join(root, '.pkg.staging-abc123', 'manifest.json'), '{');
    await buildDemoPackage(join(root, 'pkg'));
    expect(await readdir(root)).toEqual(['pkg']);
  });

  it('builds into an existing empty directory', async () => {
    await mkdir(join(root, 'empty'));
    await buildDemoPackage(join(root, 'empty'));
    expect((await readPackage(join(root, 'empty'))).ok).toBe(true);
  });

  it('refuses to replace a directory that is not a package', async () => {
    await mkdir(join(root, 'precious'));
    await writeFile(join(root, 'precious', 'notes.txt'), 'keep me');
    await expectBuildError(buildDemoPackage(join(root, 'precious')), 'out-dir-not-empty');
    expect(await readFile(join(root, 'precious', 'notes.txt'), 'utf8')).toBe('keep me');
    expect((await readdir(root)).sort()).toEqual(['precious']);
  });
});

describe('buildPackage rejects bad input before writing anything', () => {
  const cases: Array<[string, (i: ManifestInput, m: Map<string, Buffer>) => void]> = [
    ['media-missing', (_i, m) => m.clear()],
    ['media-unlisted', (_i, m) => m.set(sha256Hex(Buffer.from('x')), Buffer.from('x'))],
    ['media-hash-mismatch', (i, m) => m.set(i.media[0]?.sha256 ?? '', Buffer.from('tampered'))],
    ['manifest-schema', (i) => (i.orderUrlBase = 'not a url')],
    ['duplicate-product', (i) => i.products.push({ ...i.products[0]! })],
    ['dangling-media-ref', (i) => i.products[0]!.images!.push('0'.repeat(64))],
    ['dangling-product-ref', (i) => i.campaigns![0]!.featuredProductIds!.push('nope')],
    ['duplicate-campaign', (i) => i.campaigns!.push({ ...i.campaigns![0]! })],
  ];
  for (const [code, spoil] of cases) {
    it(code, async () => {
      const { input, media } = tinyInput();
      spoil(input, media);
      await expectBuildError(buildPackage(input, media, join(root, 'pkg')), code);
      expect(await readdir(root)).toEqual([]);
    });
  }

  it('the demo input itself is valid and self-consistent', () => {
    const { input, mediaFiles } = demoManifestInput();
    expect(input.media.length).toBe(mediaFiles.size);
    for (const m of input.media) expect(sha256Hex(mediaFiles.get(m.sha256) ?? Buffer.alloc(0))).toBe(m.sha256);
  });
});
