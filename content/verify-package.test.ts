import { mkdtemp, open, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoPackage } from './build-demo.ts';
import { MAX_MANIFEST_BYTES, readPackage, type PackageError } from './verify-package.ts';

let root: string;
let pkg: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'verify-package-'));
  pkg = join(root, 'pkg');
  await buildDemoPackage(pkg);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

interface RawManifest {
  products: Array<Record<string, unknown> & { id: string; images: string[] }>;
  media: Array<{ sha256: string; bytes: number }>;
  [key: string]: unknown;
}

async function readRaw(): Promise<RawManifest> {
  return JSON.parse(await readFile(join(pkg, 'manifest.json'), 'utf8')) as RawManifest;
}

async function writeRaw(m: RawManifest): Promise<void> {
  await writeFile(join(pkg, 'manifest.json'), JSON.stringify(m));
}

async function firstMedia(): Promise<{ sha256: string; bytes: number }> {
  const m = (await readRaw()).media[0];
  if (!m) throw new Error('demo package has no media');
  return m;
}

async function expectError(code: PackageError['code']): Promise<string> {
  const read = await readPackage(pkg);
  expect(read.ok).toBe(false);
  if (read.ok) return '';
  expect(read.error.code).toBe(code);
  expect(read.error.message.length).toBeGreaterThan(10);
  return read.error.message;
}

describe('readPackage', () => {
  it('accepts the freshly built demo package', async () => {
    const read = await readPackage(pkg);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.mediaDir).toBe(join(pkg, 'media'));
    expect(read.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('manifest-missing: no manifest.json', async () => {
    await unlink(join(pkg, 'manifest.json'));
    await expectError('manifest-missing');
  });

  it('manifest-missing: the directory does not exist', async () => {
    pkg = join(root, 'nowhere');
    await expectError('manifest-missing');
  });

  it('manifest-invalid-json: broken JSON', async () => {
    const text = await readFile(join(pkg, 'manifest.json'), 'utf8');
    await writeFile(join(pkg, 'manifest.json'), text.slice(0, text.length / 2));
    await expectError('manifest-invalid-json');
  });

  it('manifest-invalid-json: bytes that are not UTF-8', async () => {
    await writeFile(join(pkg, 'manifest.json'), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    await expectError('manifest-invalid-json');
  });

  it('manifest-schema: wrong format and a bad price', async () => {
    const m = await readRaw();
    m.format = 'kiosk-content/99';
    await writeRaw(m);
    expect(await expectError('manifest-schema')).toContain('format');
    const again = await readRaw();
    again.format = 'kiosk-content/1';
    const first = again.products[0];
    if (first) first.priceFen = -1;
    await writeRaw(again);
    expect(await expectError('manifest-schema')).toContain('products.0.priceFen');
  });

  it('manifest-too-large: refuses before reading', async () => {
    const fh = await open(join(pkg, 'manifest.json'), 'r+');
    await fh.truncate(MAX_MANIFEST_BYTES + 1); // sparse: cheap to make
    await fh.close();
    await expectError('manifest-too-large');
  });

  it('duplicate-product: the same id twice', async () => {
    const m = await readRaw();
    const first = m.products[0];
    if (first) m.products.push({ ...first });
    await writeRaw(m);
    expect(await expectError('duplicate-product')).toContain(first?.id ?? '');
  });

  it('dangling-media-ref: an image that is not in the media list', async () => {
    const m = await readRaw();
    m.products[1]?.images.push('a'.repeat(64));
    await writeRaw(m);
    await expectError('dangling-media-ref');
  });

  it('media-missing: a media file deleted', async () => {
    const { sha256 } = await firstMedia();
    await unlink(join(pkg, 'media', sha256));
    expect(await expectError('media-missing')).toContain(sha256);
  });

  it('media-size-mismatch: a media file truncated', async () => {
    const { sha256, bytes } = await firstMedia();
    await truncate(join(pkg, 'media', sha256), bytes - 7);
    await expectError('media-size-mismatch');
  });

  it('media-hash-mismatch: one byte changed, size unchanged', async () => {
    const { sha256 } = await firstMedia();
    const path = join(pkg, 'media', sha256);
    const data = await readFile(path);
    data[100] = (data[100] ?? 0) ^ 0x01;
    await writeFile(path, data);
    expect(await expectError('media-hash-mismatch')).toContain(sha256);
  });

  it('hands the exact manifest bytes to the signature hook and returns its verdict', async () => {
    const onDisk = await readFile(join(pkg, 'manifest.json'));
    let seen: Buffer | null = null;
    const rejected = await readPackage(pkg, {
      verifySignature: (bytes) => {
        seen = bytes;
        return Promise.resolve({ code: 'signature-invalid', message: 'no valid signature from a trusted key' });
      },
    });
    expect(seen).not.toBeNull();
    expect(onDisk.equals(seen ?? Buffer.alloc(0))).toBe(true);
    expect(rejected.ok ? null : rejected.error.code).toBe('signature-invalid');
    const accepted = await readPackage(pkg, { verifySignature: () => Promise.resolve(null) });
    expect(accepted.ok).toBe(true);
  });
});
