import type { LocalizedText } from '../../../contract/locale.ts';
import type { ContentManifest, Product } from '../../../contract/content.ts';
import type { Zone } from '../../../contract/admin-settings.ts';
import { isScheduledNow } from '../../../contract/campaign-schedule.ts';

/** One attract-loop slide; null texts mean "use the built-in UI string". */
export interface Slide {
  id: string;
  title: LocalizedText | null;
  text: LocalizedText | null;
  image: string | undefined;
  /** A short campaign video (muted, looping); the image is its poster and its fallback. */
  video: string | undefined;
  products: Product[];
  isDemo: boolean;
}

const FEATURED_MAX = 4;

/** Which campaigns play: the kiosk's zone and its own clock (`now`); without options, every campaign. */
export interface SlideFilter {
  zone?: Zone | undefined;
  now: number;
}

/**
 * The attract loop is never blank: the campaigns scheduled for this zone now when there are
 * some, else the catalogue itself, else (no content at all) a built-in welcome.
 */
export function attractSlides(content: ContentManifest | null, filter?: SlideFilter): Slide[] {
  if (content === null) return [{ id: 'builtin', title: null, text: null, image: undefined, video: undefined, products: [], isDemo: false }];
  const byId = new Map(content.products.map((p) => [p.id, p]));
  const fallbackProducts = content.products.slice(0, FEATURED_MAX);
  const playing = filter === undefined ? content.campaigns : content.campaigns.filter((c) => isScheduledNow(c, filter.zone, filter.now));
  const campaigns = playing.map((c): Slide => {
    const featured = c.featuredProductIds.flatMap((id) => byId.get(id) ?? []).slice(0, FEATURED_MAX);
    return {
      id: c.id,
      title: c.title,
      text: c.text,
      image: c.image,
      video: c.video,
      products: featured.length > 0 ? featured : fallbackProducts,
      isDemo: c.source.kind === 'demo',
    };
  });
  if (campaigns.length > 0) return campaigns;
  const image = content.products.find((p) => p.images.length > 0)?.images[0];
  return [{ id: 'catalogue', title: content.title, text: null, image, video: undefined, products: fallbackProducts, isDemo: false }];
}
