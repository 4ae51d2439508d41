import type { ContentManifest, Product } from './content.ts';

/**
 * Order and trace URLs for a product (the trace code names the batch). Shared by the kiosk
 * service, which renders the QR codes at activation, and the authoring preview, which renders
 * them in the page: both must point the codes at the same addresses.
 */
export function productUrls(manifest: Pick<ContentManifest, 'version' | 'orderUrlBase' | 'traceUrlBase'>, p: Pick<Product, 'id' | 'traceBatch'>): { orderUrl: string; traceUrl: string } {
  const batch = p.traceBatch ?? `${p.id}-${manifest.version}`;
  return {
    orderUrl: `${manifest.orderUrlBase}${encodeURIComponent(p.id)}`,
    traceUrl: `${manifest.traceUrlBase}${encodeURIComponent(p.id)}/${encodeURIComponent(batch)}`,
  };
}
