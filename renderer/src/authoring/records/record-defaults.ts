import type { Batch, Pairing, Producer } from '../../../../contract/authoring.ts';
import type { Campaign } from '../../../../contract/content.ts';

/** Blank records for "new": required texts empty, so the form shows what is missing. */
export const EMPTY_PRODUCER: Producer = { id: '', kind: 'co-op', name: { 'zh-CN': '' }, county: { 'zh-CN': '' }, source: { kind: 'demo' } };
export const EMPTY_PAIRING: Pairing = { id: '', helper: { 'zh-CN': '' }, helped: { 'zh-CN': '' }, source: { kind: 'demo' } };
export const emptyBatch = (productId: string): Batch => ({ code: '', productId, harvestDate: '', source: { kind: 'demo' } });
export const EMPTY_CAMPAIGN: Campaign = { id: '', title: { 'zh-CN': '' }, text: { 'zh-CN': '' }, featuredProductIds: [], source: { kind: 'demo' } };

/** Drops `key` when the value is undefined (optional fields are absent, never `undefined` in JSON). */
export function setOpt<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const next = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
