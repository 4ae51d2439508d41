import { useState, type ReactNode } from 'react';
import type { FieldIssue } from '../../../../contract/authoring.ts';
import { IssuesContext } from './fields.tsx';
import { pathKey } from './issues.ts';
import type { SaveState } from './use-record-form.ts';

interface Props {
  title: string;
  subtitle?: string;
  form: {
    dirty: boolean;
    state: SaveState;
    issues: FieldIssue[];
    issueMap: ReadonlyMap<string, string[]>;
    save: () => Promise<void>;
    remove: () => Promise<void>;
    reload: () => Promise<void>;
  };
  canDelete: boolean;
  children: ReactNode;
  preview?: ReactNode;
}

/** An editor page: title and actions, save problems (stale → reload), the form, and the preview beside it. */
export function EditorFrame({ title, subtitle, form, canDelete, children, preview }: Props) {
  const [confirming, setConfirming] = useState(false);
  const { state, issues } = form;
  return (
    <div className={preview === undefined ? 'editor-page' : 'editor-page with-preview'}>
      <div className="editor">
        <header className="editor-head">
          <div>
            <h1>{title}</h1>
            {subtitle !== undefined && <p className="muted">{subtitle}</p>}
          </div>
          <div className="actions">
            {form.dirty && <span className="badge warn">未保存 Unsaved</span>}
            <span className={`badge ${issues.length === 0 ? 'ok' : 'bad'}`} data-testid="issue-count">
              {issues.length === 0 ? '校验通过 Valid' : `${issues.length} 个问题 issues`}
            </span>
            {canDelete &&
              (confirming ? (
                <>
                  <button type="button" className="btn danger" data-testid="confirm-delete" onClick={() => void form.remove()}>
                    确认删除 Delete
                  </button>
                  <button type="button" className="btn" onClick={() => setConfirming(false)}>
                    取消
                  </button>
                </>
              ) : (
                <button type="button" className="btn" onClick={() => setConfirming(true)}>
                  删除 Delete…
                </button>
              ))}
            <button type="button" className="btn primary" data-testid="save" disabled={state.kind === 'saving'} onClick={() => void form.save()}>
              {state.kind === 'saving' ? '保存中… Saving' : '保存 Save'}
            </button>
          </div>
        </header>
        {state.kind === 'stale' && (
          <div className="banner error" role="alert" data-testid="stale">
            <span>目录已被其他人修改，你的修改未保存。· Someone else changed the catalogue; your change was not saved.</span>
            <button type="button" className="btn" data-testid="reload" onClick={() => void form.reload()}>
              载入最新版本（放弃我的修改）· Reload
            </button>
          </div>
        )}
        {state.kind === 'failed' && (
          <div className="banner error" role="alert" data-testid="save-failed">
            {state.message}
          </div>
        )}
        {state.kind === 'blocked' && (
          <div className="banner error" role="alert" data-testid="save-blocked">
            还有 {state.count} 个字段需要修改 · Fix the fields marked in red first.
            <ul className="issue-list">
              {issues.slice(0, 8).map((i) => (
                <li key={`${pathKey(i.path)}:${i.message}`}>
                  <code>{pathKey(i.path) || '—'}</code> {i.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <IssuesContext.Provider value={form.issueMap}>
          <form className="record-form" onSubmit={(e) => e.preventDefault()} noValidate>
            {children}
          </form>
        </IssuesContext.Provider>
      </div>
      {preview}
    </div>
  );
}
