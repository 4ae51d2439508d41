import { z } from 'zod';

/** Locales the kiosk ships UI and content in. zh-CN is the source locale and always present. */
export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

/** Text with per-locale values; zh-CN is required, the others fall back to it. */
export const LocalizedTextSchema = z.object({
  'zh-CN': z.string().min(1),
  'zh-TW': z.string().min(1).optional(),
  en: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Picks the best text for a locale: exact, then the other Chinese script, then zh-CN. */
export function pickText(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  switch (locale) {
    case 'zh-CN':
      return text['zh-CN'];
    case 'zh-TW':
      return text['zh-TW'] ?? text['zh-CN'];
    case 'en':
      return text.en ?? text['zh-CN'];
    default: {
      const never: never = locale;
      return never;
    }
  }
}
