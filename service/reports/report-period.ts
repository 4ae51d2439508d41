import { ledgerDay } from '../../contract/orders.ts';
import type { ReportPeriod } from '../../contract/sales.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface PeriodRange {
  from: number;
  to: number;
  fromDay: string;
  toDay: string;
  /** Chart buckets: hours of today, or the days Monday … Sunday of this week. */
  buckets: Array<{ label: string; startsAt: number; endsAt: number }>;
}

/**
 * The time range of a report in the kiosk's local time: `today` is local midnight to the next
 * midnight in hourly buckets, `week` is Monday 00:00 to the next Monday in daily buckets.
 * `tzOffsetMin` is minutes east of UTC (fixed over the range: the stores' zones have no DST).
 */
export function periodRange(period: ReportPeriod, now: number, tzOffsetMin: number): PeriodRange {
  const off = tzOffsetMin * 60_000;
  const todayStart = Math.floor((now + off) / DAY_MS) * DAY_MS - off;
  if (period === 'today') {
    const buckets = Array.from({ length: 24 }, (_, h) => ({ label: String(h).padStart(2, '0'), startsAt: todayStart + h * HOUR_MS, endsAt: todayStart + (h + 1) * HOUR_MS }));
    const day = ledgerDay(todayStart, tzOffsetMin);
    return { from: todayStart, to: todayStart + DAY_MS, fromDay: day, toDay: day, buckets };
  }
  const weekday = (new Date(todayStart + off).getUTCDay() + 6) % 7; // Monday = 0
  const from = todayStart - weekday * DAY_MS;
  const buckets = Array.from({ length: 7 }, (_, d) => ({ label: ledgerDay(from + d * DAY_MS, tzOffsetMin), startsAt: from + d * DAY_MS, endsAt: from + (d + 1) * DAY_MS }));
  return { from, to: from + 7 * DAY_MS, fromDay: ledgerDay(from, tzOffsetMin), toDay: ledgerDay(from + 6 * DAY_MS, tzOffsetMin), buckets };
}
