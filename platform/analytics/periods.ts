/** Calendar helpers on local days (YYYY-MM-DD), computed in UTC so no server time zone leaks in. */

export type Period = 'day' | 'week' | 'month';

const MS_DAY = 86_400_000;
export const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => dayOf(dayMs(day) + n * MS_DAY);
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / MS_DAY);

/** ISO 8601 week, e.g. 2026-W44: the week (Monday first) whose Thursday falls in that year. */
export function isoWeek(day: string): string {
  const d = new Date(dayMs(day));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = d.getUTCFullYear();
  const week = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / MS_DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday (YYYY-MM-DD) of an ISO week string. */
export function weekStart(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  const mondayW1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * MS_DAY;
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  const start = dayOf(mondayW1 + (n - 1) * 7 * MS_DAY);
  return isoWeek(start) === week ? start : null;
}

export function periodOf(day: string, p: Period): string {
  switch (p) {
    case 'day':
      return day;
    case 'week':
      return isoWeek(day);
    case 'month':
      return day.slice(0, 7);
    default: {
      const never: never = p;
      return never;
    }
  }
}
