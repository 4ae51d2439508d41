import { describe, expect, it } from 'vitest';
import { fallbackLang } from './product-text.ts';

describe('fallbackLang', () => {
  it('marks Simplified text shown in place of a missing translation', () => {
    const onlyCN = { 'zh-CN': '东源茶油' };
    expect(fallbackLang(onlyCN, 'zh-TW')).toBe('zh-CN');
    expect(fallbackLang(onlyCN, 'en')).toBe('zh-CN');
  });

  it('leaves text in the screen’s own language unmarked', () => {
    const all = { 'zh-CN': '东源茶油', 'zh-TW': '東源茶油', en: 'Dongyuan camellia oil' };
    expect(fallbackLang(all, 'zh-CN')).toBeUndefined();
    expect(fallbackLang(all, 'zh-TW')).toBeUndefined();
    expect(fallbackLang(all, 'en')).toBeUndefined();
    expect(fallbackLang(undefined, 'en')).toBeUndefined();
  });
});
