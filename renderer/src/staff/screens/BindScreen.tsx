import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentManifest } from '../../../../contract/content.ts';
import { ScanDetector } from '../scanner.ts';
import { staffApi } from '../staff-api.ts';
import { matches, SlotPicker, useMessage, useProductName, useShelfPick, useStock } from './shared.tsx';

/** Scan-to-bind: pick a slot, scan the product's barcode (or search); the shopper sees it from the next lift. */
export function BindScreen({ content }: { content: ContentManifest | null }) {
  const { t } = useTranslation();
  const { stock, reload } = useStock();
  const name = useProductName(content);
  const msg = useMessage();
  const [slotId, setSlotId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const detector = useRef(new ScanDetector());
  const slotRef = useRef<string | null>(null);
  useEffect(() => {
    slotRef.current = slotId;
  }, [slotId]);

  const pick = useCallback((id: string) => setSlotId(id), []);
  useShelfPick(pick);

  const bind = useCallback(
    async (by: { barcode: string } | { productId: string }) => {
      const slot = slotRef.current;
      if (slot === null) return;
      const r = await staffApi.bind(slot, by);
      if (!r.ok) return msg.fail(r);
      msg.ok(t('staff.bind.bound', { slot, product: name(r.value.productId) }));
      reload();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- msg/name are per-render helpers
    [reload, t],
  );

  useEffect(() => {
    // The key's own time stamp (when the scanner sent it), not when the page handled it: a
    // busy page that handles a burst of queued keys late must still see a scanner's pace.
    const onKey = (e: KeyboardEvent): void => {
      const code = detector.current.key(e.key, e.timeStamp);
      if (code === null) return;
      e.preventDefault();
      setQuery('');
      void bind({ barcode: code });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [bind]);

  const products = useMemo(() => (content?.products ?? []).filter((p) => matches(query, Object.values(p.name).filter((n): n is string => typeof n === 'string'))), [content, query]);
  const slot = stock?.slots.find((s) => s.slotId === slotId);
  return (
    <div className="staff-screen staff-split" data-testid="screen-bind">
      <section>
        <h2>{t('staff.bind.pick')}</h2>
        {stock ? <SlotPicker slots={stock.slots} selected={slotId} onPick={pick} name={name} /> : null}
      </section>
      {slot ? (
        <section className="staff-card" data-testid="bind-form" data-slot={slot.slotId}>
          <h2>{slot.slotId}</h2>
          <p data-testid="bind-current">{t('staff.bind.current', { product: name(slot.productId) })}</p>
          <p className="big scan-hint">{t('staff.bind.scanHint')}</p>
          {msg.node}
          <label className="staff-field">
            {t('staff.bind.search')}
            <input value={query} onChange={(e) => setQuery(e.target.value)} data-testid="bind-search" />
          </label>
          <div className="product-list">
            {products.length === 0 ? <p>{t('staff.bind.noMatch')}</p> : null}
            {products.slice(0, 12).map((p) => (
              <button key={p.id} type="button" className="staff-btn" onClick={() => void bind({ productId: p.id })} data-product={p.id}>
                {name(p.id)}
              </button>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
