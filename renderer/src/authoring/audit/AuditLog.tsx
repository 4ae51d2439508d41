import { useEffect, useState } from 'react';
import { loadAudit, type AuditRow } from '../api/authoring-api.ts';
import { failureText } from '../form/use-record-form.ts';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; rows: AuditRow[] };

const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });

/** The newest 200 audit entries: who changed, published or signed in, and what. */
export function AuditLog() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void loadAudit(200).then((r) => live && setState(r.ok ? { kind: 'ready', rows: r.value } : { kind: 'failed', message: failureText(r.error) }));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="page" data-testid="audit">
      <header className="page-head">
        <h1>审计日志 · Audit log</h1>
        {state.kind === 'ready' && <span className="muted">最新 {state.rows.length} 条 newest entries</span>}
      </header>
      {state.kind === 'loading' && <p className="muted">载入中… Loading</p>}
      {state.kind === 'failed' && (
        <p className="banner error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <table className="list-table audit-table">
          <thead>
            <tr>
              <th>时间 Time (+08:00)</th>
              <th>操作人 Actor</th>
              <th>操作 Action</th>
              <th>对象 Target</th>
              <th>详情 Detail</th>
            </tr>
          </thead>
          <tbody>
            {state.rows.map((r, i) => (
              <tr key={`${r.at}-${i}`} data-action={r.action}>
                <td className="num">{Number.isFinite(r.at) ? TIME.format(r.at) : '—'}</td>
                <td className="clip">{r.actor}</td>
                <td className="mono">{r.action}</td>
                <td className="mono clip">{r.target}</td>
                <td className="mono detail" title={r.detail ?? ''}>
                  {r.detail ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
