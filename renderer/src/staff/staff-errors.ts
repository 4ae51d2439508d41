import type { TFunction } from 'i18next';

/** A refused call in the staff's language: known error codes translated, others with the service's message. */
export function errorText(t: TFunction, exists: (key: string) => boolean, r: { error: string; message: string }): string {
  const key = `staff.errors.${r.error}`;
  return exists(key) ? t(key, { message: r.message }) : t('staff.errors.other', { message: r.message });
}
