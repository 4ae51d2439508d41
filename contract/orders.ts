import { z } from 'zod';
import { ProductIdSchema, type Campaign, type Product } from './content.ts';
import { BUYER_NAME_MAX, BuyerUnitKindSchema, UuidSchema } from './events.ts';

/**
 * Orders and sales (docs/orders.md): one model shared by the kiosk service, its screens and
 * the platform. Money is integer fen everywhere; prices are computed here and nowhere else.
 */

export const MAX_LINES = 20;
export const MAX_QUANTITY = 99;
/** The most one order or sale may total: 100,000 yuan. Bigger is a typo or an attack. */
export const MAX_TOTAL_FEN = 10_000_000;
/** How long a shopper has to pay an order from the shelf. */
export const ORDER_TTL_MS = 15 * 60_000;

export const FenSchema = z.number().int('amounts are whole fen').nonnegative().max(MAX_TOTAL_FEN);
export const QuantitySchema = z.number().int('quantity: a whole number').min(1, 'quantity: at least 1').max(MAX_QUANTITY, `quantity: at most ${MAX_QUANTITY}`);

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

// ── Carts and pricing ──

/** A line as a screen sends it: the unit price it showed, so a changed price is caught. */
export const CartLineSchema = z.object({ productId: ProductIdSchema, quantity: QuantitySchema, unitPriceFen: FenSchema });
export type CartLine = z.infer<typeof CartLineSchema>;

export const CartSchema = z.object({
  contentVersion: z.number().int().nonnegative(),
  lines: z.array(CartLineSchema).min(1, 'the cart is empty').max(MAX_LINES, `at most ${MAX_LINES} lines`),
});
export type Cart = z.infer<typeof CartSchema>;

export const PricedLineSchema = z.object({
  productId: ProductIdSchema,
  quantity: QuantitySchema,
  listPriceFen: FenSchema,
  unitPriceFen: FenSchema,
  /** The campaign whose price applied, if any. */
  campaignId: z.string().max(64).nullable(),
  lineTotalFen: FenSchema,
  discountFen: FenSchema,
});
export type PricedLine = z.infer<typeof PricedLineSchema>;

export const PricedCartSchema = z.object({
  contentVersion: z.number().int().nonnegative(),
  lines: z.array(PricedLineSchema).min(1).max(MAX_LINES),
  subtotalFen: FenSchema,
  discountFen: FenSchema,
  totalFen: FenSchema,
});
export type PricedCart = z.infer<typeof PricedCartSchema>;

export type PricingErrorCode = 'empty' | 'too-many-lines' | 'duplicate-line' | 'unknown-product' | 'bad-quantity' | 'price-changed' | 'total-too-large';
export interface PricingError {
  code: PricingErrorCode;
  message: string;
  productId?: string;
  /** For `price-changed`: the price now, so a screen can show it and ask again. */
  currentPriceFen?: number;
}

/** What pricing needs from the active content package. */
export interface PriceBook {
  version: number;
  products: readonly Pick<Product, 'id' | 'priceFen'>[];
  campaigns: readonly Pick<Campaign, 'id' | 'startsAt' | 'endsAt' | 'prices'>[];
}

function isRunning(c: Pick<Campaign, 'startsAt' | 'endsAt'>, at: number): boolean {
  if (c.startsAt !== undefined && at < Date.parse(c.startsAt)) return false;
  if (c.endsAt !== undefined && at >= Date.parse(c.endsAt)) return false;
  return true;
}

/** The unit price of a product at `at`: the lowest running campaign price, else the list price. */
export function unitPrice(book: PriceBook, product: Pick<Product, 'id' | 'priceFen'>, at: number): { priceFen: number; campaignId: string | null } {
  let best = { priceFen: product.priceFen, campaignId: null as string | null };
  for (const c of book.campaigns) {
    if (!isRunning(c, at)) continue;
    const p = c.prices?.find((x) => x.productId === product.id);
    if (p && p.priceFen < best.priceFen) best = { priceFen: p.priceFen, campaignId: c.id };
  }
  return best;
}

/**
 * Prices a cart against the content package at time `at`. Refuses (never repairs) a cart
 * whose lines are unknown, duplicated, out of range, or priced differently from now.
 */
