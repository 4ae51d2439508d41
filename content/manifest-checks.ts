import type { z } from 'zod';
import type { ContentManifest } from '../contract/content.ts';

/** Why a content package was refused; stable codes, shown to staff and logged. */
export type PackageErrorCode =
  | 'manifest-missing'
  | 'manifest-unreadable'
  | 'manifest-too-large'
  | 'manifest-invalid-json'
  | 'manifest-schema'
  | 'signature-invalid'
  | 'duplicate-product'
  | 'duplicate-campaign'
  | 'duplicate-media'
  | 'dangling-media-ref'
  | 'dangling-product-ref'
  | 'media-missing'
  | 'media-hash-mismatch'
  | 'media-size-mismatch';

export interface PackageError {
  code: PackageErrorCode;
  message: string;
}

function firstDuplicate(values: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return null;
}

/**
 * Checks what the schema cannot: unique ids, and that every reference inside the
 * manifest resolves (images → media list, featured products → products).
 * Returns the first problem found, or null.
 */
export function checkManifestReferences(m: ContentManifest): PackageError | null {
  const dupProduct = firstDuplicate(m.products.map((p) => p.id));
  if (dupProduct !== null) return { code: 'duplicate-product', message: `product id "${dupProduct}" appears more than once` };
  const dupCampaign = firstDuplicate(m.campaigns.map((c) => c.id));
  if (dupCampaign !== null) return { code: 'duplicate-campaign', message: `campaign id "${dupCampaign}" appears more than once` };
  const dupMedia = firstDuplicate(m.media.map((x) => x.sha256));
  if (dupMedia !== null) return { code: 'duplicate-media', message: `media ${dupMedia} is listed more than once` };

  const media = new Set(m.media.map((x) => x.sha256));
  for (const p of m.products) {
    const missing = p.images.find((sha) => !media.has(sha));
    if (missing) return { code: 'dangling-media-ref', message: `product "${p.id}" refers to image ${missing}, which is not in the media list` };
  }
  const productIds = new Set(m.products.map((p) => p.id));
  for (const c of m.campaigns) {
    for (const sha of [c.image, c.video]) {
      if (sha !== undefined && !media.has(sha)) {
        return { code: 'dangling-media-ref', message: `campaign "${c.id}" refers to media ${sha}, which is not in the media list` };
      }
    }
    const unknown = c.featuredProductIds.find((id) => !productIds.has(id));
    if (unknown) return { code: 'dangling-product-ref', message: `campaign "${c.id}" features unknown product "${unknown}"` };
  }
  return null;
}

/** A short, readable summary of schema issues (the first few, with their paths). */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = error.issues.length > limit ? ` (+${error.issues.length - limit} more)` : '';
  return parts.join('; ') + more;
}
