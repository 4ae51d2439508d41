import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../contract/staff.ts';
import { staffApi, type ApiResult } from '../staff-api.ts';
import { usePolled } from './shared.tsx';

const loadAlerts = (): Promise<ApiResult<{ alerts: Alert[] }>> => staffApi.alerts();

/** Open staff alerts: board lost > 30 s, stuck or noisy sensor, low stock, old unsent backlog. */
export function AlertsScreen() {
  const { t } = useTranslation();
  const { data } = usePolled(loadAlerts, 2000);
  if (data === null) return null;
  return (
    <div className="staff-screen" data-testid="screen-alerts">
      <h2>{t('staff.alerts.title')}</h2>
      {data.alerts.length === 0 ? <p>{t('staff.alerts.none')}</p> : null}
      <ul className="alert-list">
        {data.alerts.map((a) => (
          <li key={a.id} className={`alert alert--${a.kind}`} data-alert={a.kind}>
            <strong>{t(`staff.alerts.kinds.${a.kind}`)}</strong> · {a.subject} · {t('staff.alerts.since', { time: new Date(a.since).toLocaleTimeString() })}
          </li>
        ))}
      </ul>
    </div>
  );
}
