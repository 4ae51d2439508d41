import { describe, expect, it } from 'vitest';
import { ProductSchema } from '../contract/content.ts';
import { LOCALES, pickText } from '../contract/locale.ts';
import { demoManifestInput } from './build-demo.ts';
import { DEMO_PRODUCTS } from './demo/products.ts';
import { LONG_TEXT_PRODUCTS } from './fixtures/long-text.ts';

describe('long-text fixtures', () => {
  it('are valid products and are not in the demo package', () => {
    expect(LONG_TEXT_PRODUCTS).toHaveLength(2);
    const demoIds = new Set(demoManifestInput().input.products.map((p) => p.id));
    for (const p of LONG_TEXT_PRODUCTS) {
      expect(ProductSchema.safeParse(p).success).toBe(true);
      expect(demoIds.has(p.id)).toBe(false);
    }
  });

  it('are longer than any demo product in every locale', () => {
    for (const locale of LOCALES) {
      const longestName = Math.max(...DEMO_PRODUCTS.map((e) => pickText(e.product.name, locale).length));
      const longestStory = Math.max(...DEMO_PRODUCTS.map((e) => pickText(e.product.story.text, locale).length));
      for (const p of LONG_TEXT_PRODUCTS) {
        expect(pickText(p.name, locale).length, `${p.id} ${locale}`).toBeGreaterThan(longestName);
        expect(pickText(p.story.text, locale).length, `${p.id} ${locale}`).toBeGreaterThan(longestStory);
      }
    }
  });

  it('include the longest batch the schema allows and an unbroken token', () => {
    expect(LONG_TEXT_PRODUCTS.some((p) => p.traceBatch?.length === 64)).toBe(true);
    expect(LONG_TEXT_PRODUCTS.some((p) => /\S{60,}/.test(p.name.en ?? ''))).toBe(true);
  });
});
