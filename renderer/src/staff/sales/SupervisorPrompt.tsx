import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffState } from '../../../../contract/staff.ts';
import { PinPad } from '../PinPad.tsx';
import { staffApi } from '../staff-api.ts';
import { errorText } from '../staff-errors.ts';

/**
 * Asks for a supervisor's PIN when the service refused a refund to this session's role (403).
 * A supervisor's sign-in takes over this staff session (server-side), then the action is retried.
 */
export function SupervisorPrompt({ onSignedIn, onCancel }: { onSignedIn: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<StaffState | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void staffApi.state().then((r) => r.ok && setState(r.value));
  }, []);
  const submit = async (): Promise<void> => {
    if (accountId === null) return;
    const r = await staffApi.signIn(accountId, pin);
    setPin('');
    if (r.ok) return onSignedIn();
    setError(r.error === 'bad-pin' ? t('staff.pin.wrongPin') : errorText(t, (k) => i18n.exists(k), r));
  };
  return (
    <section className="staff-card supervisor-prompt" data-testid="supervisor-prompt">
      <p className="staff-msg staff-msg--error" role="alert">{t('sale.refund.needSupervisor')}</p>
      <div className="account-list">
        {(state?.accounts ?? []).map((a) => (
          <button key={a.id} type="button" className={`staff-btn ${a.id === accountId ? 'is-selected' : ''}`} onClick={() => setAccountId(a.id)} data-testid="supervisor-account" data-name={a.name}>
            {a.name}
          </button>
        ))}
      </div>
      <PinPad label={t('staff.pin.enterPin')} value={pin} onChange={setPin} onSubmit={() => void submit()} disabled={accountId === null} testId="supervisor-pad" />
      {error !== null ? <p className="staff-msg staff-msg--error" data-testid="supervisor-error">{error}</p> : null}
      <button type="button" className="staff-btn" onClick={onCancel} data-testid="supervisor-cancel">
        {t('staff.close')}
      </button>
    </section>
  );
}
