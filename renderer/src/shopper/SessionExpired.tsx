import { useTranslation } from 'react-i18next';

/** Shown when the service keeps refusing our socket: the session cookie is gone or stale. */
export function SessionExpired() {
  const { t } = useTranslation();
  return (
    <main className="expired" data-testid="session-expired" role="alert">
      <div className="expired-card">
        <svg viewBox="0 0 64 64" className="expired-icon" aria-hidden="true">
          <circle cx="32" cy="32" r="28" />
          <path d="M32 16v20M32 44v4" />
        </svg>
        <h1>{t('session.expiredTitle')}</h1>
        <p>{t('session.expiredText')}</p>
        <p className="hint">{t('session.expiredHint')}</p>
      </div>
    </main>
  );
}
