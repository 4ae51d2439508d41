import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentManifestSchema } from '../../contract/content.ts';
import type { PlatformStore } from '../store/platform-store.ts';
import type { SigningKey } from './signing-keys.ts';

export type PublishResult =
  | { ok: true; value: { version: number; keyId: string } }
  | { ok: false; error: { code: 'invalid-manifest' | 'stale-version' | 'media-mismatch'; message: string } };

/** Where the platform keeps published packages. */
export function contentPaths(dataDir: string) {
  const root = join(dataDir, 'content');
  return {
    root,
    media: (sha: string) => join(root, 'media', sha),
    manifest: (version: number) => join(root, String(version), 'manifest.json'),
    signature: (version: number) => join(root, String(version), 'signature.json'),
  };
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

async function checkMedia(dir: string, media: Array<{ sha256: string; bytes: number }>): Promise<string | null> {
  for (const m of media) {
    const file = join(dir, 'media', m.sha256);
    const info = await stat(file).catch(() => null);
    if (!info) return `media ${m.sha256} is missing from the package`;
    if (info.size !== m.bytes) return `media ${m.sha256} has ${info.size} bytes, manifest says ${m.bytes}`;
    if ((await sha256File(file)) !== m.sha256) return `media ${m.sha256} does not match its sha256`;
  }
  return null;
}

/**
 * Publishes a package directory (manifest.json + media/<sha256>): checks it, signs the exact
 * manifest bytes and stores it as the newest version. Versions only increase.
 */
export async function publishPackage(
  dir: string,
  deps: { dataDir: string; store: PlatformStore; key: SigningKey; now: number },
): Promise<PublishResult> {
  const bytes = await readFile(join(dir, 'manifest.json')).catch(() => null);
  if (!bytes) return { ok: false, error: { code: 'invalid-manifest', message: `no manifest.json in ${dir}` } };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, error: { code: 'invalid-manifest', message: 'manifest.json is not JSON' } };
  }
  const parsed = ContentManifestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: { code: 'invalid-manifest', message: parsed.error.message } };
  const manifest = parsed.data;
  const latest = await deps.store.latestContent();
  if (latest && manifest.version <= latest.version) {
    return { ok: false, error: { code: 'stale-version', message: `version ${manifest.version} is not above the published ${latest.version}` } };
  }
  const mediaProblem = await checkMedia(dir, manifest.media);
  if (mediaProblem) return { ok: false, error: { code: 'media-mismatch', message: mediaProblem } };

  const paths = contentPaths(deps.dataDir);
  await mkdir(join(paths.root, 'media'), { recursive: true });
  await mkdir(join(paths.root, String(manifest.version)), { recursive: true });
  for (const m of manifest.media) {
    const target = paths.media(m.sha256);
    if (await stat(target).catch(() => null)) continue;
    await copyFile(join(dir, 'media', m.sha256), `${target}.tmp`);
    await rename(`${target}.tmp`, target);
  }
  const signature = deps.key.sign(bytes);
  await writeFile(paths.manifest(manifest.version), bytes);
  await writeFile(paths.signature(manifest.version), JSON.stringify(signature));
  const media = manifest.media.map((m) => ({ sha256: m.sha256, bytes: m.bytes }));
  await deps.store.addContentVersion({ version: manifest.version, publishedAt: deps.now, keyId: signature.keyId, media });
  return { ok: true, value: { version: manifest.version, keyId: signature.keyId } };
}
