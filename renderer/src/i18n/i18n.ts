import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LocaleSchema, type Locale } from '../../../contract/locale.ts';
import { FALLBACK_LNG, RESOURCES } from './resources.ts';

/** Creates the UI's i18next instance (resources bundled, so init is synchronous). */
export function createI18n(initial: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: initial,
    fallbackLng: FALLBACK_LNG,
    supportedLngs: ['zh-CN', 'zh-TW', 'en'],
    interpolation: { escapeValue: false }, // React escapes.
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  // <html lang> picks the CJK glyph variants (Simplified vs Traditional) and the font stack.
  const applyLang = (lng: string): void => {
    document.documentElement.lang = lng;
  };
  applyLang(initial);
  instance.on('languageChanged', applyLang);
  return instance;
}

/** The locale i18next is on, as our Locale type. */
export function currentLocale(instance: I18n): Locale {
  const parsed = LocaleSchema.safeParse(instance.language);
  return parsed.success ? parsed.data : 'zh-CN';
}
