import { demoBarcode } from './demo/barcodes.ts';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPackage, sha256Hex, type BuiltPackage, type ManifestInput, type MediaEntryInput } from './build-package.ts';
import { DEMO_CAMPAIGNS } from './demo/campaigns.ts';
import { campaignSvg, productSvg } from './demo/images.ts';
import { DEMO_PRODUCTS } from './demo/products.ts';
import { t, toProductInput, type ProductInput, type Tri } from './demo/types.ts';

/** Fixed, so the demo package is byte-for-byte reproducible. */
export const DEMO_PUBLISHED_AT = '2024-11-01T09:00:00+08:00';
export const DEMO_VERSION = 1;
export const DEFAULT_DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'demo-package');

class MediaCollector {
  readonly files = new Map<string, Buffer>();
  readonly entries: MediaEntryInput[] = [];

  /** Adds an SVG (once per distinct content) and returns its sha256. */
  addSvg(svg: string, label: Tri): string {
    const data = Buffer.from(svg, 'utf8');
    const sha = sha256Hex(data);
    if (!this.files.has(sha)) {
      this.files.set(sha, data);
      const alt = t(`${label['zh-CN']} 插图`, `${label['zh-TW']} 插圖`, `Illustration: ${label.en}`);
      this.entries.push({ sha256: sha, mime: 'image/svg+xml', alt });
    }
    return sha;
  }
}

/** The demo catalogue as builder input plus its generated media, keyed by sha256. */
export function demoManifestInput(): { input: ManifestInput; mediaFiles: Map<string, Buffer> } {
  const media = new MediaCollector();
  const products: ProductInput[] = DEMO_PRODUCTS.map((e, i) => ({ ...toProductInput(e.product, [media.addSvg(productSvg(e.region, e.art), e.product.name)]), barcode: demoBarcode(i) }));
  const campaigns = DEMO_CAMPAIGNS.map((c) => ({ ...c.campaign, image: media.addSvg(campaignSvg(c.region, c.art), c.campaign.title) }));
  const input: ManifestInput = {
    version: DEMO_VERSION,
    publishedAt: DEMO_PUBLISHED_AT,
    publisher: 'demo',
    title: t('消费帮扶展销中心 · 演示商品目录', '消費幫扶展銷中心 · 演示商品目錄', 'Consumption-assistance sales centre · demo catalogue'),
    orderUrlBase: 'https://platform.example.invalid/order/',
    traceUrlBase: 'https://platform.example.invalid/trace/',
    products,
    campaigns,
    media: media.entries,
  };
  return { input, mediaFiles: media.files };
}

/** Builds the demo package into outDir (the service calls this on first start). */
export async function buildDemoPackage(outDir: string = DEFAULT_DEMO_DIR): Promise<BuiltPackage> {
  const { input, mediaFiles } = demoManifestInput();
  return buildPackage(input, mediaFiles, outDir);
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? DEFAULT_DEMO_DIR);
  const built = await buildDemoPackage(out);
  const m = built.manifest;
  console.log(`demo content package → ${built.dir}`);
  console.log(`  ${m.products.length} products, ${m.campaigns.length} campaigns, ${m.media.length} media files`);
  console.log(`  manifest sha256 ${built.manifestSha256} (${built.manifestBytes.length} bytes)`);
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && pathToFileURL(resolve(invokedPath)).href === import.meta.url) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? `${err.name}: ${err.message}` : err);
    process.exitCode = 1;
  });
}
