import { z } from 'zod';
import { PaymentMethodSchema, PricedLineSchema, SaleBuyerSchema } from './orders.ts';

/**
 * Counter sales, refunds and store reports on the local API (docs/staff-mode.md). The
 * requests are `SaleRequestSchema` and `RefundRequestSchema` in contract/orders.ts; these are
 * the answers. Money is integer fen.
 */

export const SaleRefundSchema = z.object({
  refundId: z.string(),
  amountFen: z.number().int().positive(),
  void: z.boolean(),
  reason: z.string(),
  createdAt: z.number(),
  actorName: z.string(),
});
export type SaleRefund = z.infer<typeof SaleRefundSchema>;

/** A committed counter sale as its receipt shows it. */
export const SaleReceiptSchema = z.object({
  saleId: z.string(),
  createdAt: z.number(),
  /** The kiosk's local calendar day of the sale (YYYY-MM-DD). */
  day: z.string(),
  lines: z.array(PricedLineSchema),
  subtotalFen: z.number().int().nonnegative(),
  discountFen: z.number().int().nonnegative(),
  totalFen: z.number().int().nonnegative(),
  method: PaymentMethodSchema,
  tenderedFen: z.number().int().nonnegative(),
  changeFen: z.number().int().nonnegative(),
  contentVersion: z.number().int().nonnegative(),
  actorName: z.string(),
  refundedFen: z.number().int().nonnegative(),
  refunds: z.array(SaleRefundSchema),
  /** The group-purchase unit (单位采购) the sale was made for, printed on the receipt. */
  buyer: SaleBuyerSchema.optional(),
});
export type SaleReceipt = z.infer<typeof SaleReceiptSchema>;

export const SaleListSchema = z.object({ sales: z.array(SaleReceiptSchema) });
export type SaleList = z.infer<typeof SaleListSchema>;

/** A lift in staff mode, offered to the counter screen (GET /api/sales/lifts?after=ms). */
export const CounterLiftSchema = z.object({
  at: z.number(),
  slotId: z.string(),
  productId: z.string().nullable(),
  /** Items a load cell counted; null for switches. */
  count: z.number().int().nonnegative().nullable(),
});
export type CounterLift = z.infer<typeof CounterLiftSchema>;
export const CounterLiftListSchema = z.object({ lifts: z.array(CounterLiftSchema) });

export const REPORT_PERIODS = ['today', 'week'] as const;
export const ReportPeriodSchema = z.enum(REPORT_PERIODS);
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

export const ReportProductSchema = z.object({
  productId: z.string(),
  /** Items sold at the counter, net of nothing (refunds are money, not items). */
  soldQty: z.number().int().nonnegative(),
  soldFen: z.number().int().nonnegative(),
  /** Items in shopper orders created in the period. */
  orderedQty: z.number().int().nonnegative(),
  /** Shopper lifts of the product (shelf.lift events; load-cell lifts that moved nothing excluded). */
  lifts: z.number().int().nonnegative(),
  /** orderedQty / lifts, or null without lifts. */
  conversion: z.number().nonnegative().nullable(),
});
export type ReportProduct = z.infer<typeof ReportProductSchema>;

/** One bucket of the chart: an hour of today, or a day of the week. */
export const ReportBucketSchema = z.object({ label: z.string(), startsAt: z.number(), salesFen: z.number().int(), ordersPaidFen: z.number().int() });

/** GET /api/reports?period=today|week. */
export const StoreReportSchema = z.object({
  period: ReportPeriodSchema,
  from: z.number(),
  to: z.number(),
  /** First and last local day covered. */
  fromDay: z.string(),
  toDay: z.string(),
  salesCount: z.number().int().nonnegative(),
  salesFen: z.number().int().nonnegative(),
  saleRefundsCount: z.number().int().nonnegative(),
  saleRefundsFen: z.number().int().nonnegative(),
  ordersCount: z.number().int().nonnegative(),
  ordersPaidCount: z.number().int().nonnegative(),
  ordersPaidFen: z.number().int().nonnegative(),
  orderRefundsFen: z.number().int().nonnegative(),
  /** Sales + paid orders − all refunds. */
  netFen: z.number().int(),
  products: z.array(ReportProductSchema),
  buckets: z.array(ReportBucketSchema),
});
export type StoreReport = z.infer<typeof StoreReportSchema>;
