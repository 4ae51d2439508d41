import type { TFunction } from 'i18next';
import { pickText, type Locale, type LocalizedText } from '../../../contract/locale.ts';
import type { Product } from '../../../contract/content.ts';
import { formatPrice } from '../state/format.ts';

/**
 * The `lang` for a content text that fell back to zh-CN (undefined when the locale's own text is
 * shown). Without it, Simplified text on a zh-TW or en screen is shaped with the Traditional or
 * Latin font stack: centred full-width punctuation and Traditional glyph forms.
 */
export function fallbackLang(text: LocalizedText | undefined, locale: Locale): 'zh-CN' | undefined {
  if (text === undefined || locale === 'zh-CN') return undefined;
  return text[locale] === undefined ? 'zh-CN' : undefined;
}

/** "东源县 · 广东省" style place line; empty parts are dropped. */
export function placeLine(product: Product, locale: Locale): string {
  const o = product.origin;
  return [pickText(o.county, locale), pickText(o.province, locale)].filter((s) => s !== '').join(' · ');
}

/** The text read aloud by the optional spoken summary. */
export function spokenSummary(product: Product, locale: Locale, t: TFunction): string {
  const parts = [
    pickText(product.name, locale),
    t('product.speechPrice', { price: formatPrice(product.priceFen), unit: pickText(product.unit, locale) }),
    pickText(product.intro, locale),
    `${t('product.origin')}: ${placeLine(product, locale)}`,
    pickText(product.story.text, locale),
  ];
  return parts.filter((s) => s.trim() !== '').join(' ');
}
