import { useTranslation } from 'react-i18next';
import type { ContentManifest } from '../../../../contract/content.ts';
import { useProductName, useStock } from './shared.tsx';

/** Stock per slot, most urgent first; unbound and bound-but-empty slots; expiring batches. */
export function StockScreen({ content }: { content: ContentManifest | null }) {
  const { t } = useTranslation();
  const { stock } = useStock();
  const name = useProductName(content);
  if (stock === null) return null;
  const bound = stock.slots.filter((s) => s.productId !== null);
  const low = bound.filter((s) => s.count === null || s.count <= s.lowAt);
  const unbound = stock.slots.filter((s) => s.productId === null);
  const empty = bound.filter((s) => s.count === 0);
  return (
    <div className="staff-screen" data-testid="screen-stock">
      <h2>{t('staff.stock.lowList')}</h2>
      <table className="staff-table">
        <thead>
          <tr>
            <th>{t('staff.stock.slot')}</th>
            <th>{t('staff.stock.product')}</th>
            <th>{t('staff.stock.count')}</th>
          </tr>
        </thead>
        <tbody>
          {low.map((s) => (
            <tr key={s.slotId} data-slot={s.slotId} className={s.count === 0 ? 'is-empty' : ''}>
              <td>{s.slotId}</td>
              <td>{name(s.productId)}</td>
              <td>
                {s.count ?? t('staff.stock.unknown')}
                {s.offlineChanged ? <em className="tag">{t('staff.stock.offline')}</em> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="staff-columns">
        <section>
          <h3>{t('staff.stock.unbound')}</h3>
          <p data-testid="unbound-slots">{unbound.map((s) => s.slotId).join('、') || t('staff.stock.none')}</p>
        </section>
        <section>
          <h3>{t('staff.stock.emptyBound')}</h3>
          <p>{empty.map((s) => `${s.slotId} ${name(s.productId)}`).join('、') || t('staff.stock.none')}</p>
        </section>
        <section>
          <h3>{t('staff.stock.expiring')}</h3>
          <ul className="plain">
            {stock.expiring.length === 0 ? <li>{t('staff.stock.none')}</li> : null}
            {stock.expiring.map((b) => (
              <li key={`${b.slotId}-${b.batchCode}`}>
                {b.slotId} · {b.batchCode} · {t('staff.stock.bestBefore', { date: b.bestBefore })} · ×{b.count}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
