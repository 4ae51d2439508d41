import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZONES, type AdminSettings, type AdminSettingsView } from '../../../../contract/admin-settings.ts';
import { LOCALES } from '../../../../contract/locale.ts';
import { staffApi } from '../staff-api.ts';
import { useMessage } from './shared.tsx';

const IDLE_CHOICES = [30_000, 60_000, 120_000, 300_000];
const STAFF_IDLE_CHOICES = [60_000, 120_000, 300_000, 900_000];
/** The usual choices plus the current value when it is another one (set by the environment or an older kiosk), in order. */
const withCurrent = (choices: number[], current: number) => (choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b));

/** One setting as a row of choices; a value set by the environment is shown but locked. */
function Choice<T extends string | number>({ label, value, choices, locked, text, onPick, testId }: { label: string; value: T; choices: readonly T[]; locked: boolean; text: (v: T) => string; onPick: (v: T) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="staff-field" data-testid={testId}>
      <span>
        {label}
        {locked ? ` · ${t('staff.admin.locked')}` : ''}
      </span>
      <div className="role-pick">
        {choices.map((c) => (
          <button key={String(c)} type="button" disabled={locked} className={`staff-btn ${c === value ? 'is-selected' : ''}`} onClick={() => onPick(c)} data-value={String(c)}>
            {text(c)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Admin: display and orientation, language, idle times, hall zone, platform and enrolment. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const msg = useMessage();
  const [view, setView] = useState<AdminSettingsView | null>(null);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  useEffect(() => {
    void staffApi.settings().then((r) => {
      if (!r.ok) return;
      setView(r.value);
      setUrl(r.value.values.platformUrl);
    });
  }, []);
  if (view === null) return null;
  const v = view.values;
  const locked = (k: keyof AdminSettings) => view.sources[k] === 'env';
  const save = async (patch: Partial<AdminSettings>): Promise<void> => {
    const r = await staffApi.saveSettings(patch);
    if (!r.ok) return msg.fail(r);
    setView(r.value);
    msg.ok(r.value.restartNeeded ? t('staff.admin.savedRestart') : t('staff.admin.saved'));
  };
  const enrol = async (): Promise<void> => {
    const r = await staffApi.enrol(code.trim());
    setCode('');
    if (!r.ok) return msg.fail(r);
    msg.ok(t(r.value.restartNeeded ? 'staff.admin.enrolledRestart' : 'staff.admin.enrolled', { id: r.value.kioskId }));
  };
  const secs = (ms: number) => t('staff.admin.seconds', { n: Math.round(ms / 1000) });
  return (
    <div className="staff-screen staff-split" data-testid="screen-settings">
      <section className="staff-card">
        <h2>{t('staff.admin.display')}</h2>
        <Choice testId="set-orientation" label={t('staff.admin.orientation')} value={v.orientation} choices={['auto', 'portrait', 'landscape'] as const} locked={locked('orientation')} text={(o) => t(`staff.admin.orientations.${o}`)} onPick={(o) => void save({ orientation: o })} />
        <Choice testId="set-display" label={t('staff.admin.displayIndex')} value={v.displayIndex} choices={[0, 1, 2, 3]} locked={locked('displayIndex')} text={(n) => t('staff.admin.displayN', { n: n + 1 })} onPick={(n) => void save({ displayIndex: n })} />
        <Choice testId="set-locale" label={t('staff.admin.locale')} value={v.defaultLocale} choices={LOCALES} locked={locked('defaultLocale')} text={(l) => t(`staff.admin.locales.${l}`)} onPick={(l) => void save({ defaultLocale: l })} />
        <Choice testId="set-idle" label={t('staff.admin.idle')} value={v.idleMs} choices={withCurrent(IDLE_CHOICES, v.idleMs)} locked={locked('idleMs')} text={secs} onPick={(n) => void save({ idleMs: n })} />
        <Choice testId="set-staff-idle" label={t('staff.admin.staffIdle')} value={v.staffIdleMs} choices={withCurrent(STAFF_IDLE_CHOICES, v.staffIdleMs)} locked={locked('staffIdleMs')} text={secs} onPick={(n) => void save({ staffIdleMs: n })} />
        <Choice testId="set-zone" label={t('staff.admin.zone')} value={v.zone} choices={ZONES} locked={locked('zone')} text={(z) => t(`staff.admin.zones.${z}`)} onPick={(z) => void save({ zone: z })} />
        {msg.node}
      </section>
      <section className="staff-card">
        <h2>{t('staff.admin.platform')}</h2>
        <label className="staff-field">
          {t('staff.admin.platformUrl')}
          {locked('platformUrl') ? ` · ${t('staff.admin.locked')}` : ''}
          <input value={url} disabled={locked('platformUrl')} maxLength={512} placeholder="https://" onChange={(e) => setUrl(e.target.value)} data-testid="platform-url" />
        </label>
        <button type="button" className="staff-btn" disabled={locked('platformUrl')} onClick={() => void save({ platformUrl: url.trim() })} data-testid="save-url">
          {t('staff.admin.save')}
        </button>
        <label className="staff-field">
          {t('staff.admin.enrolCode')}
          <input value={code} maxLength={128} autoComplete="off" onChange={(e) => setCode(e.target.value)} data-testid="enrol-code" />
        </label>
        <button type="button" className="staff-btn staff-btn--primary" disabled={code.trim().length < 8} onClick={() => void enrol()} data-testid="enrol">
          {t('staff.admin.enrol')}
        </button>
      </section>
    </div>
  );
}
