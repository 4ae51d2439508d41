import { z } from 'zod';

/**
 * The event envelope (DESIGN §4), fixed from the first event written.
 * Order by (streamId, seq), never by clock. Payload shapes only grow; each type has a
 * schema version `v`, and readers accept every version ever shipped.
 */
export const UuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const EventEnvelopeSchema = z.object({
  id: UuidSchema, // UUIDv7
  installId: UuidSchema,
  streamId: UuidSchema,
  seq: z.number().int().positive(),
  type: z.string().min(1).max(64),
  v: z.number().int().positive(),
  deviceTime: z.string().datetime({ offset: true }),
  bootId: UuidSchema,
  monoMs: z.number().nonnegative(),
  tzOffset: z.number().int().min(-840).max(840),
  payload: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

/** Push priority: money before stock before analytics. Lower sorts first. */
export const PRIORITIES = { money: 0, stock: 1, analytics: 2 } as const;
export type Priority = keyof typeof PRIORITIES;

const SlotSnapshot = {
  slotId: z.string().min(1),
  boardId: z.string().min(1),
  channel: z.number().int().nonnegative(),
  productId: z.string().nullable(),
  priceFen: z.number().int().nonnegative().nullable(),
  contentVersion: z.number().int().nonnegative().nullable(),
  planogramVersion: z.number().int().nonnegative(),
};

/** Who did a staff action (a snapshot: the account may be renamed or deleted later). */
const StaffActor = z.object({ accountId: z.string(), name: z.string(), role: z.string() });

/** The priced lines of a cart or sale, snapshotted into the event (prices can change later). */
const MoneyLine = z.object({ productId: z.string(), quantity: z.number().int().positive(), listPriceFen: z.number().int().nonnegative(), unitPriceFen: z.number().int().nonnegative(), campaignId: z.string().nullable(), lineTotalFen: z.number().int().nonnegative(), discountFen: z.number().int().nonnegative() });
/**
 * The buyer of a group purchase (a budget unit, trade union, enterprise), when staff or the
 * order page record one (added in place for the impact view's 30 % reservation share; older
 * events and ordinary shoppers have none). An organisation, never a person.
 */
export const BUYER_UNIT_KINDS = ['budget-unit', 'trade-union', 'enterprise', 'other'] as const;
export const BuyerUnitKindSchema = z.enum(BUYER_UNIT_KINDS);
/** Longest buyer unit name an event carries. */
export const BUYER_NAME_MAX = 100;
const BuyerUnit = z.object({ unitId: z.string().min(1).max(64), name: z.string().min(1).max(BUYER_NAME_MAX), kind: BuyerUnitKindSchema });
const MoneyCart = { lines: z.array(MoneyLine).min(1), subtotalFen: z.number().int().nonnegative(), discountFen: z.number().int().nonnegative(), totalFen: z.number().int().nonnegative(), contentVersion: z.number().int().nonnegative() };

const SensorKind = z.enum(['switch', 'analog', 'load-cell']);

/** Optional detail of a lift/put (added in place: older readers ignore it, older events lack it). */
const PickDetail = {
  sensor: SensorKind.optional(),
  /** Items moved, as confirmed by a load cell; absent for switches and uncounted motions. */
  count: z.number().int().nonnegative().optional(),
  /** A load-cell lift shown at first evidence whose count could not be confirmed. */
  countUncertain: z.boolean().optional(),
};

/** Payload schemas per event type and version. */
export const EVENT_TYPES = {
  'shelf.lift': { v: 1, priority: 'analytics', payload: z.object({ ...SlotSnapshot, sessionId: z.string(), ...PickDetail }) },
  'shelf.put': { v: 1, priority: 'analytics', payload: z.object({ ...SlotSnapshot, sessionId: z.string(), dwellMs: z.number().nonnegative(), ...PickDetail }) },
  'shelf.health': {
    v: 1,
    priority: 'stock',
    payload: z.object({ boardId: z.string(), state: z.string(), detail: z.string().optional() }),
  },
  'shelf.offline-change': {
    v: 1,
    priority: 'stock',
    payload: z.object({ ...SlotSnapshot, change: z.enum(['lifted', 'put']), count: z.number().int().nonnegative().optional(), sensor: SensorKind.optional() }),
  },
  /** A load-cell motion the detector would not count (no fit, not settled, unhealthy sensor, wrong item put back). */
  'shelf.pick-uncertain': {
    v: 1,
    priority: 'stock',
    payload: z.object({ ...SlotSnapshot, direction: z.enum(['lift', 'put']), reason: z.enum(['no-fit', 'not-settled', 'sensor-unhealthy', 'wrong-item']) }),
  },
  /** A load cell's own health changed (stuck or noisy sensors are reported, never shown to shoppers). */
  'shelf.sensor-health': { v: 1, priority: 'stock', payload: z.object({ ...SlotSnapshot, state: z.enum(['ok', 'stuck', 'noisy']) }) },
  'shopper.compare': { v: 1, priority: 'analytics', payload: z.object({ productIds: z.array(z.string()), contentVersion: z.number().int() }) },
  'shopper.qr-shown': { v: 1, priority: 'analytics', payload: z.object({ productId: z.string(), kind: z.enum(['order', 'trace']), contentVersion: z.number().int() }) },
  'shopper.locale': { v: 1, priority: 'analytics', payload: z.object({ locale: z.string() }) },
  'content.activated': { v: 1, priority: 'stock', payload: z.object({ version: z.number().int(), previous: z.number().int().nullable() }) },
  'content.rejected': { v: 1, priority: 'stock', payload: z.object({ version: z.number().int().nullable(), reason: z.string() }) },
  'sale.recorded': {
    v: 1,
    priority: 'money',
    payload: z.object({ saleId: z.string(), productId: z.string(), quantity: z.number().int().positive(), priceFen: z.number().int().nonnegative(), totalFen: z.number().int().nonnegative(), contentVersion: z.number().int().nullable() }),
  },
  // ── Staff mode (issue 9) ──
  /** Every staff action: who, what, on what, the state before and after. */
  'staff.action': {
    v: 1,
    priority: 'stock',
    payload: z.object({ actor: StaffActor.nullable(), action: z.string().max(64), target: z.string().nullable(), before: z.unknown(), after: z.unknown() }),
  },
  /** Items added to a slot by staff; `confirmedBy` says whether the load cell counted them. */
  'stock.restocked': {
    v: 1,
    priority: 'stock',
    payload: z.object({ ...SlotSnapshot, actor: StaffActor, added: z.number().int().positive(), countBefore: z.number().int().nullable(), countAfter: z.number().int(), confirmedBy: z.enum(['load-cell', 'staff']), batchCode: z.string().optional(), bestBefore: z.string().optional() }),
  },
  /** A lift or put while staff mode was on: stock work, not shopper analytics. */
  'stock.moved': {
    v: 1,
    priority: 'stock',
    payload: z.object({ ...SlotSnapshot, direction: z.enum(['lift', 'put']), count: z.number().int().nonnegative().nullable(), countAfter: z.number().int().nullable() }),
  },
  /** A slot bound to a product; earlier events keep the binding they snapshotted. */
  'planogram.bound': {
    v: 1,
    priority: 'stock',
    payload: z.object({ slotId: z.string(), boardId: z.string(), channel: z.number().int(), productIdBefore: z.string().nullable(), productIdAfter: z.string(), barcode: z.string().nullable(), planogramVersion: z.number().int(), actor: StaffActor }),
  },
  'loadcell.calibrated': {
    v: 1,
    priority: 'stock',
    payload: z.object({ slotId: z.string(), boardId: z.string(), channel: z.number().int(), zeroGrams: z.number(), knownGrams: z.number(), factor: z.number(), actor: StaffActor }),
  },
  'staff.alert': {
    v: 1,
    priority: 'stock',
    payload: z.object({ kind: z.string(), subject: z.string(), state: z.enum(['raised', 'cleared']) }),
  },
  // ── Load-cell counts (issue 13) ──
  /**
   * Stock on a slot changed by an amount no sensor counted: a load-cell motion whose count
   * the detector would not confirm (no fit, unhealthy sensor, a foreign item put back).
   * Staff recount the slot; it is never booked as a shopper's lift or put.
   */
  'shelf.stock-discrepancy': {
    v: 1,
    priority: 'stock',
    payload: z.object({ ...SlotSnapshot, direction: z.enum(['lift', 'put']), reason: z.enum(['no-fit', 'sensor-unhealthy', 'wrong-item']), sensor: SensorKind, shownToShopper: z.boolean() }),
  },
  // ── Orders and sales (issue 10, docs/orders.md) ──
  /** A shopper's cart became an order (priced here; the phone pays it through the platform). */
  'order.created': {
    v: 1,
    priority: 'money',
    payload: z.object({ orderId: z.string(), source: z.enum(['shelf', 'counter']), ...MoneyCart, expiresAt: z.string(), buyer: BuyerUnit.optional() }),
  },
  /** An order changed state; `amountFen` is the payment or refund this change moved (0 for others). */
  'order.state': {
    v: 1,
    priority: 'money',
    payload: z.object({ orderId: z.string(), from: z.string(), to: z.string(), action: z.string(), amountFen: z.number().int().nonnegative(), paidFen: z.number().int().nonnegative(), refundedFen: z.number().int().nonnegative(), paymentId: z.string().nullable(), reason: z.string().nullable(), actor: StaffActor.nullable() }),
  },
  /** A counter sale, committed before the screen shows its receipt. */
  'sale.completed': {
    v: 1,
    priority: 'money',
    payload: z.object({ saleId: z.string(), ...MoneyCart, method: z.enum(['cash', 'qr', 'card']), tenderedFen: z.number().int().nonnegative(), changeFen: z.number().int().nonnegative(), actor: StaffActor, buyer: BuyerUnit.optional() }),
  },
  /** A refund (or a same-day void) of a counter sale, by a supervisor with a reason. */
  'sale.refunded': {
    v: 1,
    priority: 'money',
    payload: z.object({ saleId: z.string(), refundId: z.string(), amountFen: z.number().int().positive(), void: z.boolean(), reason: z.string(), actor: StaffActor }),
  },
  /**
   * The kiosk's own totals of one local day, for the platform to reconcile against the
   * events it received (a mismatch raises an alarm). Re-sent as the day's figures change.
   */
  'ledger.day': {
    v: 1,
    priority: 'money',
    payload: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), salesCount: z.number().int().nonnegative(), salesFen: z.number().int().nonnegative(), saleRefundsFen: z.number().int().nonnegative(), ordersPaidCount: z.number().int().nonnegative(), ordersPaidFen: z.number().int().nonnegative(), orderRefundsFen: z.number().int().nonnegative() }),
  },
  // ── Kiosk appliance (issue 14) ──
  /**
   * The kiosk's supervisor restarted, reloaded or recreated a part, or gave it up after its
   * restart cap (the staff error screen is then showing). Queued in a file by the supervisor,
   * written by the service at its next start, so it reaches the platform even when the service
   * itself was the part that failed.
   */
  'kiosk.supervisor': {
    v: 1,
    priority: 'stock',
    payload: z.object({ part: z.enum(['service', 'screen']), action: z.enum(['restart', 'reload', 'recreate', 'give-up']), reason: z.string().max(200), failuresInWindow: z.number().int().nonnegative(), at: z.string() }),
  },
} as const satisfies Record<string, { v: number; priority: Priority; payload: z.ZodType }>;

export type EventType = keyof typeof EVENT_TYPES;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_TYPES)[T]['payload']>;

/** Priority of an event type; unknown types (from newer kiosks) count as analytics. */
export function priorityOf(type: string): Priority {
  return type in EVENT_TYPES ? EVENT_TYPES[type as EventType].priority : 'analytics';
}
