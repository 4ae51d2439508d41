import type { ContentManifest, Product } from './content.ts';

/**
 * A product's trace URL (the 溯源码 names the batch). Shared by the kiosk service, which renders
 * the QR codes at activation, and the authoring preview, which renders them in the page: both
 * must point the codes at the same address.
 */
export function traceUrlOf(manifest: Pick<ContentManifest, 'version' | 'traceUrlBase'>, p: Pick<Product, 'id' | 'traceBatch'>): string {
  const batch = p.traceBatch ?? `${p.id}-${manifest.version}`;
  return `${manifest.traceUrlBase}${encodeURIComponent(p.id)}/${encodeURIComponent(batch)}`;
}
