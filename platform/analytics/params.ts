import { z } from 'zod';
import { addDays, dayMs, dayOf, daysBetween } from './periods.ts';
import { DEFAULT_THRESHOLDS, type UnsoldThresholds } from './unsold.ts';

/** Default report days are China Standard Time days (the platform serves one city). */
export const REPORT_TZ_OFFSET_MIN = 480;
export const MAX_RANGE_DAYS = 3 * 366;

export const todayOf = (now: number): string => dayOf(now + REPORT_TZ_OFFSET_MIN * 60_000);

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is written YYYY-MM-DD')
  .refine((d) => Number.isFinite(dayMs(d)) && dayOf(dayMs(d)) === d, 'not a calendar day');
const KioskId = z.string().min(1).max(64).regex(/^[\w.-]+$/, 'kiosk: letters, digits, dot, dash, underscore');

export const TABLES = ['county', 'producer', 'product', 'pairing', 'period', 'units', 'funnel-product', 'funnel-campaign', 'unsold'] as const;
export type ExportTable = (typeof TABLES)[number];

const range = { from: Day.optional(), to: Day.optional(), kiosk: KioskId.optional() };
const num = (min: number, max: number) => z.coerce.number().refine(Number.isFinite, 'a number').pipe(z.number().min(min).max(max));
const thresholds = {
  windowDays: num(7, 182).pipe(z.number().int('whole days')).optional(),
  minSellThrough: num(0, 1).optional(),
  minConversion: num(0, 1).optional(),
  minLifts: num(0, 1e9).optional(),
  minStock: num(0, 1e9).optional(),
  maxCoverWeeks: num(0, 520).optional(),
  seasonMonths: num(0, 12).pipe(z.number().int('whole months')).optional(),
};

export const ImpactQuery = z.strictObject({ ...range, period: z.enum(['day', 'week', 'month']).optional() });
export const FunnelQuery = z.strictObject(range);
export const UnsoldQuery = z.strictObject({ to: Day.optional(), ...thresholds });
export const ExportQuery = z.strictObject({ ...range, period: z.enum(['day', 'week', 'month']).optional(), table: z.enum(TABLES), ...thresholds });

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: { code: 'bad-query'; message: string } };

/** Parses a query string object with a clear message naming the bad parameter. */
export function parseQuery<T>(schema: z.ZodType<T>, q: unknown): ParseResult<T> {
  const r = schema.safeParse(q ?? {});
  if (r.success) return { ok: true, value: r.data };
  const msg = r.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : `${i.path.join('.') || 'query'}: ${i.message}`)).join('; ');
  return { ok: false, error: { code: 'bad-query', message: msg } };
}

/** The report range: defaults to the 90 days up to today; from ≤ to and at most three years. */
export function resolveRange(q: { from?: string | undefined; to?: string | undefined }, now: number): ParseResult<{ from: string; to: string }> {
  const to = q.to ?? todayOf(now);
  const from = q.from ?? addDays(to, -89);
  if (from > to) return { ok: false, error: { code: 'bad-query', message: `from (${from}) is after to (${to})` } };
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) return { ok: false, error: { code: 'bad-query', message: `a range covers at most ${MAX_RANGE_DAYS} days` } };
  return { ok: true, value: { from, to } };
}

export function resolveThresholds(q: Partial<UnsoldThresholds>): UnsoldThresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof UnsoldThresholds>) {
    const v = q[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
