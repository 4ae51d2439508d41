import { z } from 'zod';
import { ledgerDay } from '../../contract/orders.ts';
import type { EventPayload } from '../../contract/events.ts';
import type { Db } from '../../db/open.ts';
import type { EventStore } from '../../db/events.ts';
import { createSettingsStore } from '../../db/settings.ts';
import type { Logger } from '../log.ts';

type DayTotals = Omit<EventPayload<'ledger.day'>, 'day'>;

const ZERO: DayTotals = { salesCount: 0, salesFen: 0, saleRefundsFen: 0, ordersPaidCount: 0, ordersPaidFen: 0, orderRefundsFen: 0 };
const MONEY_TYPES = ['sale.completed', 'sale.refunded', 'order.state'] as const;
/** Days kept in the running totals; a money event older than this would be a clock far off, and is logged. */
const DAYS_KEPT = 14;

const TotalsSchema = z.object({ salesCount: z.number(), salesFen: z.number(), saleRefundsFen: z.number(), ordersPaidCount: z.number(), ordersPaidFen: z.number(), orderRefundsFen: z.number() });
const StateSchema = z.object({ seq: z.number().int().nonnegative(), days: z.record(z.string(), TotalsSchema) });
type LedgerState = z.infer<typeof StateSchema>;
const KEY = 'ledger.running';

interface MoneyRow {
  seq: number;
  type: string;
  device_time: string;
  tz_offset: number;
  payload: string;
}

/**
 * Adds one money event to its day's totals. THE definition the platform reconciles with
 * (docs/orders.md): sales = `sale.completed` (count, Σ totalFen); sale refunds = Σ
 * `sale.refunded`.amountFen; orders paid = `order.state` with action `pay` (count, Σ amountFen);
 * order refunds = Σ `order.state` action `refund` amountFen — each on the local day of its own deviceTime.
 */
export function addToTotals(t: DayTotals, type: string, payload: Record<string, unknown>): DayTotals {
  const amount = (k: string) => (typeof payload[k] === 'number' ? payload[k] : 0);
  switch (type) {
    case 'sale.completed':
      return { ...t, salesCount: t.salesCount + 1, salesFen: t.salesFen + amount('totalFen') };
    case 'sale.refunded':
      return { ...t, saleRefundsFen: t.saleRefundsFen + amount('amountFen') };
    case 'order.state':
      if (payload.action === 'pay') return { ...t, ordersPaidCount: t.ordersPaidCount + 1, ordersPaidFen: t.ordersPaidFen + amount('amountFen') };
      if (payload.action === 'refund') return { ...t, orderRefundsFen: t.orderRefundsFen + amount('amountFen') };
      return t;
    default:
      return t;
  }
}

/**
 * The kiosk's own day totals, sent as `ledger.day` events for the platform to reconcile.
 * Running totals and their cursor live in settings and move in the same transaction as the
 * `ledger.day` events they produce, so a crash never counts an event twice or not at all.
 */
export function createLedger(deps: { db: Db; events: EventStore; logger: Logger }) {
  const settings = createSettingsStore(deps.db);
  const since = deps.db.prepare(`SELECT seq, type, device_time, tz_offset, payload FROM events WHERE type IN (${MONEY_TYPES.map(() => '?').join(',')}) AND seq > ? ORDER BY seq`);

  function load(): LedgerState {
    const parsed = StateSchema.safeParse(settings.get(KEY));
    return parsed.success ? parsed.data : { seq: 0, days: {} };
  }

  /** Emits `ledger.day` for every day with money events since the last flush; returns the days sent. */
  function flush(): string[] {
    return deps.db.transaction((): string[] => {
      const state = load();
      const rows = since.all(...MONEY_TYPES, state.seq) as MoneyRow[];
      if (rows.length === 0) return [];
      const touched = new Set<string>();
      let seq = state.seq;
      for (const r of rows) {
        const day = ledgerDay(Date.parse(r.device_time), r.tz_offset);
        state.days[day] = addToTotals(state.days[day] ?? ZERO, r.type, JSON.parse(r.payload) as Record<string, unknown>);
        touched.add(day);
        seq = r.seq;
      }
      const sent = [...touched].sort();
      for (const day of sent) deps.events.append('ledger.day', { day, ...(state.days[day] ?? ZERO) });
      const kept = Object.keys(state.days).sort().slice(-DAYS_KEPT);
      settings.put(KEY, { seq, days: Object.fromEntries(kept.map((d) => [d, state.days[d]])) });
      return sent;
    })();
  }

  return {
    flush,
    /** Today's (or a kept day's) totals as the kiosk will report them. */
    totals: (day: string): DayTotals => load().days[day] ?? ZERO,
    safeFlush(): void {
      try {
        flush();
      } catch (err) {
        deps.logger.error({ err }, 'could not write the day ledger');
      }
    },
  };
}
export type Ledger = ReturnType<typeof createLedger>;
