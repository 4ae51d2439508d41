import type { Snapshot } from '../../../contract/api.ts';
import type { PreviewMessage } from '../../../contract/authoring.ts';
import { ContentManifestSchema, type ContentManifest } from '../../../contract/content.ts';
import { traceUrlOf } from '../../../contract/qr-urls.ts';

/** Where the preview loads media: the platform's media store (the session cookie goes along, same origin). */
export const PREVIEW_MEDIA_BASE = '/v1/admin/media/';

/** The one slot the preview "lifts" a product from. */
const PREVIEW_SLOT = 'preview';

/** What one preview message asks the shopper app to show. */
export interface PreviewFrame {
  content: ContentManifest;
  lifted: Snapshot['lifted'];
  settings: Snapshot['settings'];
  fixedNow: number | undefined;
}

export type PreviewParse = { ok: true; value: PreviewFrame } | { ok: false; error: string };

/** Checks a message's draft content as a kiosk would check a package, and turns the rest into snapshot parts. */
export function previewFrame(msg: PreviewMessage): PreviewParse {
  const parsed = ContentManifestSchema.safeParse(msg.content);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: first === undefined ? 'invalid content' : `${first.path.join('.')}: ${first.message}` };
  }
  const content = parsed.data;
  const shown = msg.productId !== null && content.products.some((p) => p.id === msg.productId) ? msg.productId : null;
  return {
    ok: true,
    value: {
      content,
      // As if lifted: the product page with the "put it back" hint, exactly as on a shelf.
      lifted: shown === null ? [] : [{ slotId: PREVIEW_SLOT, productId: shown, liftId: `${PREVIEW_SLOT}-${shown}`, since: 0 }],
      settings: {
        defaultLocale: msg.locale,
        // Never back to rest on its own: the administrator is looking at it.
        idleMs: 24 * 3_600_000,
        orientation: msg.orientation,
        ...(msg.zone === undefined ? {} : { zone: msg.zone }),
      },
      fixedNow: msg.now,
    },
  };
}

/** The QR URLs every product of the content needs (trace only: the preview has no orders). */
export function traceUrls(content: ContentManifest): Map<string, string> {
  return new Map(content.products.map((p) => [p.id, traceUrlOf(content, p)]));
}

/**
 * The snapshot the shopper app renders, with the trace codes drawn in the page (the shopper
 * page shows no per-product order code).
 */
export function previewSnapshot(frame: PreviewFrame, traceSvgs: ReadonlyMap<string, string>, rev: number): Snapshot {
  const qr: Snapshot['qr'] = {};
  for (const p of frame.content.products) {
    const svg = traceSvgs.get(p.id);
    if (svg === undefined) continue;
    qr[p.id] = { trace: svg, traceUrl: traceUrlOf(frame.content, p) };
  }
  return {
    rev,
    content: frame.content,
    mediaBase: PREVIEW_MEDIA_BASE,
    qr,
    lifted: frame.lifted,
    boards: [],
    settings: frame.settings,
    hardwareMode: 'sim',
  };
}
