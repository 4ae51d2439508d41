import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../contract/orders.ts';
import { formatPrice } from '../../state/format.ts';
import { parseYuan, yuanText } from './counter-cart.ts';

export interface PaymentState {
  method: PaymentMethod;
  tendered: string;
}

/** How the shopper pays: cash (tendered → change due), QR or card (recorded, taken exactly). */
export function PaymentPanel({ totalFen, state, onChange, onComplete, busy, blocked = false }: { totalFen: number; state: PaymentState; onChange: (next: PaymentState) => void; onComplete: () => void; busy: boolean; /** Something else on the screen must be fixed first. */ blocked?: boolean }) {
  const { t } = useTranslation();
  const tenderedFen = parseYuan(state.tendered);
  const isCash = state.method === 'cash';
  const changeFen = tenderedFen === null ? null : tenderedFen - totalFen;
  const canComplete = totalFen > 0 && !busy && !blocked && (!isCash || (changeFen !== null && changeFen >= 0));
  const quick = [totalFen, ...[5000, 10_000, 20_000].filter((f) => f > totalFen)].slice(0, 3);
  return (
    <section className="staff-card payment" data-testid="payment">
      <p className="total-line">
        <span>{t('sale.total')}</span> <strong data-testid="sale-total">{formatPrice(totalFen)}</strong>
      </p>
      <div className="role-pick" role="radiogroup" aria-label={t('sale.method')}>
        {PAYMENT_METHODS.map((m) => (
          <button key={m} type="button" role="radio" aria-checked={m === state.method} className={`staff-btn ${m === state.method ? 'is-selected' : ''}`} onClick={() => onChange({ ...state, method: m })} data-testid={`method-${m}`}>
            {t(`sale.methods.${m}`)}
          </button>
        ))}
      </div>
      {isCash ? (
        <>
          <label className="staff-field">
            {t('sale.tendered')}
            <input inputMode="decimal" value={state.tendered} onChange={(e) => onChange({ ...state, tendered: e.target.value })} data-testid="tendered" />
          </label>
          <div className="row-actions">
            {quick.map((f, i) => (
              <button key={f} type="button" className="staff-btn" onClick={() => onChange({ ...state, tendered: yuanText(f) })} data-testid={`quick-${i}`}>
                {i === 0 ? t('sale.exact') : formatPrice(f)}
              </button>
            ))}
          </div>
          {changeFen === null ? null : changeFen >= 0 ? (
            <p className="big change-due" data-testid="change-due">
              {t('sale.change')}: <strong>{formatPrice(changeFen)}</strong>
            </p>
          ) : (
            <p className="staff-msg staff-msg--error" data-testid="short">{t('sale.short', { amount: formatPrice(-changeFen) })}</p>
          )}
        </>
      ) : null}
      <button type="button" className="staff-btn staff-btn--primary big" disabled={!canComplete} onClick={onComplete} data-testid="sale-complete">
        {busy ? t('sale.sending') : t('sale.complete')}
      </button>
    </section>
  );
}
