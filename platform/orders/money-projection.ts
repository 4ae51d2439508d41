import { ledgerDay } from '../../contract/orders.ts';
import { EVENT_TYPES } from '../../contract/events.ts';
import type { IncomingEvent } from '../store/platform-store.ts';
import type { MoneyEventRecord } from './order-store.ts';

/** The kiosk money events the platform projects at ingest (in the ingest transaction). */
export const MONEY_TYPES = ['sale.completed', 'sale.refunded', 'order.created', 'order.state', 'ledger.day'] as const;
type MoneyType = (typeof MONEY_TYPES)[number];

const isMoney = (t: string): t is MoneyType => (MONEY_TYPES as readonly string[]).includes(t);

interface Envelope {
  deviceTime: string;
  tzOffset: number;
  payload: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : 0);

/**
 * The projection row of one stored event, or null when it is no money event (or a version
 * this platform does not know: those are stored as they came and reconciled by hand).
 * Ingest has already checked a known type's payload at its current version.
 */
export function moneyRecordOf(kioskId: string, e: IncomingEvent, receivedAt: number): MoneyEventRecord | null {
  if (!isMoney(e.type) || EVENT_TYPES[e.type].v !== e.v) return null;
  const env = JSON.parse(e.json) as Envelope;
  const p = env.payload;
  const base = {
    eventId: e.id, kioskId, streamId: e.streamId, seq: e.seq, type: e.type, deviceTime: e.deviceTime, receivedAt,
    day: ledgerDay(Date.parse(env.deviceTime), env.tzOffset), paymentId: null, payload: JSON.stringify(p),
  };
  switch (e.type) {
    case 'sale.completed':
      return { ...base, refId: str(p.saleId), action: str(p.method), amountFen: int(p.totalFen) };
    case 'sale.refunded':
      return { ...base, refId: str(p.saleId), action: p.void === true ? 'void' : 'refund', amountFen: int(p.amountFen) };
    case 'order.created':
      return { ...base, refId: str(p.orderId), action: str(p.source), amountFen: int(p.totalFen) };
    case 'order.state':
      return { ...base, refId: str(p.orderId), action: str(p.action), amountFen: int(p.amountFen), paymentId: typeof p.paymentId === 'string' ? p.paymentId : null };
    case 'ledger.day':
      // A ledger's day is the day it totals, not the day it was written.
      return { ...base, day: str(p.day), refId: str(p.day), action: '', amountFen: 0 };
    default: {
      const never: never = e.type;
      return never;
    }
  }
}