export function priceCart(book: PriceBook, lines: readonly CartLine[], at: number): Result<PricedCart, PricingError> {
  if (lines.length === 0) return { ok: false, error: { code: 'empty', message: 'the cart is empty' } };
  if (lines.length > MAX_LINES) return { ok: false, error: { code: 'too-many-lines', message: `at most ${MAX_LINES} different products per order` } };
  const seen = new Set<string>();
  const priced: PricedLine[] = [];
  let subtotal = 0;
  let total = 0;
  for (const line of lines) {
    if (seen.has(line.productId)) return { ok: false, error: { code: 'duplicate-line', message: `${line.productId} is in the cart twice`, productId: line.productId } };
    seen.add(line.productId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      return { ok: false, error: { code: 'bad-quantity', message: `quantity of ${line.productId} must be 1–${MAX_QUANTITY}`, productId: line.productId } };
    }
    const product = book.products.find((p) => p.id === line.productId);
    if (!product) return { ok: false, error: { code: 'unknown-product', message: `unknown product ${line.productId}`, productId: line.productId } };
    const price = unitPrice(book, product, at);
    if (price.priceFen !== line.unitPriceFen) {
      return { ok: false, error: { code: 'price-changed', message: `the price of ${line.productId} is now ${price.priceFen} fen`, productId: line.productId, currentPriceFen: price.priceFen } };
    }
    const lineTotal = price.priceFen * line.quantity;
    subtotal += product.priceFen * line.quantity;
    total += lineTotal;
    priced.push({ productId: product.id, quantity: line.quantity, listPriceFen: product.priceFen, unitPriceFen: price.priceFen, campaignId: price.campaignId, lineTotalFen: lineTotal, discountFen: (product.priceFen - price.priceFen) * line.quantity });
  }
  if (subtotal > MAX_TOTAL_FEN) return { ok: false, error: { code: 'total-too-large', message: `an order may total at most ${MAX_TOTAL_FEN / 100} yuan` } };
  return { ok: true, value: { contentVersion: book.version, lines: priced, subtotalFen: subtotal, discountFen: subtotal - total, totalFen: total } };
}

/** Sums a priced cart's lines again: a cart from the wire is trusted only when this holds. */
export function isConsistent(cart: PricedCart): boolean {
  let sub = 0;
  let total = 0;
  for (const l of cart.lines) {
    if (l.lineTotalFen !== l.unitPriceFen * l.quantity || l.discountFen !== (l.listPriceFen - l.unitPriceFen) * l.quantity) return false;
    sub += l.listPriceFen * l.quantity;
    total += l.lineTotalFen;
  }
  return sub === cart.subtotalFen && total === cart.totalFen && sub - total === cart.discountFen;
}

// ── Orders ──

export const ORDER_STATES = ['created', 'awaiting-payment', 'paid', 'expired', 'cancelled', 'fulfilled', 'partially-refunded', 'refunded'] as const;
export const OrderStateSchema = z.enum(ORDER_STATES);
export type OrderState = z.infer<typeof OrderStateSchema>;

export const ORDER_ACTIONS = ['await-payment', 'pay', 'expire', 'cancel', 'fulfil', 'refund'] as const;
export const OrderActionSchema = z.enum(ORDER_ACTIONS);
export type OrderAction = z.infer<typeof OrderActionSchema>;

/**
 * Which action moves which state. `pay` is allowed from `expired` and `cancelled`: a payment
 * the provider completed is money received, and is recorded (then refunded by staff) rather
 * than lost because it raced the order's expiry.
 */
const NEXT: Record<OrderState, Partial<Record<OrderAction, OrderState>>> = {
  created: { 'await-payment': 'awaiting-payment', pay: 'paid', expire: 'expired', cancel: 'cancelled' },
  'awaiting-payment': { pay: 'paid', expire: 'expired', cancel: 'cancelled' },
  paid: { fulfil: 'fulfilled', refund: 'partially-refunded' },
  expired: { pay: 'paid' },
  cancelled: { pay: 'paid' },
  fulfilled: { refund: 'partially-refunded' },
  'partially-refunded': { refund: 'partially-refunded', fulfil: 'partially-refunded' },
  refunded: {},
};

export interface OrderLedger {
  state: OrderState;
  totalFen: number;
  paidFen: number;
  refundedFen: number;
}

export interface OrderTransitionError {
  code: 'invalid-transition' | 'bad-amount' | 'refund-too-large';
  message: string;
}

/**
 * Applies an action to an order's ledger. `amountFen` is the payment (for `pay`, must equal
 * the total) or the refund (for `refund`, 1 … what is left). A full refund ends in `refunded`.
 */
export function applyOrderAction(order: OrderLedger, action: OrderAction, amountFen = 0): Result<OrderLedger, OrderTransitionError> {
  const to = NEXT[order.state][action];
  if (to === undefined) return { ok: false, error: { code: 'invalid-transition', message: `an order that is ${order.state} cannot ${action}` } };
  if (action === 'pay') {
    if (amountFen !== order.totalFen) return { ok: false, error: { code: 'bad-amount', message: `payment of ${amountFen} fen does not match the order total ${order.totalFen}` } };
    return { ok: true, value: { ...order, state: to, paidFen: amountFen } };
  }
  if (action === 'refund') {
    if (!Number.isInteger(amountFen) || amountFen <= 0) return { ok: false, error: { code: 'bad-amount', message: 'a refund is a positive number of fen' } };
    const left = order.paidFen - order.refundedFen;
    if (amountFen > left) return { ok: false, error: { code: 'refund-too-large', message: `at most ${left} fen is left to refund` } };
    const refunded = order.refundedFen + amountFen;
    return { ok: true, value: { ...order, state: refunded === order.paidFen ? 'refunded' : 'partially-refunded', refundedFen: refunded } };
  }
  return { ok: true, value: { ...order, state: to } };
}

