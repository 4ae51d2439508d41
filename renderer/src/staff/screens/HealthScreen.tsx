import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardwareStatus } from '../../../../contract/hardware.ts';
import { staffApi, type ApiResult } from '../staff-api.ts';
import { LivePlot } from './LivePlot.tsx';
import { usePolled } from './shared.tsx';

const loadHardware = (): Promise<ApiResult<HardwareStatus>> => staffApi.hardware();

function age(at: number | null): string {
  if (at === null) return '—';
  const s = Math.max(0, Math.round((Date.now() - at) / 1000));
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** Boards and load cells: state, last heard, error counters, firmware; a live plot of one load cell. */
export function HealthScreen() {
  const { t } = useTranslation();
  const { data } = usePolled(loadHardware, 2000);
  const [watch, setWatch] = useState<{ boardId: string; channel: number } | null>(null);
  if (data === null) return null;
  const cells = data.boards.flatMap((b) => b.sensors.map((s) => ({ boardId: b.boardId, channel: s.channel, state: s.state })));
  return (
    <div className="staff-screen" data-testid="screen-health">
      <table className="staff-table">
        <thead>
          <tr>
            <th>{t('staff.health.board')}</th>
            <th>{t('staff.health.state')}</th>
            <th>{t('staff.health.heartbeat')}</th>
            <th>{t('staff.health.errors')}</th>
            <th>{t('staff.health.firmware')}</th>
            <th>{t('staff.health.recording')}</th>
          </tr>
        </thead>
        <tbody>
          {data.boards.map((b) => (
            <tr key={b.boardId} data-board={b.boardId}>
              <td>{b.boardId}</td>
              <td className={`state-${b.state}`}>{b.state}</td>
              <td>{age(b.lastEventAt)}</td>
              <td>{b.protocolErrors}</td>
              <td>{b.firmware ?? '—'}</td>
              <td>
                <a href={`/api/support/flight-recording?board=${encodeURIComponent(b.boardId)}`}>{t('staff.health.download')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('staff.health.sensors')}</h2>
      <p>{t('staff.health.pickSlot')}</p>
      <div className="slot-grid">
        {cells.map((c) => (
          <button key={`${c.boardId}-${c.channel}`} type="button" className={`slot-btn ${watch?.boardId === c.boardId && watch.channel === c.channel ? 'is-selected' : ''} sensor-${c.state}`} onClick={() => setWatch({ boardId: c.boardId, channel: c.channel })} data-cell={`${c.boardId}:${c.channel}`}>
            <strong>{c.boardId}</strong>
            <span>
              ch {c.channel} · {c.state}
            </span>
          </button>
        ))}
      </div>
      {watch ? (
        <section className="staff-card">
          <h3>
            {t('staff.health.live')} · {watch.boardId} ch {watch.channel}
          </h3>
          <LivePlot boardId={watch.boardId} channel={watch.channel} label={`${watch.boardId} ch ${watch.channel}`} />
        </section>
      ) : null}
    </div>
  );
}
