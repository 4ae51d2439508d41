import { useMemo } from 'react';
import { BatchSchema, batchKey, type Batch } from '../../../../contract/authoring.ts';
import { pickText } from '../../../../contract/locale.ts';
import { EditorFrame } from '../form/EditorFrame.tsx';
import { LocalizedInput, NumberInput, Section, SelectInput, TextInput } from '../form/fields.tsx';
import { SourceFields } from '../form/SourceFields.tsx';
import { useRecordForm } from '../form/use-record-form.ts';
import { PreviewPanel } from '../preview/PreviewPanel.tsx';
import { useApp } from '../shell/app-context.ts';
import { emptyBatch, setOpt } from './record-defaults.ts';

type Inspection = NonNullable<Batch['inspection']>;
const NEW_INSPECTION: Inspection = { agency: { 'zh-CN': '' }, date: '', result: 'pending' };
const RESULTS = [
  { value: 'pass', label: '合格 pass' },
  { value: 'fail', label: '不合格 fail' },
  { value: 'pending', label: '待检 pending' },
];

/** A batch (id `productId/code`): harvest, packing, quantity and its inspection record. */
export function BatchEditor({ id }: { id: string | null }) {
  const { catalogue } = useApp();
  const initial = useMemo(() => catalogue.batches.find((b) => batchKey(b) === id) ?? emptyBatch(catalogue.products[0]?.id ?? ''), [catalogue, id]);
  const form = useRecordForm({ kind: 'batch', schema: BatchSchema, initial, originalId: id, idOf: (b: Batch) => batchKey(b) });
  const { draft: b, update } = form;
  const set = <K extends keyof Batch>(key: K, value: Batch[K] | undefined) => update((d) => setOpt(d, key, value));
  const insp = b.inspection;
  const setInsp = <K extends keyof Inspection>(key: K, value: Inspection[K] | undefined) =>
    update((d) => ({ ...d, inspection: setOpt<Inspection, K>(d.inspection ?? NEW_INSPECTION, key, value) }));
  const draft = useMemo(() => ({ kind: 'batch' as const, record: b, originalId: id }), [b, id]);
  const products = catalogue.products.map((p) => ({ value: p.id, label: `${pickText(p.name, 'zh-CN')} (${p.id})` }));
  return (
    <EditorFrame title={id === null ? '新批次 · New batch' : `批次 · ${id}`} form={form} canDelete={id !== null} preview={<PreviewPanel draft={draft} />}>
      <Section title="批次 · Batch">
        <SelectInput label="商品 Product" path={['productId']} value={b.productId} options={products} onChange={(v) => id === null && set('productId', v ?? '')} />
        <TextInput label="批次号 Code" path={['code']} value={b.code} disabled={id !== null} onChange={(v) => set('code', v ?? '')} />
        <SelectInput
          label="生产者 Producer"
          path={['producerId']}
          value={b.producerId}
          none="— 同商品 as the product —"
          options={catalogue.producers.map((x) => ({ value: x.id, label: pickText(x.name, 'zh-CN') }))}
          onChange={(v) => set('producerId', v)}
        />
        <TextInput type="date" label="采收日期 Harvest date" path={['harvestDate']} value={b.harvestDate} onChange={(v) => set('harvestDate', v ?? '')} />
        <TextInput type="date" label="包装日期 Packed" path={['packedDate']} value={b.packedDate} onChange={(v) => set('packedDate', v)} />
        <NumberInput
          label="数量 Quantity"
          path={['quantity', 'value']}
          value={b.quantity?.value}
          onChange={(v) => set('quantity', v === undefined ? undefined : { value: v, unit: b.quantity?.unit ?? { 'zh-CN': '' } })}
        />
        {b.quantity !== undefined && <LocalizedInput label="数量单位 Quantity unit（如 公斤）" path={['quantity', 'unit']} value={b.quantity.unit} onChange={(u) => set('quantity', { value: b.quantity?.value ?? 0, unit: u ?? { 'zh-CN': '' } })} />}
        <LocalizedInput label="备注 Notes" path={['notes']} value={b.notes} optional multiline onChange={(v) => set('notes', v)} />
      </Section>
      <Section
        title="检测记录 · Inspection"
        aside={
          <label className="legend-toggle">
            <input type="checkbox" checked={insp !== undefined} onChange={(e) => set('inspection', e.target.checked ? NEW_INSPECTION : undefined)} /> 有检测记录 recorded
          </label>
        }
      >
        {insp !== undefined && (
          <>
            <TextInput type="date" label="检测日期 Date" path={['inspection', 'date']} value={insp.date} onChange={(v) => setInsp('date', v ?? '')} />
            <SelectInput label="结果 Result" path={['inspection', 'result']} value={insp.result} options={RESULTS} onChange={(v) => setInsp('result', (v ?? 'pending') as Inspection['result'])} />
            <TextInput label="报告编号 Report no." path={['inspection', 'reportNo']} value={insp.reportNo} onChange={(v) => setInsp('reportNo', v)} />
            <LocalizedInput label="检测机构 Agency" path={['inspection', 'agency']} value={insp.agency} onChange={(v) => setInsp('agency', v ?? { 'zh-CN': '' })} />
          </>
        )}
      </Section>
      <Section title="来源 · Source">
        <SourceFields path={['source']} value={b.source} onChange={(v) => set('source', v)} />
      </Section>
    </EditorFrame>
  );
}
