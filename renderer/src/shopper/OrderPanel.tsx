import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../contract/api.ts';
import type { ContentManifest } from '../../../contract/content.ts';
import { pickText, type Locale } from '../../../contract/locale.ts';
import { ordersApi } from '../api/orders-api.ts';
import type { KioskStore } from '../state/kiosk-store.ts';
import { formatPrice } from '../state/format.ts';
import { QrCode } from './QrCode.tsx';
import { useShopper } from './shopper-context.ts';

/** How long the thank-you stays before the screen returns to attract. */
export const THANKS_MS = 8_000;

type Phase = 'offline' | 'waiting' | 'scanned' | 'paid' | 'closed';

function phaseOf(o: OrderView): Phase {
  if (['paid', 'fulfilled'].includes(o.state)) return 'paid';
  if (o.state === 'created' || o.state === 'awaiting-payment') {
    if (o.payUrl === null) return 'offline';
    return o.scanned ? 'scanned' : 'waiting';
  }
  return 'closed';
}

/** The order the shopper made: its QR code to pay on the phone, followed live until paid. */
export function OrderPanel({ store, order, content, locale }: { store: KioskStore; order: OrderView; content: ContentManifest | null; locale: Locale }) {
  const { t } = useTranslation();
  const { send } = useShopper();
  const phase = phaseOf(order);
  useEffect(() => {
    if (phase !== 'paid') return undefined;
    const timer = setTimeout(() => store.resetShopper(), THANKS_MS);
    return () => clearTimeout(timer);
  }, [phase, store]);
  const name = (id: string) => pickText(content?.products.find((p) => p.id === id)?.name, locale) || id;
  const cancel = async (): Promise<void> => {
    await ordersApi.cancel(order.orderId);
    store.resetShopper();
  };
  return (
    <section className="panel order-panel" role="dialog" aria-modal="true" aria-label={t('order.title')} data-testid="order-panel" data-order-id={order.orderId} data-order-state={order.state} data-phase={phase}>
      <header className="panel-head">
        <h2>{t(`order.phase.${phase}`, { state: t(`order.state.${order.state}`) })}</h2>
      </header>
      <div className="order-body">
        {phase === 'paid' ? (
          <div className="order-thanks" data-testid="order-thanks">
            <p className="order-thanks-big">{t('order.thanks')}</p>
            <p>{t('order.thanksSub')}</p>
          </div>
        ) : order.qrSvg !== null && phase !== 'closed' ? (
          <QrCode svg={order.qrSvg} title={t('order.scan')} caption={t('order.scanCaption')} testId="order-qr" onShown={() => order.lines.forEach((l) => send({ type: 'qr-shown', productId: l.productId, kind: 'order' }))} />
        ) : phase === 'offline' ? (
          <div className="order-offline" data-testid="order-offline">
            <p>{t('order.offline')}</p>
            <p className="counter-code" data-testid="counter-code">{order.counterCode}</p>
          </div>
        ) : null}
        <ul className="order-lines">
          {order.lines.map((l) => (
            <li key={l.productId}>
              <span>{name(l.productId)}</span>
              <span>× {l.quantity}</span>
              <span>{formatPrice(l.lineTotalFen)}</span>
            </li>
          ))}
        </ul>
        <p className="cart-total">
          {order.discountFen > 0 && <span className="cart-saving">{t('cart.saving', { amount: formatPrice(order.discountFen) })}</span>}
          <span>{t('cart.total')}</span> <strong data-testid="order-total">{formatPrice(order.totalFen)}</strong>
        </p>
      </div>
      <footer className="panel-actions">
        {phase === 'waiting' || phase === 'scanned' || phase === 'offline' ? (
          <button type="button" className="btn" data-testid="order-cancel" onClick={() => void cancel()}>
            {t('order.cancel')}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" data-testid="order-done" onClick={() => store.resetShopper()}>
            {t('order.done')}
          </button>
        )}
      </footer>
    </section>
  );
}
