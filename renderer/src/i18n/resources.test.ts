import { describe, expect, it } from 'vitest';
import { pickText } from '../../../contract/locale.ts';
import { flattenKeys, RESOURCES } from './resources.ts';

describe('UI resources', () => {
  const source = flattenKeys(RESOURCES['zh-CN'].translation).sort();
  it.each(['zh-TW', 'en'] as const)('%s has exactly the zh-CN keys', (locale) => {
    expect(flattenKeys(RESOURCES[locale].translation).sort()).toEqual(source);
  });
  it('has no empty strings', () => {
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const walk = (o: object): string[] => Object.values(o).flatMap((v: unknown) => (typeof v === 'string' ? [v] : typeof v === 'object' && v !== null ? walk(v) : []));
      expect(walk(RESOURCES[locale].translation).every((s) => s.trim().length > 0)).toBe(true);
    }
  });
  it('carries the invitation in zh-CN', () => {
    expect(RESOURCES['zh-CN'].translation.attract.invite).toBe('拿起商品，了解它的故事');
  });
});

describe('content locale fallback (pickText)', () => {
  it('falls back zh-TW → zh-CN and en → zh-CN', () => {
    expect(pickText({ 'zh-CN': '茶油' }, 'zh-TW')).toBe('茶油');
    expect(pickText({ 'zh-CN': '茶油' }, 'en')).toBe('茶油');
    expect(pickText({ 'zh-CN': '茶油', 'zh-TW': '茶油(繁)', en: 'Tea oil' }, 'en')).toBe('Tea oil');
    expect(pickText(undefined, 'en')).toBe('');
  });
});
