import { useTranslation } from 'react-i18next';
import type { CartLine } from '../../../../contract/orders.ts';
import { formatPrice } from '../../state/format.ts';

/** The counter's lines: name, unit price, − quantity +, line total, remove. */
export function CartTable({ lines, name, onQuantity }: { lines: readonly CartLine[]; name: (id: string) => string; onQuantity: (productId: string, quantity: number) => void }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <p className="hint" data-testid="cart-empty">{t('sale.empty')}</p>;
  return (
    <table className="staff-table cart-table" data-testid="cart">
      <thead>
        <tr>
          <th>{t('reports.product')}</th>
          <th>{t('sale.unitPrice')}</th>
          <th>{t('sale.qty')}</th>
          <th className="num">{t('sale.lineTotal')}</th>
          <th aria-label={t('sale.remove')} />
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.productId} data-testid="cart-line" data-product={l.productId} data-qty={l.quantity}>
            <td>{name(l.productId)}</td>
            <td className="num">{formatPrice(l.unitPriceFen)}</td>
            <td>
              <span className="stepper stepper--small">
                <button type="button" className="staff-btn" onClick={() => onQuantity(l.productId, l.quantity - 1)} data-testid="qty-minus">−</button>
                <span className="qty" data-testid="qty">{l.quantity}</span>
                <button type="button" className="staff-btn" onClick={() => onQuantity(l.productId, l.quantity + 1)} data-testid="qty-plus">+</button>
              </span>
            </td>
            <td className="num">{formatPrice(l.unitPriceFen * l.quantity)}</td>
            <td>
              <button type="button" className="staff-btn" onClick={() => onQuantity(l.productId, 0)} data-testid="line-remove" aria-label={t('sale.remove')}>×</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
