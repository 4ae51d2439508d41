import { useEffect, useRef, useState } from 'react';
import { loadKiosks, publish, PublishTargetSchema, type KioskChoice } from '../api/authoring-api.ts';
import { failureText } from '../form/use-record-form.ts';
import { useApp } from '../shell/app-context.ts';

type Kind = 'all' | 'group' | 'kiosk';
type Outcome = { kind: 'idle' } | { kind: 'publishing' } | { kind: 'done'; version: number } | { kind: 'failed'; message: string };

/** Publish the saved catalogue as a signed package to every kiosk, a group, or one kiosk (publisher role). */
export function PublishDialog({ onClose }: { onClose: () => void }) {
  const { catalogue, reload } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<Kind>('all');
  const [group, setGroup] = useState('');
  const [kioskId, setKioskId] = useState('');
  const [kiosks, setKiosks] = useState<KioskChoice[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    let live = true;
    // The kiosk list needs the fleet-admin role; without it the id is typed.
    void loadKiosks().then((r) => live && r.ok && setKiosks(r.value));
    return () => {
      live = false;
      d?.close();
    };
  }, []);
  const target = PublishTargetSchema.safeParse(kind === 'all' ? { kind } : kind === 'group' ? { kind, group: group.trim() } : { kind, kioskId: kioskId.trim() });
  const submit = async (): Promise<void> => {
    if (!target.success) return;
    setOutcome({ kind: 'publishing' });
    const r = await publish(target.data);
    setOutcome(r.ok ? { kind: 'done', version: r.value.version } : { kind: 'failed', message: failureText(r.error) });
    if (r.ok) await reload({ remount: false });
  };
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} data-testid="publish-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>发布 · Publish</h2>
        <p className="muted">
          发布已保存的目录（修订 {catalogue.revision}），签名后发给展示屏；未保存的修改不会发布。· Publishes the saved catalogue (revision {catalogue.revision}); unsaved edits are not included.
        </p>
        <fieldset className="targets">
          <label className="check">
            <input type="radio" name="target" checked={kind === 'all'} data-testid="target-all" onChange={() => setKind('all')} /> 所有展示屏 All kiosks
          </label>
          <label className="check">
            <input type="radio" name="target" checked={kind === 'group'} data-testid="target-group" onChange={() => setKind('group')} /> 一组 A group
            {kind === 'group' && <input value={group} placeholder="hall-a" aria-label="组名 group" data-testid="target-group-name" onChange={(e) => setGroup(e.target.value)} />}
          </label>
          <label className="check">
            <input type="radio" name="target" checked={kind === 'kiosk'} data-testid="target-kiosk" onChange={() => setKind('kiosk')} /> 一台 One kiosk
            {kind === 'kiosk' &&
              (kiosks === null ? (
                <input value={kioskId} placeholder="kiosk id" aria-label="展示屏编号 kiosk id" onChange={(e) => setKioskId(e.target.value)} />
              ) : (
                <select value={kioskId} aria-label="展示屏 kiosk" onChange={(e) => setKioskId(e.target.value)}>
                  <option value="">— 选择 choose —</option>
                  {kiosks.map((k) => (
                    <option key={k.kioskId} value={k.kioskId}>
                      {k.name ?? k.kioskId}
                    </option>
                  ))}
                </select>
              ))}
          </label>
        </fieldset>
        {outcome.kind === 'done' && (
          <p className="banner ok" role="status" data-testid="published">
            已发布版本 {outcome.version} · Published version {outcome.version}
          </p>
        )}
        {outcome.kind === 'failed' && (
          <p className="banner error" role="alert" data-testid="publish-failed">
            {outcome.message}
          </p>
        )}
        <footer className="dialog-foot">
          <button type="button" className="btn" onClick={onClose}>
            关闭 Close
          </button>
          <button type="submit" className="btn primary" data-testid="publish-submit" disabled={!target.success || outcome.kind === 'publishing'}>
            {outcome.kind === 'publishing' ? '发布中… Publishing' : '签名并发布 Sign and publish'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
