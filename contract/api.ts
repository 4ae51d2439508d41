import { z } from 'zod';
import { ZoneSchema } from './admin-settings.ts';
import { ContentManifestSchema } from './content.ts';
import { LocaleSchema } from './locale.ts';
import { CartSchema, OrderStateSchema, PricedLineSchema } from './orders.ts';

/**
 * Local API between the kiosk service and its renderer (HTTP + WebSocket on 127.0.0.1).
 * Auth: the launcher opens `/#boot=<code>`; the page POSTs the code once to
 * `/api/session` and receives an HttpOnly SameSite=Strict cookie (docs/local-api.md).
 */
export const SessionExchangeRequestSchema = z.object({ code: z.string().min(16).max(128) });
export const SessionExchangeResponseSchema = z.object({ ok: z.literal(true) });

export const ApiErrorSchema = z.object({ error: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** A slot currently lifted, with what the shopper sees. */
export const LiftedSlotSchema = z.object({
  slotId: z.string(),
  productId: z.string(),
  liftId: z.string(),
  since: z.number(),
});
export type LiftedSlot = z.infer<typeof LiftedSlotSchema>;

export const BoardStatusSchema = z.object({
  boardId: z.string(),
  state: z.enum(['connected', 'degraded', 'lost', 'recovered']),
  detail: z.string().optional(),
  protocolErrors: z.number().int().nonnegative(),
});

export const KioskSettingsSchema = z.object({
  defaultLocale: LocaleSchema,
  idleMs: z.number().int().positive(),
  orientation: z.enum(['auto', 'portrait', 'landscape']),
  /** The kiosk's hall zone (campaign schedules per zone); optional so older services still parse. */
  zone: ZoneSchema.optional(),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const SnapshotSchema = z.object({
  rev: z.number().int().nonnegative(),
  content: ContentManifestSchema.nullable(),
  /** URL prefix for media by sha256, e.g. `/media/`. */
  mediaBase: z.string(),
  /**
   * Pre-rendered trace QR codes (SVG markup) per product, generated when content is activated.
   * `order` / `orderUrl` are no longer sent (orders show their own QR code in the order panel);
   * they stay optional so snapshots from an older service still parse.
   */
  qr: z.record(z.string(), z.object({ order: z.string().optional(), trace: z.string(), orderUrl: z.string().optional(), traceUrl: z.string() })),
  lifted: z.array(LiftedSlotSchema),
  boards: z.array(BoardStatusSchema),
  settings: KioskSettingsSchema,
  hardwareMode: z.enum(['sim', 'serial']),
  /** Open staff alerts: the shopper screen shows only a discreet marker staff know to look for. */
  staffAlerts: z.number().int().nonnegative().optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Timestamps carried with a lift for latency breakdown (wall-clock ms, sub-ms precision). */
export const LiftTraceSchema = z.object({ rxAt: z.number(), sentAt: z.number() });

/**
 * An order as the shopper screen shows it. `payUrl` is null while the platform has not
 * registered it (offline): the screen then offers the pay-at-counter code instead.
 */
export const OrderViewSchema = z.object({
  orderId: z.string(),
  /** Short code staff type at the counter to find the order (last 6 of the id, upper case). */
  counterCode: z.string(),
  state: OrderStateSchema,
  lines: z.array(PricedLineSchema),
  subtotalFen: z.number().int(),
  discountFen: z.number().int(),
  totalFen: z.number().int(),
  expiresAt: z.number(),
  payUrl: z.string().nullable(),
  /** The pay URL's QR code (SVG markup), rendered by the service. */
  qrSvg: z.string().nullable(),
  scanned: z.boolean(),
  /** Why the platform could not register the order yet, if it could not. */
  platformError: z.string().nullable(),
});
export type OrderView = z.infer<typeof OrderViewSchema>;

/** POST /api/orders (screen): the cart the screen built, in the shopper's language. */
export const CreateOrderRequestSchema = CartSchema.extend({ locale: LocaleSchema });
export type CreateOrderRequest = z.infer<typeof CreateOrderRequestSchema>;

/** A refused order: the pricing error code and, for a changed price, the price now. */
export const OrderRefusalSchema = z.object({ error: z.string(), message: z.string(), productId: z.string().optional(), currentPriceFen: z.number().int().optional() });

/** Server → client WebSocket messages. Every message after the snapshot carries rev = previous rev + 1. */
export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), snapshot: SnapshotSchema }),
  z.object({
    type: z.literal('shelf'),
    rev: z.number().int(),
    lifted: z.array(LiftedSlotSchema),
    cause: z.object({ kind: z.enum(['lift', 'put']), slotId: z.string(), liftId: z.string().optional() }),
    trace: LiftTraceSchema.optional(),
  }),
  z.object({ type: z.literal('boards'), rev: z.number().int(), boards: z.array(BoardStatusSchema) }),
  z.object({ type: z.literal('content'), rev: z.number().int() }),
  z.object({ type: z.literal('order'), rev: z.number().int(), order: OrderViewSchema }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Client → server WebSocket messages (analytics from the shopper screen). */
export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('qr-shown'), productId: z.string().max(64), kind: z.enum(['order', 'trace']) }),
  z.object({ type: z.literal('compare'), productIds: z.array(z.string().max(64)).min(2).max(4) }),
  z.object({ type: z.literal('locale'), locale: LocaleSchema }),
  z.object({ type: z.literal('painted'), liftId: z.string().max(64), paintedAt: z.number() }),
  /**
   * The shopper screen is alive (issue 14): sent every second and right after the socket opens.
   * `screen` is what is painted; `longTaskMs` the longest main-thread task since the last beat.
   */
  z.object({ type: z.literal('heartbeat'), screen: z.enum(['attract', 'product', 'compare', 'staff', 'starting']), longTaskMs: z.number().nonnegative().max(3_600_000) }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** Simulator control (only when hardware mode is `sim`). */
export const SimActionSchema = z.object({
  action: z.enum(['lift', 'put']),
  channel: z.number().int().nonnegative().max(255),
  boardId: z.string().max(64).optional(),
});
export type SimAction = z.infer<typeof SimActionSchema>;
