import { z } from 'zod';
import { LiveStreamSchema } from '../../contract/campaign-schedule.ts';
import { CampaignSchema } from '../../contract/content.ts';
import { actorOf, type Principal } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import { loadCatalogue } from './working-catalogue.ts';

export const CampaignsRequestSchema = z.object({
  campaigns: z.array(CampaignSchema).max(200),
  liveStreams: z.array(LiveStreamSchema).max(200).default([]),
});

export type CampaignsResult = { ok: true; value: { revision: number; campaigns: number; liveStreams: number } } | { ok: false; status: number; code: string; message: string };

/** Why the set cannot be published, or null: ids unique, featured and priced products exist, media uploaded, windows the right way round. */
function problem(req: z.infer<typeof CampaignsRequestSchema>, products: ReadonlySet<string>, media: ReadonlySet<string>): string | null {
  const ids = new Set<string>();
  for (const [i, c] of req.campaigns.entries()) {
    if (ids.has(c.id)) return `campaigns.${i}.id: “${c.id}” is used twice`;
    ids.add(c.id);
    const missing = [...c.featuredProductIds, ...(c.prices ?? []).map((p) => p.productId)].find((id) => !products.has(id));
    if (missing) return `campaigns.${i}: no product “${missing}” in the catalogue`;
    const sha = [c.image, c.video].find((s) => s !== undefined && !media.has(s));
    if (sha) return `campaigns.${i}: media ${sha.slice(0, 12)}… is not uploaded`;
    if (c.startsAt && c.endsAt && Date.parse(c.endsAt) <= Date.parse(c.startsAt)) return `campaigns.${i}: endsAt is not after startsAt`;
  }
  const streamIds = new Set<string>();
  for (const [i, s] of req.liveStreams.entries()) {
    if (streamIds.has(s.id)) return `liveStreams.${i}.id: “${s.id}” is used twice`;
    streamIds.add(s.id);
    if (Date.parse(s.endsAt) <= Date.parse(s.startsAt)) return `liveStreams.${i}: endsAt is not after startsAt`;
  }
  return null;
}

/** Replaces the catalogue's campaigns and live-stream schedule (one transaction, audited). */
export async function saveCampaigns(deps: PlatformDeps, by: Principal, input: unknown): Promise<CampaignsResult> {
  const parsed = CampaignsRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, code: 'bad-request', message: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const cat = await loadCatalogue(deps.store);
  if (!cat.meta) return { ok: false, status: 409, code: 'empty-catalogue', message: 'seed the catalogue first' };
  const bad = problem(parsed.data, new Set(cat.products.keys()), new Set(cat.meta.media.map((m) => m.sha256)));
  if (bad) return { ok: false, status: 422, code: 'invalid-campaigns', message: bad };
  const meta = { ...cat.meta, campaigns: parsed.data.campaigns, liveStreams: parsed.data.liveStreams };
  const detail = JSON.stringify({ campaigns: parsed.data.campaigns.map((c) => c.id), liveStreams: parsed.data.liveStreams.map((s) => s.id) });
  const r = await deps.store.applyCatalogue({ expectedRevision: cat.revision, products: [], meta: JSON.stringify(meta), audit: [{ at: deps.now(), actor: actorOf(by), action: 'campaigns.save', target: 'catalogue', detail }] });
  if (r === 'stale') return { ok: false, status: 409, code: 'stale', message: 'the catalogue changed meanwhile; load it again' };
  return { ok: true, value: { revision: cat.revision + 1, campaigns: parsed.data.campaigns.length, liveStreams: parsed.data.liveStreams.length } };
}
