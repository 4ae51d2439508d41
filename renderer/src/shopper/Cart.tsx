import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentManifest } from '../../../contract/content.ts';
import { pickText, type Locale } from '../../../contract/locale.ts';
import { MAX_QUANTITY, unitPrice, type CartLine } from '../../../contract/orders.ts';
import { ordersApi } from '../api/orders-api.ts';
import type { CartItem } from '../state/cart.ts';
import type { KioskStore } from '../state/kiosk-store.ts';
import { formatPrice } from '../state/format.ts';

/** The cart's lines priced from the active content now (campaign prices included). */
export function pricedCart(content: ContentManifest, cart: readonly CartItem[], at: number): Array<CartLine & { listPriceFen: number; name: ContentManifest['products'][number]['name'] }> {
  const book = { version: content.version, products: content.products, campaigns: content.campaigns };
  return cart.flatMap((item) => {
    const product = content.products.find((p) => p.id === item.productId);
    if (!product) return [];
    return [{ productId: item.productId, quantity: item.quantity, unitPriceFen: unitPrice(book, product, at).priceFen, listPriceFen: product.priceFen, name: product.name }];
  });
}

/** Places an order for these lines and shows it (an order from the cart empties the cart); returns a refusal's code. */
export async function placeOrder(store: KioskStore, content: ContentManifest, lines: CartLine[], locale: Locale, fromCart: boolean): Promise<string | null> {
  const r = await ordersApi.create({ contentVersion: content.version, locale, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceFen: l.unitPriceFen })) });
  if (r.ok) {
    store.showOrder(r.value, fromCart);
    return null;
  }
  return r.error;
}

/** The shopper's cart: change quantities, remove, clear, and order with a phone. */
export function CartPanel({ store, content, cart, locale }: { store: KioskStore; content: ContentManifest; cart: readonly CartItem[]; locale: Locale }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Prices as of opening the cart; the service prices again and refuses a cart whose prices moved.
  const [pricedAt] = useState(() => Date.now());
  const lines = pricedCart(content, cart, pricedAt);
  const total = lines.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0);
  const list = lines.reduce((s, l) => s + l.listPriceFen * l.quantity, 0);
  const order = async (): Promise<void> => {
    setBusy(true);
    setError(await placeOrder(store, content, lines, locale, true));
    setBusy(false);
  };
  return (
    <section className="panel cart-panel" role="dialog" aria-modal="true" aria-label={t('cart.title')} data-testid="cart-panel">
      <header className="panel-head">
        <h2>{t('cart.title')}</h2>
        <button type="button" className="btn" data-testid="cart-close" onClick={() => store.openPanel('none')}>
          {t('cart.close')}
        </button>
      </header>
      {lines.length === 0 ? (
        <p className="panel-empty">{t('cart.empty')}</p>
      ) : (
        <ul className="cart-lines">
          {lines.map((l) => (
            <li key={l.productId} className="cart-line" data-testid="cart-line" data-product-id={l.productId}>
              <span className="cart-name">{pickText(l.name, locale)}</span>
              <span className="cart-price">
                {formatPrice(l.unitPriceFen)}
                {l.unitPriceFen < l.listPriceFen && <s className="cart-list-price">{formatPrice(l.listPriceFen)}</s>}
              </span>
              <span className="stepper">
                <button type="button" className="btn" aria-label={t('cart.less')} data-testid="cart-less" onClick={() => store.setQuantity(l.productId, l.quantity - 1)}>
                  −
                </button>
                <output data-testid="cart-qty">{l.quantity}</output>
                <button type="button" className="btn" aria-label={t('cart.more')} data-testid="cart-more" disabled={l.quantity >= MAX_QUANTITY} onClick={() => store.setQuantity(l.productId, l.quantity + 1)}>
                  +
                </button>
              </span>
              <span className="cart-line-total">{formatPrice(l.unitPriceFen * l.quantity)}</span>
            </li>
          ))}
        </ul>
      )}
      <footer className="panel-foot">
        <p className="cart-total">
          {list > total && <span className="cart-saving">{t('cart.saving', { amount: formatPrice(list - total) })}</span>}
          <span>{t('cart.total')}</span> <strong data-testid="cart-total">{formatPrice(total)}</strong>
        </p>
        {error !== null && (
          <p className="panel-error" role="alert" data-testid="cart-error">
            {t(`cart.errors.${error}`, { defaultValue: t('cart.errors.other') })}
          </p>
        )}
        <div className="panel-actions">
          <button type="button" className="btn" data-testid="cart-clear" disabled={lines.length === 0} onClick={() => store.clearCart()}>
            {t('cart.clear')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="cart-order" disabled={lines.length === 0 || busy} onClick={() => void order()}>
            {busy ? t('cart.ordering') : t('cart.order')}
          </button>
        </div>
      </footer>
    </section>
  );
}
