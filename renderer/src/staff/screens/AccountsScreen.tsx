import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../contract/staff.ts';
import { PinPad } from '../PinPad.tsx';
import { staffApi } from '../staff-api.ts';
import { useMessage } from './shared.tsx';

/** Supervisors manage staff accounts (admins also admins); the service refuses deleting the last supervisor and a role above the caller's. */
export function AccountsScreen() {
  const { t } = useTranslation();
  const msg = useMessage();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'staff' | 'supervisor' | 'admin'>('staff');
  const [pin, setPin] = useState('');
  const load = (): void => void staffApi.accounts().then((r) => r.ok && setAccounts(r.value.accounts));
  useEffect(load, []);
  const add = async (): Promise<void> => {
    const r = await staffApi.addAccount(name.trim(), role, pin);
    setPin('');
    if (!r.ok) return msg.fail(r);
    msg.ok(t('staff.accounts.added'));
    setName('');
    load();
  };
  const remove = async (id: string): Promise<void> => {
    const r = await staffApi.deleteAccount(id);
    if (!r.ok) return msg.fail(r);
    msg.ok(t('staff.accounts.deleted'));
    load();
  };
  return (
    <div className="staff-screen staff-split" data-testid="screen-accounts">
      <section>
        <h2>{t('staff.accounts.title')}</h2>
        <ul className="plain account-rows">
          {accounts.map((a) => (
            <li key={a.id} data-account={a.name}>
              <strong>{a.name}</strong> · {t(`staff.roles.${a.role}`)}{' '}
              <button type="button" className="staff-btn" onClick={() => void remove(a.id)} data-testid="account-delete">
                {t('staff.accounts.delete')}
              </button>
            </li>
          ))}
        </ul>
        {msg.node}
      </section>
      <section className="staff-card">
        <h2>{t('staff.accounts.add')}</h2>
        <label className="staff-field">
          {t('staff.accounts.name')}
          <input value={name} maxLength={32} onChange={(e) => setName(e.target.value)} data-testid="account-name" />
        </label>
        <div className="role-pick">
          {(['staff', 'supervisor', 'admin'] as const).map((r) => (
            <button key={r} type="button" className={`staff-btn ${r === role ? 'is-selected' : ''}`} onClick={() => setRole(r)}>
              {t(`staff.roles.${r}`)}
            </button>
          ))}
        </div>
        <PinPad label={t('staff.accounts.pin')} value={pin} onChange={setPin} onSubmit={() => void add()} testId="account-pin" />
      </section>
    </div>
  );
}
