import { applyOrderAction, type OrderAction } from '../../contract/orders.ts';
import type { OrderHub } from './order-hub.ts';
import type { OrderCommit, OrderRecord, OrderStore } from './order-store.ts';

/** A refused request: the HTTP status, a stable code and a message a person can act on. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Refusal };

export const refuse = (status: number, code: string, message: string): { ok: false; error: Refusal } => ({ ok: false, error: { status, code, message } });

export type Step<T> = { commit: OrderCommit | null; value: T } | { refuse: Refusal };

/** The order after `action` (via applyOrderAction), or the refusal of the transition. */
export function advance(o: OrderRecord, action: OrderAction, amountFen: number, at: number): Outcome<OrderRecord> {
  const r = applyOrderAction(o, action, amountFen);
  if (!r.ok) return refuse(409, r.error.code, r.error.message);
  return { ok: true, value: { ...o, state: r.value.state, paidFen: r.value.paidFen, refundedFen: r.value.refundedFen, updatedAt: at, version: o.version + 1 } };
}

/** The order with other fields changed (scanned, contact), one version on. */
export const touched = (o: OrderRecord, at: number, patch: Partial<OrderRecord>): OrderRecord => ({ ...o, ...patch, updatedAt: at, version: o.version + 1 });

const MAX_ATTEMPTS = 25;

/**
 * Read–decide–commit with optimistic concurrency: `step` sees the stored order and returns
 * what to write; a commit that finds the order (or a payment) moved on is retried from a
 * fresh read. Safe across requests and across platform processes.
 */
export async function mutateOrder<T>(store: OrderStore, hub: OrderHub, orderId: string, step: (o: OrderRecord) => Step<T>): Promise<Outcome<T>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const o = await store.getOrder(orderId);
    if (!o) return refuse(404, 'not-found', 'no such order');
    const s = step(o);
    if ('refuse' in s) return { ok: false, error: s.refuse };
    if (s.commit === null) return { ok: true, value: s.value };
    if ((await store.commitOrder(s.commit)) === 'ok') {
      if (s.commit.order?.change) hub.notify(o.kioskId);
      return { ok: true, value: s.value };
    }
  }
  return refuse(503, 'busy', 'the order kept changing; try again');
}
