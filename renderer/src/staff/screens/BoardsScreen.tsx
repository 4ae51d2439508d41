import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardRecord, BoardSetupInput, PortInfo } from '../../../../contract/hardware.ts';
import { draftToSetup, EMPTY_DRAFT, identityFromPort, setupToDraft, type BoardDraft, type DraftIssue } from '../board-form.ts';
import { staffApi } from '../staff-api.ts';
import { useMessage } from './shared.tsx';

/**
 * Board set-up for supervisors: the ports found (tap one to use it), the configured boards
 * (confirm an identity, edit, remove) and a form for one board. The form is checked with the
 * contract's schema before sending and the service checks it again; every bad field is named.
 */
export function BoardsScreen() {
  const { t } = useTranslation();
  const msg = useMessage();
  const [ports, setPorts] = useState<PortInfo[]>([]);
  const [boards, setBoards] = useState<BoardRecord[]>([]);
  const [draft, setDraft] = useState<BoardDraft>(EMPTY_DRAFT);
  const [editing, setEditing] = useState<string | null>(null);
  const [issues, setIssues] = useState<DraftIssue[]>([]);
  const load = (): void => {
    void staffApi.ports().then((r) => r.ok && setPorts(r.value.ports));
    void staffApi.boards().then((r) => r.ok && setBoards(r.value.boards));
  };
  useEffect(load, []);
  const set = (patch: Partial<BoardDraft>): void => setDraft((d) => ({ ...d, ...patch }));

  const saveList = async (list: BoardSetupInput[]): Promise<void> => {
    const r = await staffApi.saveBoards(list);
    if (!r.ok) return msg.fail(r);
    msg.ok(t('staff.boards.saved'));
    setDraft(EMPTY_DRAFT);
    setEditing(null);
    load();
  };
  const save = async (): Promise<void> => {
    const parsed = draftToSetup(draft);
    setIssues(parsed.ok ? [] : parsed.issues);
    if (!parsed.ok) return;
    const others = boards.filter((b) => b.setup.boardId !== editing).map((b) => b.setup);
    await saveList([...others, parsed.value]);
  };
  const field = (key: 'boardId' | 'serialNumber' | 'byPath' | 'portPath', label: string) => (
    <label className="staff-field">
      {label}
      <input value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} data-testid={`board-${key}`} />
    </label>
  );

  return (
    <div className="staff-screen staff-split" data-testid="screen-boards">
      <section>
        <h2>{t('staff.boards.ports')}</h2>
        <div className="product-list">
          {ports.length === 0 ? <p>{t('staff.boards.none')}</p> : null}
          {ports.map((p) => (
            <button key={p.path} type="button" className="staff-btn mono" onClick={() => set(identityFromPort(p))}>
              {p.path}
              {p.serialNumber ? ` · ${p.serialNumber}` : ''}
            </button>
          ))}
        </div>
        <h2>{t('staff.boards.configured')}</h2>
        <ul className="plain">
          {boards.length === 0 ? <li>{t('staff.boards.none')}</li> : null}
          {boards.map((b) => (
            <li key={b.setup.boardId} className="board-row">
              <strong>{b.setup.boardId}</strong> · {b.setup.protocol} · {b.confirmed ? t('staff.boards.confirmed') : t('staff.boards.unconfirmed')}
              <span className="row-actions">
                {!b.confirmed ? (
                  <button type="button" className="staff-btn" onClick={() => void staffApi.confirmBoard(b.setup.boardId).then(load)}>
                    {t('staff.boards.confirm')}
                  </button>
                ) : null}
                <button type="button" className="staff-btn" onClick={() => (setDraft(setupToDraft(b.setup)), setEditing(b.setup.boardId))}>
                  {t('staff.boards.edit')}
                </button>
                <button type="button" className="staff-btn" onClick={() => void saveList(boards.filter((x) => x !== b).map((x) => x.setup))}>
                  {t('staff.boards.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="staff-card" data-testid="board-form">
        <h2>{editing ?? t('staff.boards.newBoard')}</h2>
        {field('boardId', t('staff.boards.boardId'))}
        <div className="role-pick">
          {(['shelf-node', 'firmata'] as const).map((p) => (
            <button key={p} type="button" className={`staff-btn ${draft.protocol === p ? 'is-selected' : ''}`} onClick={() => set({ protocol: p })}>
              {p}
            </button>
          ))}
        </div>
        {field('serialNumber', t('staff.boards.serialNumber'))}
        {field('byPath', t('staff.boards.byPath'))}
        {field('portPath', t('staff.boards.portPath'))}
        {draft.protocol === 'shelf-node' ? (
          <div className="role-pick" aria-label={t('staff.boards.rate')}>
            {t('staff.boards.rate')}
            {(['10', '80'] as const).map((r) => (
              <button key={r} type="button" className={`staff-btn ${draft.loadCellRate === r ? 'is-selected' : ''}`} onClick={() => set({ loadCellRate: r })}>
                {r}
              </button>
            ))}
          </div>
        ) : (
          <label className="staff-field">
            {t('staff.boards.slots')}
            <textarea rows={5} value={draft.slots} onChange={(e) => set({ slots: e.target.value })} data-testid="board-slots" />
          </label>
        )}
        {issues.length > 0 ? (
          <div className="staff-msg staff-msg--error" role="alert" data-testid="board-issues">
            {t('staff.boards.issues')}
            <ul>
              {issues.map((i) => (
                <li key={`${i.field}-${i.message}`}>
                  <strong>{i.field}</strong>: {i.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <button type="button" className="staff-btn staff-btn--primary" onClick={() => void save()} data-testid="boards-save">
          {t('staff.boards.save')}
        </button>
        {msg.node}
      </section>
    </div>
  );
}
