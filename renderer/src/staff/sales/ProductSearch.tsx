import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentManifest } from '../../../../contract/content.ts';
import { unitPrice, type PriceBook } from '../../../../contract/orders.ts';
import { formatPrice } from '../../state/format.ts';
import { matches } from '../screens/shared.tsx';

/** Search the catalogue by name in any language or by pinyin initials; a tap adds the product and clears the search. */
export function ProductSearch({ content, book, priceAt, name, onPick }: { content: ContentManifest | null; book: PriceBook | null; priceAt: number; name: (id: string) => string; onPick: (productId: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const found = (content?.products ?? []).filter((p) => query.trim() !== '' && matches(query, Object.values(p.name).filter((n): n is string => typeof n === 'string'))).slice(0, 8);
  return (
    <>
      <label className="staff-field">
        {t('sale.search')}
        <input value={query} onChange={(e) => setQuery(e.target.value)} data-testid="sale-search" />
      </label>
      <div className="product-list">
        {query.trim() !== '' && found.length === 0 ? <p>{t('sale.noMatch')}</p> : null}
        {found.map((p) => (
          <button
            key={p.id}
            type="button"
            className="staff-btn"
            onClick={() => {
              onPick(p.id);
              setQuery('');
            }}
            data-product={p.id}
            data-testid="search-result"
          >
            {name(p.id)} · {formatPrice(book ? unitPrice(book, p, priceAt).priceFen : p.priceFen)}
          </button>
        ))}
      </div>
    </>
  );
}
