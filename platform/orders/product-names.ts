import { readFile } from 'node:fs/promises';
import { ContentManifestSchema } from '../../contract/content.ts';
import { pickText, type Locale, type LocalizedText } from '../../contract/locale.ts';
import { contentPaths } from '../content/publish.ts';
import type { PlatformStore } from '../store/platform-store.ts';

/**
 * Product names for the phone page, from the newest published content package (read once per
 * version). An order from an older package still shows the current name; an id the package
 * does not know is shown as the id.
 */
export function productNames(dataDir: string, store: PlatformStore) {
  let cached: { version: number; names: Map<string, LocalizedText> } | null = null;
  return async (locale: Locale): Promise<(productId: string) => string> => {
    const latest = await store.latestContent().catch(() => null);
    if (latest && cached?.version !== latest.version) {
      const text = await readFile(contentPaths(dataDir).manifest(latest.version), 'utf8').catch(() => null);
      const parsed = text === null ? null : ContentManifestSchema.safeParse(JSON.parse(text));
      cached = { version: latest.version, names: new Map(parsed?.success ? parsed.data.products.map((p) => [p.id, p.name]) : []) };
    }
    return (id) => {
      const name = cached?.names.get(id);
      return name ? pickText(name, locale) : id;
    };
  };
}
