import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_MIN_DIGITS } from '../../../contract/staff.ts';
import { PinPad } from './PinPad.tsx';
import { staffApi } from './staff-api.ts';
import { errorText } from './staff-errors.ts';

type Step = 'code' | 'pin' | 'again';

/** First start: the one-time code (shown here and on the terminal), a name, a PIN twice → the first account, an admin (docs/kiosk-admin.md). */
export function FirstSetup({ setupCode, onDone }: { setupCode: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>('code');
  const [code, setCode] = useState('');
  const [name, setName] = useState(t('staff.setup.defaultName'));
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);

  const next = async (): Promise<void> => {
    setError(null);
    if (step === 'code') return setStep('pin');
    if (step === 'pin') {
      if (pin.length < PIN_MIN_DIGITS) {
        setPin('');
        return setError(t('staff.setup.short'));
      }
      return setStep('again');
    }
    if (again !== pin) {
      setAgain('');
      setPin('');
      setStep('pin');
      return setError(t('staff.setup.mismatch'));
    }
    const r = await staffApi.firstSetup(code, name.trim(), pin);
    if (r.ok) return onDone();
    setError(errorText(t, (k) => i18n.exists(k), r));
    setStep('code');
    setCode('');
    setPin('');
    setAgain('');
  };

  const pad =
    step === 'code' ? (
      <PinPad label={t('staff.setup.enterCode')} value={code} onChange={setCode} onSubmit={() => void next()} masked={false} maxLength={8} testId="setup-code-pad" />
    ) : step === 'pin' ? (
      <PinPad label={t('staff.setup.pin')} value={pin} onChange={setPin} onSubmit={() => void next()} testId="setup-pin-pad" />
    ) : (
      <PinPad label={t('staff.setup.pinAgain')} value={again} onChange={setAgain} onSubmit={() => void next()} testId="setup-again-pad" />
    );
  return (
    <section className="staff-signin" data-testid="first-setup-screen">
      <div className="staff-card">
        <h2>{t('staff.setup.title')}</h2>
        <p>{t('staff.setup.intro')}</p>
        <p className="setup-code">
          {t('staff.setup.code')}: <strong data-testid="setup-code">{setupCode}</strong>
        </p>
        <label className="staff-field">
          {t('staff.setup.name')}
          <input value={name} maxLength={32} onChange={(e) => setName(e.target.value)} data-testid="setup-name" />
        </label>
      </div>
      <div className="staff-card">
        {pad}
        {error !== null ? (
          <p className="staff-msg staff-msg--error" role="alert" data-testid="setup-error">
            {error}
          </p>
        ) : null}
      </div>
    </section>
  );
}
