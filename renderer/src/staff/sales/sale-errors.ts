import type { TFunction } from 'i18next';
import { errorText } from '../staff-errors.ts';

/** A refused sale or refund in the staff's language: the sale.errors.* codes, else the staff-wide ones. */
export function saleErrorText(t: TFunction, exists: (key: string) => boolean, r: { error: string; message: string }): string {
  const key = `sale.errors.${r.error}`;
  return exists(key) ? t(key, { message: r.message }) : errorText(t, exists, r);
}
