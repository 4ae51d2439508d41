import { useTranslation } from 'react-i18next';
import type { SaleReceipt } from '../../../../contract/sales.ts';
import { formatPrice } from '../../state/format.ts';

/** A committed sale's receipt: on screen, and printable (window.print; the print stylesheet shows only this). */
export function ReceiptView({ sale, name, onNew }: { sale: SaleReceipt; name: (id: string) => string; onNew?: () => void }) {
  const { t, i18n } = useTranslation();
  const time = new Date(sale.createdAt).toLocaleString(i18n.language, { hour12: false });
  return (
    <div className="receipt-screen" data-testid="receipt-screen">
      <article className="receipt staff-card" data-testid="receipt" data-sale={sale.saleId}>
        <h2>{t('sale.store')}</h2>
        <h3>{t('sale.receipt')}</h3>
        <dl className="receipt__meta">
          <dt>{t('sale.receiptNo')}</dt>
          <dd className="mono" data-testid="receipt-no">{sale.saleId.slice(0, 8).toUpperCase()}</dd>
          <dt>{t('sale.time')}</dt>
          <dd>{time}</dd>
          <dt>{t('sale.cashier')}</dt>
          <dd>{sale.actorName}</dd>
          {sale.buyer ? (
            <>
              <dt>{t('sale.buyer.receiptLabel')}</dt>
              <dd data-testid="receipt-buyer">
                {sale.buyer.name} · {t(`sale.buyer.kinds.${sale.buyer.kind}`)}
              </dd>
            </>
          ) : null}
        </dl>
        <table className="receipt__lines">
          <tbody>
            {sale.lines.map((l) => (
              <tr key={l.productId}>
                <td>
                  {name(l.productId)}
                  <br />
                  <small>
                    {l.quantity} × {formatPrice(l.unitPriceFen)}
                  </small>
                </td>
                <td className="num">{formatPrice(l.lineTotalFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="receipt__sums">
          {sale.discountFen > 0 ? (
            <>
              <dt>{t('sale.subtotal')}</dt>
              <dd>{formatPrice(sale.subtotalFen)}</dd>
              <dt>{t('sale.discount')}</dt>
              <dd>−{formatPrice(sale.discountFen)}</dd>
            </>
          ) : null}
          <dt>{t('sale.total')}</dt>
          <dd data-testid="receipt-total">{formatPrice(sale.totalFen)}</dd>
          <dt>{t(`sale.methods.${sale.method}`)}</dt>
          <dd data-testid="receipt-tendered">{formatPrice(sale.tenderedFen)}</dd>
          {sale.method === 'cash' ? (
            <>
              <dt>{t('sale.change')}</dt>
              <dd data-testid="receipt-change">{formatPrice(sale.changeFen)}</dd>
            </>
          ) : null}
          {sale.refundedFen > 0 ? (
            <>
              <dt>{t('sale.refunded', { amount: '' })}</dt>
              <dd data-testid="receipt-refunded">−{formatPrice(sale.refundedFen)}</dd>
            </>
          ) : null}
        </dl>
        <p className="receipt__thanks">{t('sale.thanks')}</p>
      </article>
      <div className="row-actions no-print">
        <button type="button" className="staff-btn staff-btn--primary" onClick={() => window.print()} data-testid="receipt-print">
          {t('sale.print')}
        </button>
        {onNew ? (
          <button type="button" className="staff-btn" onClick={onNew} data-testid="sale-new">
            {t('sale.newSale')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
