import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../styles/sales.css';
import type { ContentManifest } from '../../../../contract/content.ts';
import type { PriceBook } from '../../../../contract/orders.ts';
import type { SaleReceipt } from '../../../../contract/sales.ts';
import { CartTable } from '../sales/CartTable.tsx';
import { buyerOfDraft, NO_BUYER, type BuyerDraft } from '../sales/buyer-unit.ts';
import { BuyerUnitField } from '../sales/BuyerUnitField.tsx';
import { addItem, parseYuan, priceItems, setQuantity, totalOf, type CounterItem } from '../sales/counter-cart.ts';
import { PaymentPanel, type PaymentState } from '../sales/PaymentPanel.tsx';
import { ProductSearch } from '../sales/ProductSearch.tsx';
import { ReceiptView } from '../sales/ReceiptView.tsx';
import { salesApi } from '../sales/sales-api.ts';
import { saleErrorText } from '../sales/sale-errors.ts';
import { useCounterLifts, useScanner } from '../sales/use-counter-input.ts';
import { useMessage, useProductName } from './shared.tsx';

const newSaleId = (): string => crypto.randomUUID();

/**
 * Counter sale: add products by lifting them from the shelf, scanning or searching; pay by
 * cash (change due), QR or card; optionally for a buying unit (a group purchase, 单位采购).
 * The receipt shows only after the service committed the sale.
 * The sale id is chosen here: a request that got no answer is retried with the same id (one
 * sale); after a refusal the next attempt gets a new id.
 */
export function CounterScreen({ content }: { content: ContentManifest | null }) {
  const { t, i18n } = useTranslation();
  const name = useProductName(content);
  const msg = useMessage();
  const [items, setItems] = useState<CounterItem[]>([]);
  const [pay, setPay] = useState<PaymentState>({ method: 'cash', tendered: '' });
  const [buyerDraft, setBuyerDraft] = useState<BuyerDraft>(NO_BUYER);
  const buyer = buyerOfDraft(buyerDraft);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<SaleReceipt | null>(null);
  const saleId = useRef(newSaleId());
  const book: PriceBook | null = useMemo(() => (content ? { version: content.version, products: content.products, campaigns: content.campaigns } : null), [content]);
  // Prices as of the last change to the list (a campaign price can start or end while it is open).
  const [priceAt, setPriceAt] = useState(() => Date.now());
  const lines = useMemo(() => (book ? priceItems(items, book, priceAt) : []), [book, items, priceAt]);
  const total = totalOf(lines);

  const change = useCallback((fn: (prev: CounterItem[]) => CounterItem[]) => {
    setItems(fn);
    setPriceAt(Date.now());
  }, []);
  const add = useCallback((productId: string, n = 1) => change((prev) => addItem(prev, productId, n)), [change]);
  useCounterLifts(add);
  useScanner((code) => {
    const product = content?.products.find((p) => p.barcode === code);
    if (product) add(product.id);
    else msg.error(t('sale.unknownBarcode', { code }));
  });

  const complete = async (): Promise<void> => {
    if (!book || busy || !buyer.ok) return;
    setBusy(true);
    const forUnit = buyer.value ? { buyer: buyer.value } : {};
    const r = await salesApi.sell({ saleId: saleId.current, contentVersion: book.version, lines, method: pay.method, tenderedFen: pay.method === 'cash' ? parseYuan(pay.tendered) : null, ...forUnit });
    setBusy(false);
    if (r.ok) {
      setReceipt(r.value);
      msg.clear();
      return;
    }
    // No answer or a server fault: the sale may be committed; retrying must reuse the id. A refusal wrote nothing.
    if (r.status !== 0 && r.status < 500) saleId.current = newSaleId();
    if (r.error === 'price-changed') setPriceAt(Date.now()); // re-price at the current time
    msg.error(saleErrorText(t, (k) => i18n.exists(k), r));
  };
  const startNew = (): void => {
    setItems([]);
    setPay({ method: 'cash', tendered: '' });
    setBuyerDraft(NO_BUYER);
    setReceipt(null);
    saleId.current = newSaleId();
  };

  if (receipt) return <ReceiptView sale={receipt} name={name} onNew={startNew} />;
  return (
    <div className="staff-screen staff-split counter" data-testid="screen-counter">
      <section className="staff-card">
        <h2>{t('sale.title')}</h2>
        <p className="big scan-hint">{t('sale.scanHint')}</p>
        <CartTable lines={lines} name={name} onQuantity={(id, q) => change((prev) => setQuantity(prev, id, q))} />
        {items.length > 0 ? (
          <button type="button" className="staff-btn" onClick={() => change(() => [])} data-testid="cart-clear">
            {t('sale.clear')}
          </button>
        ) : null}
        <ProductSearch content={content} book={book} priceAt={priceAt} name={name} onPick={add} />
        <BuyerUnitField draft={buyerDraft} onChange={setBuyerDraft} invalid={!buyer.ok} />
      </section>
      <div>
        <PaymentPanel totalFen={total} state={pay} onChange={setPay} onComplete={() => void complete()} busy={busy} blocked={!buyer.ok} />
        {msg.node}
      </div>
    </div>
  );
}
