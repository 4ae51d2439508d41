import { useMemo } from 'react';
import { PairingSchema, type Pairing } from '../../../../contract/authoring.ts';
import { pickText } from '../../../../contract/locale.ts';
import { EditorFrame } from '../form/EditorFrame.tsx';
import { LocalizedInput, NumberInput, Section, TextInput } from '../form/fields.tsx';
import { SourceFields } from '../form/SourceFields.tsx';
import { useRecordForm } from '../form/use-record-form.ts';
import { PreviewPanel } from '../preview/PreviewPanel.tsx';
import { useApp } from '../shell/app-context.ts';
import { EMPTY_PAIRING, setOpt } from './record-defaults.ts';

export function PairingEditor({ id }: { id: string | null }) {
  const { catalogue } = useApp();
  const initial = useMemo(() => catalogue.pairings.find((x) => x.id === id) ?? EMPTY_PAIRING, [catalogue.pairings, id]);
  const form = useRecordForm({ kind: 'pairing', schema: PairingSchema, initial, originalId: id, idOf: (x: Pairing) => x.id });
  const { draft: r, update } = form;
  const set = <K extends keyof Pairing>(key: K, value: Pairing[K] | undefined) => update((d) => setOpt(d, key, value));
  const draft = useMemo(() => ({ kind: 'pairing' as const, record: r, originalId: id }), [r, id]);
  return (
    <EditorFrame
      title={id === null ? '新帮扶关系 · New pairing' : `帮扶关系 · ${pickText(initial.helper, 'zh-CN')} → ${pickText(initial.helped, 'zh-CN')}`}
      form={form}
      canDelete={id !== null}
      preview={<PreviewPanel draft={draft} />}
    >
      <Section title="帮扶关系 · Pairing">
        <TextInput label="编号 Id" path={['id']} value={r.id} disabled={id !== null} onChange={(v) => set('id', v ?? '')} />
        <NumberInput label="开始年份 Since" path={['since']} value={r.since} onChange={(v) => set('since', v)} />
        <LocalizedInput label="帮扶方 Helper（如 深圳市盐田区）" path={['helper']} value={r.helper} onChange={(v) => set('helper', v ?? { 'zh-CN': '' })} />
        <LocalizedInput label="受帮扶方 Helped（如 河源市东源县）" path={['helped']} value={r.helped} onChange={(v) => set('helped', v ?? { 'zh-CN': '' })} />
        <LocalizedInput label="说明 Text" path={['text']} value={r.text} optional multiline onChange={(v) => set('text', v)} />
      </Section>
      <Section title="来源 · Source">
        <SourceFields path={['source']} value={r.source} onChange={(v) => set('source', v)} />
      </Section>
    </EditorFrame>
  );
}
