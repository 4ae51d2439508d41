import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffState } from '../../../contract/staff.ts';
import { PinPad } from './PinPad.tsx';
import { staffApi } from './staff-api.ts';
import { errorText } from './staff-errors.ts';

/** Pick your name, type your PIN; a lockout shows the remaining wait, counting down. */
export function SignIn({ state, onSignedIn, onFirstSetup }: { state: StaffState; onSignedIn: () => void; onFirstSetup: () => void }) {
  const { t, i18n } = useTranslation();
  const [accountId, setAccountId] = useState<string | null>(state.accounts.length === 1 ? (state.accounts[0]?.id ?? null) : null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState(0);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (lockedUntil <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [lockedUntil, now]);
  const waitS = Math.ceil(Math.max(0, lockedUntil - now) / 1000);

  const submit = async (): Promise<void> => {
    if (accountId === null) return;
    const r = await staffApi.signIn(accountId, pin);
    setPin('');
    if (r.ok) return onSignedIn();
    if (r.retryAfterMs !== undefined && r.retryAfterMs > 0) {
      setLockedUntil(Date.now() + r.retryAfterMs);
      setNow(Date.now());
      setError(null);
    } else setError(r.error === 'bad-pin' ? t('staff.pin.wrongPin') : errorText(t, (k) => i18n.exists(k), r));
  };

  if (state.setupCode !== null) {
    return (
      <section className="staff-card" data-testid="staff-no-accounts">
        <h2>{t('staff.pin.noAccounts')}</h2>
        <button type="button" className="staff-btn staff-btn--primary" onClick={onFirstSetup} data-testid="first-setup">
          {t('staff.pin.firstSetup')}
        </button>
      </section>
    );
  }
  return (
    <section className="staff-signin" data-testid="staff-signin">
      <div className="staff-card">
        <h2>{t('staff.pin.pickAccount')}</h2>
        <div className="account-list">
          {state.accounts.map((a) => (
            <button key={a.id} type="button" className={`staff-btn account ${a.id === accountId ? 'is-selected' : ''}`} onClick={() => setAccountId(a.id)} data-testid="account">
              {a.name}
            </button>
          ))}
        </div>
      </div>
      <div className="staff-card">
        <PinPad label={t('staff.pin.enterPin')} value={pin} onChange={setPin} onSubmit={() => void submit()} disabled={accountId === null || waitS > 0} />
        {waitS > 0 ? (
          <p className="staff-msg staff-msg--error" role="alert" data-testid="lockout">
            {t('staff.pin.locked', { s: waitS })}
          </p>
        ) : error !== null ? (
          <p className="staff-msg staff-msg--error" role="alert" data-testid="signin-error">
            {error}
          </p>
        ) : null}
      </div>
    </section>
  );
}