export const FulfilmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pickup') }),
  z.object({ kind: z.literal('delivery'), name: z.string().trim().min(1).max(40), address: z.string().trim().min(4, 'address: too short').max(200) }),
]);
export type Fulfilment = z.infer<typeof FulfilmentSchema>;

/** A contact phone: a mainland mobile number, or an international one with its + prefix. */
export const ContactPhoneSchema = z.string().trim().regex(/^(1[3-9]\d{9}|\+\d{7,15})$/, 'phone: a mobile number (11 digits) or +country code and number');

// ── Kiosk ↔ platform (sync API, docs/orders.md) ──

/** POST /v1/orders (kiosk auth). Idempotent by orderId: the same body again gets the same answer. */
export const OrderCreateRequestSchema = PricedCartSchema.extend({
  orderId: UuidSchema,
  createdAt: z.string().datetime({ offset: true }),
  expiresAt: z.string().datetime({ offset: true }),
  locale: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
});
export type OrderCreateRequest = z.infer<typeof OrderCreateRequestSchema>;

export const OrderCreateResponseSchema = z.object({
  orderId: UuidSchema,
  /** The phone's page for this order (holds an unguessable key; opened from the QR code). */
  payUrl: z.string().url(),
  expiresAt: z.string().datetime({ offset: true }),
});
export type OrderCreateResponse = z.infer<typeof OrderCreateResponseSchema>;

/** An order's state as the platform knows it; streamed to the kiosk that created it. */
export const OrderStatusSchema = z.object({
  orderId: UuidSchema,
  state: OrderStateSchema,
  /** The phone has opened the order page. */
  scanned: z.boolean(),
  paidFen: FenSchema,
  refundedFen: FenSchema,
  paymentId: z.string().max(128).nullable(),
  updatedAt: z.string().datetime({ offset: true }),
});
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

// ── Counter sales ──

export const PAYMENT_METHODS = ['cash', 'qr', 'card'] as const;
export const PaymentMethodSchema = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** Change due on a counter sale; cash must cover the total, QR and card are taken exactly. */
export function changeDue(totalFen: number, method: PaymentMethod, tenderedFen: number | null): Result<{ tenderedFen: number; changeFen: number }, { code: 'short-tender' | 'bad-amount'; message: string }> {
  if (method !== 'cash') return { ok: true, value: { tenderedFen: totalFen, changeFen: 0 } };
  if (tenderedFen === null || !Number.isInteger(tenderedFen) || tenderedFen < 0 || tenderedFen > MAX_TOTAL_FEN) return { ok: false, error: { code: 'bad-amount', message: 'enter the cash received, in yuan and jiao' } };
  if (tenderedFen < totalFen) return { ok: false, error: { code: 'short-tender', message: `${totalFen - tenderedFen} fen short` } };
  return { ok: true, value: { tenderedFen, changeFen: tenderedFen - totalFen } };
}

/**
 * The unit a counter sale is a group purchase for (单位采购), as staff enter it: a name (trimmed,
 * no control characters) and a kind. The kiosk derives the unit's id from the name, so the same
 * name groups together on the platform whichever kiosk sold to it.
 */
export const SaleBuyerSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'buyer name: empty')
    .max(BUYER_NAME_MAX, `buyer name: at most ${BUYER_NAME_MAX} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'buyer name: no control characters'),
  kind: BuyerUnitKindSchema,
});
export type SaleBuyer = z.infer<typeof SaleBuyerSchema>;

/** POST /api/sales (staff): the lines the counter screen showed, how it was paid, and for whom when a unit buys. */
export const SaleRequestSchema = CartSchema.extend({
  saleId: UuidSchema,
  method: PaymentMethodSchema,
  tenderedFen: FenSchema.nullable().default(null),
  buyer: SaleBuyerSchema.optional(),
});
export type SaleRequest = z.infer<typeof SaleRequestSchema>;

/** POST /api/sales/:id/refund and /api/orders/:id/refund (supervisor). A void is a full refund on the same day. */
export const RefundRequestSchema = z.object({
  refundId: UuidSchema,
  amountFen: z.number().int().positive().max(MAX_TOTAL_FEN),
  reason: z.string().trim().min(2, 'reason: say why').max(200),
  void: z.boolean().default(false),
});
export type RefundRequest = z.infer<typeof RefundRequestSchema>;

/** The kiosk's local calendar day of an instant (tzOffset in minutes east of UTC). */
export function ledgerDay(epochMs: number, tzOffsetMin: number): string {
  return new Date(epochMs + tzOffsetMin * 60_000).toISOString().slice(0, 10);
}
