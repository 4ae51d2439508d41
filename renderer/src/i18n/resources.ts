import type { Locale } from '../../../contract/locale.ts';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import en from './locales/en.json';

/** UI strings per locale; zh-CN is the source, the others must carry the same keys (tested). */
export const RESOURCES = {
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
  en: { translation: en },
} as const satisfies Record<Locale, { translation: object }>;

/** UI strings fall back the same way content does: zh-TW → zh-CN, en → zh-CN. */
export const FALLBACK_LNG = { 'zh-TW': ['zh-CN'], en: ['zh-CN'], default: ['zh-CN'] };

/** Flattens a nested resource object into dotted keys, for completeness checks. */
export function flattenKeys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]: [string, unknown]) => {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    return typeof v === 'object' && v !== null ? flattenKeys(v, key) : [key];
  });
}
