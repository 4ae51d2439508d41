import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentAdminView, InstallProgress } from '../../../../contract/admin-settings.ts';
import type { ContentManifest } from '../../../../contract/content.ts';
import { LocaleSchema } from '../../../../contract/locale.ts';
import { Attract } from '../../shopper/Attract.tsx';
import { staffApi } from '../staff-api.ts';
import { useMessage } from './shared.tsx';

const RUNNING = new Set(['verifying', 'copying', 'activating']);

/** Admin: install a signed package from a folder (USB stick) with a progress bar, roll back, preview the attract loop. */
export function ContentScreen({ content }: { content: ContentManifest | null }) {
  const { t, i18n } = useTranslation();
  const msg = useMessage();
  const [view, setView] = useState<ContentAdminView | null>(null);
  const [progress, setProgress] = useState<InstallProgress | null>(null);
  const [dir, setDir] = useState('');
  const load = useCallback(() => void staffApi.contentAdmin().then((r) => r.ok && setView(r.value)), []);
  useEffect(load, [load]);
  useEffect(() => {
    if (progress === null || !RUNNING.has(progress.state)) return undefined;
    const timer = setTimeout(() => {
      void staffApi.installProgress().then((r) => {
        if (!r.ok) return;
        setProgress(r.value);
        if (r.value.state === 'done') {
          msg.ok(t('staff.content.installed', { version: r.value.version }));
          load();
        } else if (r.value.state === 'failed' && r.value.error) msg.fail({ error: r.value.error.code, message: r.value.error.message });
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [progress, load, msg, t]);
  const install = async (): Promise<void> => {
    msg.clear();
    const r = await staffApi.installFrom(dir.trim());
    if (!r.ok) return msg.fail(r);
    setProgress(r.value);
  };
  const rollback = async (): Promise<void> => {
    const r = await staffApi.rollback();
    if (!r.ok) return msg.fail(r);
    setView(r.value);
    msg.ok(t('staff.content.rolledBack', { version: r.value.active }));
  };
  const locale = LocaleSchema.catch('zh-CN').parse(i18n.language);
  const pct = progress && progress.bytesTotal > 0 ? Math.round((100 * progress.bytesDone) / progress.bytesTotal) : 0;
  return (
    <div className="staff-screen staff-split" data-testid="screen-content">
      <section className="staff-card">
        <h2>{t('staff.content.title')}</h2>
        <p data-testid="content-versions">{t('staff.content.versions', { active: view?.active ?? '—', previous: view?.previous ?? '—' })}</p>
        <label className="staff-field">
          {t('staff.content.folder')}
          <input value={dir} maxLength={4096} placeholder="/media/usb/kiosk-content" onChange={(e) => setDir(e.target.value)} data-testid="install-path" />
        </label>
        <button type="button" className="staff-btn staff-btn--primary" disabled={dir.trim() === '' || (progress !== null && RUNNING.has(progress.state))} onClick={() => void install()} data-testid="install">
          {t('staff.content.install')}
        </button>
        {progress && (
          <p className="install-progress" data-testid="install-progress" data-state={progress.state}>
            <progress value={progress.bytesDone} max={Math.max(1, progress.bytesTotal)} /> {t(`staff.content.states.${progress.state}`)} · {pct}%
          </p>
        )}
        <button type="button" className="staff-btn" disabled={view?.previous === null} onClick={() => void rollback()} data-testid="rollback">
          {t('staff.content.rollback', { version: view?.previous ?? '—' })}
        </button>
        {msg.node}
      </section>
      <section className="staff-card">
        <h2>{t('staff.content.preview')}</h2>
        <div className="attract-preview" data-testid="attract-preview">
          <div className="attract-preview__screen">
            <Attract content={content} locale={locale} />
          </div>
        </div>
      </section>
    </div>
  );
}
