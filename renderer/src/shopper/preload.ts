import type { ContentManifest } from '../../../contract/content.ts';

/** Every image the shopper screens may show for this content. */
export function contentImageUrls(content: ContentManifest, mediaBase: string): string[] {
  const shas = new Set<string>();
  for (const p of content.products) for (const s of p.images) shas.add(s);
  for (const c of content.campaigns) if (c.image !== undefined) shas.add(c.image);
  return [...shas].map((s) => mediaBase + s);
}

/**
 * Fetches and decodes images ahead of any lift, so a product page paints its photo in the
 * same frame as its text. Holding the elements keeps the decoded bitmaps in the image cache.
 */
export class ImagePreloader {
  private held = new Map<string, HTMLImageElement>();

  preload(urls: readonly string[], onError: (url: string) => void): void {
    const next = new Map<string, HTMLImageElement>();
    for (const url of urls) {
      const existing = this.held.get(url);
      if (existing !== undefined) {
        next.set(url, existing);
        continue;
      }
      const img = new Image();
      img.decoding = 'async';
      img.src = url;
      img.decode().catch(() => onError(url));
      next.set(url, img);
    }
    this.held = next;
  }
}
