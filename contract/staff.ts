import { z } from 'zod';

/**
 * Staff mode on the local API (docs/local-api.md, "Roles"). A session starts as `screen`
 * (the bootstrap exchange); a PIN sign-in raises it to the account's role, server-side.
 */
export const RoleSchema = z.enum(['screen', 'staff', 'supervisor', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Roles a person can hold (screen is the shopper screen itself, never an account). */
export const AccountRoleSchema = z.enum(['staff', 'supervisor', 'admin']);
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/** Order of roles: each includes everything the ones before it may do. */
export const ROLE_RANK: Record<Role, number> = { screen: 0, staff: 1, supervisor: 2, admin: 3 };

export const PIN_MIN_DIGITS = 6;
export const PinSchema = z
  .string()
  .regex(/^\d+$/, 'PIN: digits only')
  .min(PIN_MIN_DIGITS, `PIN: at least ${PIN_MIN_DIGITS} digits`)
  .max(12, 'PIN: at most 12 digits');

export const AccountNameSchema = z.string().trim().min(1, 'name is required').max(32, 'name: at most 32 characters');

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: AccountRoleSchema,
  createdAt: z.number(),
});
export type Account = z.infer<typeof AccountSchema>;

/** GET /api/staff/state: who is signed in on this session, and whether first set-up is still open. */
export const StaffStateSchema = z.object({
  role: RoleSchema,
  account: AccountSchema.nullable(),
  /** Accounts to pick on the PIN pad (names only). */
  accounts: z.array(z.object({ id: z.string(), name: z.string() })),
  /** While no account exists: the one-time set-up code, shown on the first set-up path. */
  setupCode: z.string().nullable(),
  idleSignOutMs: z.number().int().positive(),
});
export type StaffState = z.infer<typeof StaffStateSchema>;

export const SignInRequestSchema = z.object({ accountId: z.string().min(1).max(64), pin: z.string().max(64) });
export const FirstSetupRequestSchema = z.object({ code: z.string().min(1).max(64), name: AccountNameSchema, pin: PinSchema });
export const CreateAccountRequestSchema = z.object({ name: AccountNameSchema, role: AccountRoleSchema, pin: PinSchema });
export const AccountListSchema = z.object({ accounts: z.array(AccountSchema) });

/** A refused sign-in: how long until the next attempt is allowed (0 = try again now). */
export const SignInRefusalSchema = z.object({ error: z.enum(['bad-pin', 'locked']), message: z.string(), retryAfterMs: z.number().int().nonnegative() });
export type SignInRefusal = z.infer<typeof SignInRefusalSchema>;

/** Stock of one slot, as staff see it. */
export const SlotStockSchema = z.object({
  slotId: z.string(),
  boardId: z.string(),
  channel: z.number().int(),
  productId: z.string().nullable(),
  count: z.number().int().nullable(),
  lowAt: z.number().int().nonnegative(),
  /** Counted changes happened while the board was offline since the last restock. */
  offlineChanged: z.boolean(),
  updatedAt: z.number().nullable(),
  loadCell: z.boolean(),
});
export type SlotStock = z.infer<typeof SlotStockSchema>;
export const StockListSchema = z.object({ slots: z.array(SlotStockSchema), expiring: z.array(z.object({ slotId: z.string(), batchCode: z.string(), bestBefore: z.string(), count: z.number().int() })) });
export type StockList = z.infer<typeof StockListSchema>;

/** Absurd counts are refused: no shelf slot holds more. */
export const MAX_SLOT_COUNT = 999;
export const RestockRequestSchema = z.object({
  slotId: z.string().min(1).max(16),
  added: z.number().int('count: whole items').min(1, 'count: at least 1').max(MAX_SLOT_COUNT, `count: at most ${MAX_SLOT_COUNT}`),
  batchCode: z.string().trim().max(32).optional(),
  bestBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'best-before: YYYY-MM-DD').optional(),
});
export const SlotRequestSchema = z.object({ slotId: z.string().min(1).max(16) });

/** A barcode as scanned: EAN-13 / GTIN-13 digits. */
export const BarcodeSchema = z.string().regex(/^\d{8,14}$/, 'barcode: 8–14 digits');
export const BindRequestSchema = z.object({ slotId: z.string().min(1).max(16), barcode: BarcodeSchema.optional(), productId: z.string().max(64).optional() });

export const CalibrationStepSchema = z.object({
  slotId: z.string().min(1).max(16),
  step: z.enum(['tare', 'weigh', 'save', 'cancel']),
  knownGrams: z.number().positive().max(50_000).optional(),
});
export const CalibrationStateSchema = z.object({
  slotId: z.string(),
  step: z.enum(['empty', 'tared', 'weighed', 'saved']),
  zeroGrams: z.number().nullable(),
  loadedGrams: z.number().nullable(),
  knownGrams: z.number().nullable(),
  /** Measured / known after weighing: the scale factor that would be saved. */
  factor: z.number().nullable(),
});
export type CalibrationState = z.infer<typeof CalibrationStateSchema>;

/** Saved calibrations of one slot, newest first: the zero's drift over time. */
export const CalibrationHistorySchema = z.object({
  slotId: z.string(),
  entries: z.array(z.object({ savedAt: z.number(), zeroGrams: z.number(), knownGrams: z.number(), factor: z.number() })),
});
export type CalibrationHistory = z.infer<typeof CalibrationHistorySchema>;

export const AlertSchema = z.object({
  id: z.string(),
  kind: z.enum(['board-lost', 'sensor-stuck', 'sensor-noisy', 'low-stock', 'unsent-backlog']),
  subject: z.string(),
  since: z.number(),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertListSchema = z.object({ alerts: z.array(AlertSchema) });

/** Staff live view (WebSocket /api/staff/live): throttled load-cell readings of one slot. */
export const LiveSubscribeSchema = z.object({ type: z.literal('subscribe'), boardId: z.string().max(16), channel: z.number().int().nonnegative().max(255) });
export const LiveReadingsSchema = z.object({ type: z.literal('readings'), boardId: z.string(), channel: z.number().int(), points: z.array(z.tuple([z.number(), z.number()])) });
export type LiveReadings = z.infer<typeof LiveReadingsSchema>;
