import { docIdOf, splitKey, type Deltas, type RawEvent } from './fold.ts';
import { METRICS, zeroCounters, type Counters } from './metrics.ts';

/** The per-product (all kiosks) deltas of a batch, summed from its kiosk × product deltas; key day \0 product. */
export function productDayDeltas(d: Deltas): Map<string, Counters> {
  const out = new Map<string, Counters>();
  for (const [k, c] of d.kioskDay) {
    const [day = '', , product = ''] = splitKey(k);
    const key = `${day}\u0000${product}`;
    const sum = out.get(key) ?? zeroCounters();
    for (const m of METRICS) sum[m] += c[m];
    out.set(key, sum);
  }
  return out;
}

/** Distinct doc ids the events refer to. */
export function docIdsOf(events: readonly RawEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const id = docIdOf(e);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}
