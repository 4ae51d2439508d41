import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalibrationHistory, CalibrationState } from '../../../../contract/staff.ts';
import { staffApi } from '../staff-api.ts';
import type { ContentManifest } from '../../../../contract/content.ts';
import { SlotPicker, useMessage, useProductName, useStock } from './shared.tsx';

/** Calibration wizard: empty → tare → known weight → verify → save. The service refuses unsteady or unchanged readings. */
export function CalibrationScreen({ content }: { content: ContentManifest | null }) {
  const { t, i18n } = useTranslation();
  const { stock } = useStock();
  const name = useProductName(content);
  const msg = useMessage();
  const [slotId, setSlotId] = useState<string | null>(null);
  const [cal, setCal] = useState<CalibrationState | null>(null);
  const [known, setKnown] = useState('500');
  const [history, setHistory] = useState<CalibrationHistory | null>(null);
  useEffect(() => {
    if (slotId === null) return;
    void staffApi.calibrationHistory(slotId).then((r) => r.ok && setHistory(r.value));
  }, [slotId, cal]);

  const run = async (step: 'tare' | 'weigh' | 'save' | 'cancel'): Promise<void> => {
    if (slotId === null) return;
    msg.clear();
    const r = await staffApi.calibrate(slotId, step, step === 'weigh' ? Number(known) : undefined);
    if (!r.ok) return msg.fail(r);
    setCal(r.value.step === 'saved' || r.value.step === 'empty' ? null : r.value);
    if (r.value.step === 'saved') msg.ok(t('staff.cal.saved'));
  };
  const step = cal?.step ?? 'empty';
  return (
    <div className="staff-screen staff-split" data-testid="screen-calibrate">
      <section>
        <h2>{t('staff.cal.pick')}</h2>
        {stock ? (
          <SlotPicker
            slots={stock.slots}
            selected={slotId}
            onPick={(id) => {
              setSlotId(id);
              setCal(null);
              msg.clear();
            }}
            name={name}
            filter={(s) => s.loadCell}
          />
        ) : null}
      </section>
      {slotId !== null ? (
        <section className="staff-card" data-testid="cal-form" data-step={step}>
          <h2>{slotId}</h2>
          <ol className="cal-steps">
            <li className={step === 'empty' ? 'is-current' : ''}>
              {t('staff.cal.step1')}
              <button type="button" className="staff-btn staff-btn--primary" onClick={() => void run('tare')} data-testid="cal-tare">
                {t('staff.cal.tare')}
              </button>
              {cal?.zeroGrams != null ? <span> {t('staff.cal.zero', { g: cal.zeroGrams.toFixed(1) })}</span> : null}
            </li>
            <li className={step === 'tared' ? 'is-current' : ''}>
              {t('staff.cal.step2')}
              <label className="staff-field">
                {t('staff.cal.known')}
                <input inputMode="decimal" value={known} onChange={(e) => setKnown(e.target.value.replace(/[^\d.]/g, ''))} data-testid="cal-known" />
              </label>
              <button type="button" className="staff-btn staff-btn--primary" disabled={step === 'empty'} onClick={() => void run('weigh')} data-testid="cal-weigh">
                {t('staff.cal.weigh')}
              </button>
            </li>
            <li className={step === 'weighed' ? 'is-current' : ''}>
              {t('staff.cal.step3')}
              {cal?.step === 'weighed' && cal.loadedGrams !== null && cal.zeroGrams !== null ? (
                <p data-testid="cal-measured">{t('staff.cal.measured', { m: (cal.loadedGrams - cal.zeroGrams).toFixed(1), k: cal.knownGrams ?? 0, f: (cal.factor ?? 0).toFixed(4) })}</p>
              ) : null}
              <button type="button" className="staff-btn staff-btn--primary" disabled={step !== 'weighed'} onClick={() => void run('save')} data-testid="cal-save">
                {t('staff.cal.save')}
              </button>
              <button type="button" className="staff-btn" onClick={() => void run('cancel')}>
                {t('staff.cal.cancel')}
              </button>
            </li>
          </ol>
          {msg.node}
          <h3>{t('staff.cal.history')}</h3>
          <ul className="plain" data-testid="cal-history">
            {history?.slotId === slotId && history.entries.length > 0 ? (
              history.entries.map((e) => <li key={e.savedAt}>{t('staff.cal.drift', { zero: e.zeroGrams.toFixed(1), factor: e.factor.toFixed(4), when: new Date(e.savedAt).toLocaleString(i18n.language) })}</li>)
            ) : (
              <li>{t('staff.cal.noHistory')}</li>
            )}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
