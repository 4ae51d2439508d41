import { useCallback, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { FieldIssue, RecordKind } from '../../../../contract/authoring.ts';
import { deleteRecord, saveRecord, type ApiFailure } from '../api/authoring-api.ts';
import { useApp } from '../shell/app-context.ts';
import { useLeaveGuard } from '../shell/leave-guard.ts';
import { navigate } from '../shell/route.ts';
import { issuesByField, liveServerIssues, validateDraft, valueAt } from './issues.ts';

/** Where a save stands: the stale case offers a reload, the others are messages. */
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'stale' } | { kind: 'failed'; message: string } | { kind: 'blocked'; count: number };

export function failureText(e: ApiFailure): string {
  switch (e.kind) {
    case 'invalid':
      return `服务器拒绝：${e.message} · Refused by the platform`;
    case 'stale':
      return '目录已被他人修改 · The catalogue changed meanwhile';
    case 'forbidden':
      return `没有权限 · Not allowed: ${e.message}`;
    case 'signed-out':
      return '登录已过期，请重新登录 · Signed out: sign in again';
    case 'other':
      return `${e.message}${e.status > 0 ? ` (${e.status})` : ''}`;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/**
 * One record's edit: the draft, its problems as you type (the contract's schema) merged with
 * the server's last 422 issues, and save/delete quoting the catalogue revision it was edited on.
 */
export function useRecordForm<T>(opts: { kind: RecordKind; schema: z.ZodType<T>; initial: T; originalId: string | null; idOf: (record: T) => string }) {
  const { catalogue, reload, notify } = useApp();
  const { kind, schema, originalId, idOf } = opts;
  const [draft, setDraft] = useState<T>(opts.initial);
  const [dirty, setDirty] = useState(false);
  const [server, setServer] = useState<Array<{ issue: FieldIssue; value: string }>>([]);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const clientIssues = useMemo(() => validateDraft(schema, draft), [schema, draft]);
  const issues = useMemo(() => [...clientIssues, ...liveServerIssues(server, draft)], [clientIssues, server, draft]);
  const issueMap = useMemo(() => issuesByField(issues), [issues]);
  useLeaveGuard(dirty);

  const update = useCallback((change: (d: T) => T) => {
    setDraft((d) => change(d));
    setDirty(true);
  }, []);

  const save = useCallback(async () => {
    const parsed = schema.safeParse(draft);
    if (!parsed.success) {
      setState({ kind: 'blocked', count: parsed.error.issues.length });
      return;
    }
    setState({ kind: 'saving' });
    const id = idOf(parsed.data);
    const r = await saveRecord(kind, id, catalogue.revision, parsed.data);
    if (!r.ok) {
      if (r.error.kind === 'invalid') setServer(r.error.issues.map((issue) => ({ issue, value: JSON.stringify(valueAt(draft, issue.path)) })));
      setState(r.error.kind === 'stale' ? { kind: 'stale' } : { kind: 'failed', message: failureText(r.error) });
      return;
    }
    setDirty(false);
    setState({ kind: 'idle' });
    notify(`已保存 ${id} · Saved (revision ${r.value.revision})`, 'ok');
    if (originalId !== id) navigate({ screen: 'edit', kind, id });
    await reload();
  }, [catalogue.revision, draft, idOf, kind, notify, originalId, reload, schema]);

  const remove = useCallback(async () => {
    if (originalId === null) return;
    const r = await deleteRecord(kind, originalId, catalogue.revision);
    if (!r.ok) {
      setState(r.error.kind === 'stale' ? { kind: 'stale' } : { kind: 'failed', message: failureText(r.error) });
      return;
    }
    notify(`已删除 ${originalId} · Deleted`, 'ok');
    navigate(kind === 'product' ? { screen: 'overview' } : { screen: 'list', kind });
    await reload();
  }, [catalogue.revision, kind, notify, originalId, reload]);

  return { draft, update, issues, issueMap, dirty, state, save, remove, reload };
}
