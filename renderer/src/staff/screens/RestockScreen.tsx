import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentManifest } from '../../../../contract/content.ts';
import { MAX_SLOT_COUNT } from '../../../../contract/staff.ts';
import { staffApi } from '../staff-api.ts';
import { SlotPicker, useMessage, useProductName, useShelfPick, useStock } from './shared.tsx';

/** Restock: pick a slot (its LED blinks), put items on — the load cell counts them where there is one — confirm. */
export function RestockScreen({ content }: { content: ContentManifest | null }) {
  const { t } = useTranslation();
  const { stock, reload } = useStock();
  const name = useProductName(content);
  const msg = useMessage();
  const [slotId, setSlotId] = useState<string | null>(null);
  const [led, setLed] = useState<boolean | null>(null);
  const [pending, setPending] = useState(0);
  const [added, setAdded] = useState('1');
  const [batch, setBatch] = useState('');
  const [bestBefore, setBestBefore] = useState('');

  const current = useRef<string | null>(null);
  const pick = useCallback(
    (id: string) => {
      if (current.current === id) return; // putting items on the chosen slot touches it again
      current.current = id;
      setSlotId(id);
      msg.clear();
      void staffApi.select(id).then((r) => setLed(r.ok ? r.value.led : false));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- msg is recreated each render; clear() is stable in effect
    [],
  );
  useShelfPick(pick);
  useEffect(() => () => void staffApi.select(null), []);
  useEffect(() => {
    if (slotId === null) return;
    const timer = setInterval(() => {
      void staffApi.selected().then((r) => {
        if (!r.ok || r.value.slotId !== slotId) return;
        setPending(r.value.pendingCount);
        if (r.value.pendingCount > 0) setAdded(String(r.value.pendingCount));
      });
    }, 400);
    return () => clearInterval(timer);
  }, [slotId]);

  const confirm = async (): Promise<void> => {
    if (slotId === null) return;
    const r = await staffApi.restock({ slotId, added: Number(added), ...(batch.trim() ? { batchCode: batch.trim() } : {}), ...(bestBefore ? { bestBefore } : {}) });
    if (!r.ok) return msg.fail(r);
    msg.ok(t('staff.restock.done', { slot: slotId, count: r.value.count ?? 0 }));
    setPending(0);
    reload();
  };
  const step = (d: number): void => setAdded(String(Math.max(0, Math.min(MAX_SLOT_COUNT, (Number(added) || 0) + d))));
  const slot = stock?.slots.find((s) => s.slotId === slotId);

  return (
    <div className="staff-screen staff-split" data-testid="screen-restock">
      <section>
        <h2>{t('staff.restock.pick')}</h2>
        {stock ? <SlotPicker slots={stock.slots} selected={slotId} onPick={pick} name={name} /> : null}
      </section>
      {slot ? (
        <section className="staff-card" data-testid="restock-form" data-slot={slot.slotId}>
          <h2>
            {slot.slotId} · {name(slot.productId)}
          </h2>
          <p data-testid="restock-led" data-led={led ? 'on' : 'off'}>{led ? <><span className="lamp" aria-hidden="true" /> {t('staff.restock.led')}</> : t('staff.restock.noLed')}</p>
          <p className="big" data-testid="restock-count">
            {t('staff.stock.count')}: {slot.count ?? t('staff.stock.unknown')}
          </p>
          {pending > 0 ? <p className="staff-msg staff-msg--ok" data-testid="load-cell-count">{t('staff.restock.loadCell', { n: pending })}</p> : null}
          <label className="staff-field">
            {t('staff.restock.added')}
            <span className="stepper">
              <button type="button" className="staff-btn" onClick={() => step(-1)}>−</button>
              <input inputMode="numeric" value={added} onChange={(e) => setAdded(e.target.value.replace(/[^\d-]/g, ''))} data-testid="restock-added" />
              <button type="button" className="staff-btn" onClick={() => step(1)}>+</button>
            </span>
          </label>
          <label className="staff-field">
            {t('staff.restock.batch')}
            <input value={batch} maxLength={32} onChange={(e) => setBatch(e.target.value)} data-testid="restock-batch" />
          </label>
          <label className="staff-field">
            {t('staff.restock.bestBefore')}
            <input type="date" value={bestBefore} onChange={(e) => setBestBefore(e.target.value)} data-testid="restock-best-before" />
          </label>
          <button type="button" className="staff-btn staff-btn--primary" onClick={() => void confirm()} data-testid="restock-confirm">
            {t('staff.restock.confirm')}
          </button>
          {msg.node}
        </section>
      ) : null}
    </div>
  );
}
