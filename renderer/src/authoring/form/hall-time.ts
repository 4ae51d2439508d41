import { DEFAULT_SCHEDULE_OFFSET_MINUTES } from '../../../../contract/campaign-schedule.ts';

/** The hall's UTC offset as `+08:00`. */
export function offsetText(minutes = DEFAULT_SCHEDULE_OFFSET_MINUTES): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An instant as a `datetime-local` value in the hall's time (`2024-06-01T10:00`); '' for none. */
export function toHallLocal(ms: number | undefined, minutes = DEFAULT_SCHEDULE_OFFSET_MINUTES): string {
  if (ms === undefined || Number.isNaN(ms)) return '';
  return new Date(ms + minutes * 60_000).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as the hall's time, as an ISO string with the hall's offset; undefined for ''. */
export function fromHallLocal(value: string, minutes = DEFAULT_SCHEDULE_OFFSET_MINUTES): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  return `${value}:00${offsetText(minutes)}`;
}

/** Yuan as typed (`12.8`, `12.80`) to integer fen; NaN for anything else (the schema then names the field). */
export function yuanToFen(text: string): number {
  const t = text.trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return Number.NaN;
  const [whole = '0', frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  return Number.isFinite(fen) ? (fen / 100).toFixed(2) : '';
}
