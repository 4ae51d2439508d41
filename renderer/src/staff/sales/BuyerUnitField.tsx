import { useTranslation } from 'react-i18next';
import { BUYER_NAME_MAX, BUYER_UNIT_KINDS } from '../../../../contract/events.ts';
import type { BuyerDraft } from './buyer-unit.ts';

/** Optional group purchase (单位采购): the buying unit's name and, once one is typed, its kind. */
export function BuyerUnitField({ draft, onChange, invalid }: { draft: BuyerDraft; onChange: (next: BuyerDraft) => void; invalid: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="buyer-unit" data-testid="buyer-unit">
      <label className="staff-field">
        {t('sale.buyer.label')}
        <input value={draft.name} maxLength={BUYER_NAME_MAX} placeholder={t('sale.buyer.placeholder')} aria-invalid={invalid} onChange={(e) => onChange({ ...draft, name: e.target.value })} data-testid="buyer-name" />
      </label>
      {invalid ? <p className="staff-msg staff-msg--error" data-testid="buyer-invalid">{t('sale.buyer.invalid', { max: BUYER_NAME_MAX })}</p> : null}
      {draft.name.trim() !== '' ? (
        <div className="role-pick" role="radiogroup" aria-label={t('sale.buyer.kind')}>
          {BUYER_UNIT_KINDS.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={k === draft.kind} className={`staff-btn ${k === draft.kind ? 'is-selected' : ''}`} onClick={() => onChange({ ...draft, kind: k })} data-testid={`buyer-kind-${k}`}>
              {t(`sale.buyer.kinds.${k}`)}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
