import { useTranslation } from 'react-i18next';
import type { SaleReceipt } from '../../../../contract/sales.ts';
import { formatPrice } from '../../state/format.ts';

/** Recent counter sales, newest first: time, receipt number, total, refunded so far. A tap picks one. */
export function RecentSales({ sales, selected, onPick }: { sales: readonly SaleReceipt[] | null; selected: string | null; onPick: (sale: SaleReceipt) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="staff-card">
      <h2>{t('sale.refund.recent')}</h2>
      {sales && sales.length === 0 ? <p>{t('sale.refund.none')}</p> : null}
      <table className="staff-table">
        <tbody>
          {(sales ?? []).map((s) => (
            <tr key={s.saleId} className={s.saleId === selected ? 'is-selected' : ''} onClick={() => onPick(s)} data-testid="refund-sale" data-sale={s.saleId}>
              <td>{new Date(s.createdAt).toLocaleString(i18n.language, { hour12: false })}</td>
              <td className="mono">{s.saleId.slice(0, 8).toUpperCase()}</td>
              <td className="num">{formatPrice(s.totalFen)}</td>
              <td className="num">{s.refundedFen > 0 ? `−${formatPrice(s.refundedFen)}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
