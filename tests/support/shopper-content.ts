import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, sha256Hex, type BuiltPackage, type ManifestInput, type MediaEntryInput } from '../../content/build-package.ts';
import { demoManifestInput } from '../../content/build-demo.ts';
import { LONG_TEXT_PRODUCTS } from '../../content/fixtures/long-text.ts';
import type { ProductInput } from '../../content/demo/types.ts';
import { openDatabase } from '../../db/open.ts';
import { createSlotStore } from '../../db/slots.ts';
import { signPackage, testSigningKey } from './signing.ts';

/** Side-loaded packages must be signed by a key the kiosk trusts (issue 12, item 4): this test run's key. */
const SIDELOAD_KEY = testSigningKey();

/** Environment for a kiosk that side-loads `pkgDir` and trusts the key it was signed with. */
export function sideloadEnv(pkgDir: string): { KIOSK_CONTENT_DIR: string; KIOSK_PLATFORM_KEYS: string } {
  return { KIOSK_CONTENT_DIR: pkgDir, KIOSK_PLATFORM_KEYS: SIDELOAD_KEY.publicKey.spki };
}

/** The simulated shelf of the demo (service/content/demo.ts): board shelf-A, 12 channels. */
const BOARD_ID = 'shelf-A';
const CHANNELS = 12;

/** A temp directory for a test's content package (the caller removes it). */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The demo catalogue's product ids, in the order the demo binds them to channels 0–9. */
export function demoProductIds(): string[] {
  return demoManifestInput().input.products.map((p) => p.id);
}

/**
 * Builds a package for side-loading (`KIOSK_CONTENT_DIR`): the demo catalogue plus `extra`
 * products and media, as `version` (above the demo's 1, so the kiosk installs it at start).
 */
export async function buildDemoPlus(
  outDir: string,
  opts: { version: number; products: ProductInput[]; media?: Array<{ entry: Omit<MediaEntryInput, 'sha256'>; data: Buffer }>; firstCampaignVideo?: Buffer },
): Promise<BuiltPackage> {
  const { input, mediaFiles } = demoManifestInput();
  const files = new Map(mediaFiles);
  const entries: MediaEntryInput[] = [...input.media];
  for (const m of opts.media ?? []) {
    const sha256 = sha256Hex(m.data);
    files.set(sha256, m.data);
    entries.push({ ...m.entry, sha256 });
  }
  let campaigns = input.campaigns;
  if (opts.firstCampaignVideo) {
    const sha256 = sha256Hex(opts.firstCampaignVideo);
    files.set(sha256, opts.firstCampaignVideo);
    entries.push({ sha256, mime: 'video/webm' });
    campaigns = (input.campaigns ?? []).map((c, i) => (i === 0 ? { ...c, video: sha256 } : c));
  }
  const manifest: ManifestInput = { ...input, version: opts.version, products: [...input.products, ...opts.products], campaigns, media: entries };
  const built = await buildPackage(manifest, files, outDir);
  signPackage(outDir, SIDELOAD_KEY);
  return built;
}

/** Demo catalogue + the long-text overflow fixtures, version 2. */
export function buildOverflowPackage(outDir: string): Promise<BuiltPackage> {
  return buildDemoPlus(outDir, { version: 2, products: [...LONG_TEXT_PRODUCTS] });
}

/**
 * Lays out the demo shelf in a fresh data directory before the service first starts:
 * channels 0–9 carry the demo products (as the demo would bind them) and channels 10 and
 * up carry `extra` product ids. The service then finds slots already bound and keeps them.
 */
export function prebindShelf(dataDir: string, extra: readonly string[]): void {
  const demo = demoProductIds();
  const { db } = openDatabase(path.join(dataDir, 'kiosk.db'));
  try {
    const slots = createSlotStore(db);
    slots.bind(
      Array.from({ length: CHANNELS }, (_, ch) => ({
        slotId: `A${String(ch + 1).padStart(2, '0')}`,
        boardId: BOARD_ID,
        channel: ch,
        productId: ch < 10 ? (demo[ch] ?? null) : (extra[ch - 10] ?? null),
      })),
    );
  } finally {
    db.close();
  }
}
