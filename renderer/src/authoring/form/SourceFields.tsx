import { z } from 'zod';
import { SourceSchema } from '../../../../contract/content.ts';
import { LocalizedInput, SelectInput, TextInput } from './fields.tsx';

type Source = z.infer<typeof SourceSchema>;
const KINDS = [
  { value: 'article', label: '报道 article（需填来源编号 ref）' },
  { value: 'demo', label: '演示文字 demo（展示屏标“演示内容”）' },
];

/** Where a fact comes from: a seed article, or demo text (shown on kiosks with a demo tag). */
export function SourceFields({ path, value, onChange }: { path: readonly (string | number)[]; value: Source; onChange: (s: Source) => void }) {
  return (
    <>
      <SelectInput label="来源类型 Source kind" path={[...path, 'kind']} value={value.kind} options={KINDS} onChange={(k) => onChange({ ...value, kind: k === 'article' ? 'article' : 'demo' })} />
      <TextInput label="来源编号 Source ref" path={[...path, 'ref']} value={value.ref} onChange={(ref) => onChange({ ...value, ref })} placeholder="article id" />
      <LocalizedInput label="来源说明 Source note" path={[...path, 'note']} value={value.note} optional onChange={(note) => onChange({ ...value, note })} />
    </>
  );
}
