import { useMemo } from 'react';
import { ProducerSchema, type Producer } from '../../../../contract/authoring.ts';
import { pickText } from '../../../../contract/locale.ts';
import { EditorFrame } from '../form/EditorFrame.tsx';
import { LocalizedInput, NumberInput, Section, SelectInput, TextInput } from '../form/fields.tsx';
import { SourceFields } from '../form/SourceFields.tsx';
import { useRecordForm } from '../form/use-record-form.ts';
import { PreviewPanel } from '../preview/PreviewPanel.tsx';
import { useApp } from '../shell/app-context.ts';
import { EMPTY_PRODUCER, setOpt } from './record-defaults.ts';

const KINDS = [
  { value: 'co-op', label: '合作社 co-op' },
  { value: 'company', label: '企业 company' },
  { value: 'family-farm', label: '家庭农场 family farm' },
  { value: 'household', label: '农户 household' },
];

export function ProducerEditor({ id }: { id: string | null }) {
  const { catalogue } = useApp();
  const initial = useMemo(() => catalogue.producers.find((x) => x.id === id) ?? EMPTY_PRODUCER, [catalogue.producers, id]);
  const form = useRecordForm({ kind: 'producer', schema: ProducerSchema, initial, originalId: id, idOf: (x: Producer) => x.id });
  const { draft: r, update } = form;
  const set = <K extends keyof Producer>(key: K, value: Producer[K] | undefined) => update((d) => setOpt(d, key, value));
  const draft = useMemo(() => ({ kind: 'producer' as const, record: r, originalId: id }), [r, id]);
  const users = catalogue.products.filter((p) => p.producerId === (id ?? r.id));
  return (
    <EditorFrame
      title={id === null ? '新生产者 · New producer' : `生产者 · ${pickText(initial.name, 'zh-CN')}`}
      subtitle={users.length > 0 ? `用于 ${users.length} 件商品 · used by ${users.map((p) => p.id).join(', ')}` : '尚无商品使用 · no product uses it yet'}
      form={form}
      canDelete={id !== null}
      preview={<PreviewPanel draft={draft} />}
    >
      <Section title="生产者 · Producer">
        <TextInput label="编号 Id" path={['id']} value={r.id} disabled={id !== null} onChange={(v) => set('id', v ?? '')} />
        <SelectInput label="类型 Kind" path={['kind']} value={r.kind} options={KINDS} onChange={(v) => set('kind', (v ?? 'co-op') as Producer['kind'])} />
        <NumberInput label="带动农户 Households" path={['households']} value={r.households} onChange={(v) => set('households', v)} />
        <TextInput label="联系人（仅平台）Contact, platform only" path={['contact']} value={r.contact} onChange={(v) => set('contact', v)} />
        <LocalizedInput label="名称 Name" path={['name']} value={r.name} onChange={(v) => set('name', v ?? { 'zh-CN': '' })} />
        <LocalizedInput label="县区 County" path={['county']} value={r.county} onChange={(v) => set('county', v ?? { 'zh-CN': '' })} />
        <LocalizedInput label="乡镇 Township" path={['township']} value={r.township} optional onChange={(v) => set('township', v)} />
      </Section>
      <Section title="来源 · Source">
        <SourceFields path={['source']} value={r.source} onChange={(v) => set('source', v)} />
      </Section>
    </EditorFrame>
  );
}
