import { useEffect, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText, type Locale } from '../../../contract/locale.ts';
import type { Product } from '../../../contract/content.ts';
import type { ShownProduct } from '../state/screen.ts';
import { formatCount, formatPrice } from '../state/format.ts';
import { MediaImage } from './Media.tsx';
import { fallbackLang, placeLine } from './product-text.ts';
import { useShopper } from './shopper-context.ts';

/** Side-by-side compare of 2–3 lifted products (oldest lift on the left). */
export function Compare({ items, locale }: { items: readonly ShownProduct[]; locale: Locale }) {
  const { t } = useTranslation();
  const { products, send } = useShopper();
  const shown = items.flatMap((i) => {
    const p = products.get(i.productId);
    return p === undefined ? [] : [{ product: p, liftId: i.liftId }];
  });
  const idsKey = shown.map((s) => s.product.id).join(',');
  useEffect(() => {
    const productIds = idsKey.split(',');
    if (productIds.length >= 2) send({ type: 'compare', productIds });
  }, [idsKey, send]);
  return (
    <section className="compare" data-testid="compare" data-count={shown.length} style={{ '--cols': shown.length } as CSSProperties}>
      <header className="compare-head">
        <h1>{t('compare.title')}</h1>
        <p className="hint">{t('compare.hint')}</p>
      </header>
      <div className="compare-grid">
        {shown.map(({ product, liftId }) => (
          <CompareItem key={`${product.id}:${liftId ?? ''}`} product={product} liftId={liftId} locale={locale} />
        ))}
      </div>
    </section>
  );
}

function CompareItem({ product, liftId, locale }: { product: Product; liftId: string | null; locale: Locale }) {
  const { t } = useTranslation();
  const { addToCart } = useShopper();
  const households = product.story.householdsHelped;
  const intro = pickText(product.intro, locale);
  const certs = product.certifications.map((c) => pickText(c, locale)).filter((c) => c !== '');
  return (
    <article className="compare-item" data-testid="compare-item" data-product-id={product.id} data-lift-id={liftId ?? ''}>
      <MediaImage sha={product.images[0]} alt={pickText(product.name, locale)} className="compare-img" />
      <div className="compare-body">
        <h2 className="compare-name" lang={fallbackLang(product.name, locale)}>
          {pickText(product.name, locale)}
        </h2>
        <p className="price">
          <span className="price-value">{formatPrice(product.priceFen)}</span>
          <span className="price-unit">{t('product.perUnit', { unit: pickText(product.unit, locale) })}</span>
        </p>
        {intro !== '' && (
          <p className="compare-intro" lang={fallbackLang(product.intro, locale)}>
            {intro}
          </p>
        )}
        <dl className="facts">
          <div>
            <dt>{t('compare.origin')}</dt>
            <dd lang={fallbackLang(product.origin.county, locale)}>{placeLine(product, locale)}</dd>
          </div>
          <div>
            <dt>{t('compare.pairing')}</dt>
            <dd lang={fallbackLang(product.story.pairing, locale)}>{pickText(product.story.pairing, locale)}</dd>
          </div>
          {households !== undefined && households > 0 && (
            <div>
              <dt>{t('compare.households')}</dt>
              <dd>{t('compare.householdsValue', { n: formatCount(households) })}</dd>
            </div>
          )}
          {certs.length > 0 && (
            <div>
              <dt>{t('compare.certifications')}</dt>
              <dd>{certs.join(' · ')}</dd>
            </div>
          )}
        </dl>
        <button type="button" className="btn btn-primary add-to-cart" data-testid="add-to-cart" data-product-id={product.id} onClick={() => addToCart(product.id)}>
          {t('cart.add')}
        </button>
      </div>
    </article>
  );
}
