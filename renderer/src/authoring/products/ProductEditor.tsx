import { useMemo } from 'react';
import { ProductSchema, type Product } from '../../../../contract/content.ts';
import { pickText } from '../../../../contract/locale.ts';
import { EditorFrame } from '../form/EditorFrame.tsx';
import { LocalizedInput, NumberInput, Section, SelectInput, TextInput, YuanInput } from '../form/fields.tsx';
import { SourceFields } from '../form/SourceFields.tsx';
import { useRecordForm } from '../form/use-record-form.ts';
import { PreviewPanel } from '../preview/PreviewPanel.tsx';
import { setOpt } from '../records/record-defaults.ts';
import { useApp } from '../shell/app-context.ts';
import { CertificationsField, FiguresField, ImagesField } from './ProductLists.tsx';

const EMPTY_PRODUCT: Product = {
  id: '',
  name: { 'zh-CN': '' },
  unit: { 'zh-CN': '' },
  priceFen: Number.NaN,
  intro: { 'zh-CN': '' },
  origin: { county: { 'zh-CN': '' } },
  story: { pairing: { 'zh-CN': '' }, text: { 'zh-CN': '' }, source: { kind: 'demo' } },
  certifications: [],
  images: [],
};

/** The product editor: every field the shopper page shows, in the three locales, beside the live preview. */
export function ProductEditor({ id }: { id: string | null }) {
  const { catalogue } = useApp();
  const initial = useMemo(() => catalogue.products.find((p) => p.id === id) ?? EMPTY_PRODUCT, [catalogue.products, id]);
  const form = useRecordForm({ kind: 'product', schema: ProductSchema, initial, originalId: id, idOf: (p: Product) => p.id });
  const { draft: p, update } = form;
  const set = <K extends keyof Product>(key: K, value: Product[K] | undefined) => update((d) => setOpt(d, key, value));
  const setOrigin = <K extends keyof Product['origin']>(key: K, value: Product['origin'][K] | undefined) => update((d) => ({ ...d, origin: setOpt(d.origin, key, value) }));
  const setStory = <K extends keyof Product['story']>(key: K, value: Product['story'][K] | undefined) => update((d) => ({ ...d, story: setOpt(d.story, key, value) }));
  const producer = catalogue.producers.find((x) => x.id === p.producerId);
  const pairing = catalogue.pairings.find((x) => x.id === p.pairingId);
  const batches = catalogue.batches.filter((b) => b.productId === p.id);
  const draft = useMemo(() => ({ kind: 'product' as const, record: p, originalId: id }), [p, id]);

  return (
    <EditorFrame
      title={id === null ? '新商品 · New product' : `商品 · ${pickText(initial.name, 'zh-CN') || id}`}
      subtitle={id ?? undefined}
      form={form}
      canDelete={id !== null}
      preview={<PreviewPanel draft={draft} />}
    >
      <Section title="基本信息 · Basics">
        <TextInput label="编号 Id" path={['id']} value={p.id} disabled={id !== null} hint="小写字母、数字和连字符 a-z 0-9 -" onChange={(v) => set('id', v ?? '')} />
        <YuanInput label="价格（元）Price, yuan" path={['priceFen']} fen={p.priceFen} onChange={(fen) => set('priceFen', fen)} />
        <TextInput label="条码 Barcode (GTIN)" path={['barcode']} value={p.barcode} onChange={(v) => set('barcode', v)} />
        <NumberInput label="单件重量（克）Unit weight, g" path={['unitWeightG']} value={p.unitWeightG} onChange={(v) => set('unitWeightG', v)} />
        <LocalizedInput label="名称 Name" path={['name']} value={p.name} onChange={(v) => set('name', v ?? { 'zh-CN': '' })} />
        <LocalizedInput label="单位 Unit（如 袋、盒）" path={['unit']} value={p.unit} onChange={(v) => set('unit', v ?? { 'zh-CN': '' })} />
        <LocalizedInput label="简介 Introduction" path={['intro']} value={p.intro} multiline onChange={(v) => set('intro', v ?? { 'zh-CN': '' })} />
      </Section>

      <Section title="图片 · Images">
        <ImagesField images={p.images} onChange={(v) => set('images', v)} />
      </Section>

      <Section title="生产者与帮扶关系 · Producer and pairing">
        <SelectInput
          label="生产者 Producer"
          path={['producerId']}
          value={p.producerId}
          none="— 无 none —"
          options={catalogue.producers.map((x) => ({ value: x.id, label: `${pickText(x.name, 'zh-CN')} (${x.id})` }))}
          hint={producer ? `展示屏显示：${pickText(producer.name, 'zh-CN')}` : '选定后，产地的“生产者”由它填写'}
          onChange={(v) => set('producerId', v)}
        />
        <SelectInput
          label="帮扶关系 Pairing"
          path={['pairingId']}
          value={p.pairingId}
          none="— 无 none —"
          options={catalogue.pairings.map((x) => ({ value: x.id, label: `${pickText(x.helper, 'zh-CN')} → ${pickText(x.helped, 'zh-CN')}` }))}
          hint={pairing ? '故事中的“帮扶关系”由它填写 · fills the story’s pairing line' : undefined}
          onChange={(v) => set('pairingId', v)}
        />
        <SelectInput
          label="溯源批次 Trace batch"
          path={['traceBatch']}
          value={p.traceBatch}
          none="— 最新采收 newest harvest —"
          options={batches.map((b) => ({ value: b.code, label: `${b.code} · ${b.harvestDate}` }))}
          onChange={(v) => set('traceBatch', v)}
        />
      </Section>

      <Section title="产地 · Origin">
        <LocalizedInput label="县区 County" path={['origin', 'county']} value={p.origin.county} onChange={(v) => setOrigin('county', v ?? { 'zh-CN': '' })} />
        <LocalizedInput label="省份 Province" path={['origin', 'province']} value={p.origin.province} optional onChange={(v) => setOrigin('province', v)} />
        <LocalizedInput label="乡镇 Township" path={['origin', 'township']} value={p.origin.township} optional onChange={(v) => setOrigin('township', v)} />
        {producer === undefined && <LocalizedInput label="生产者（文字）Producer text" path={['origin', 'producer']} value={p.origin.producer} optional onChange={(v) => setOrigin('producer', v)} />}
        <NumberInput label="示意图 x（0–1，东）Map x" path={['origin', 'mapPoint', 'x']} value={p.origin.mapPoint?.x} onChange={(x) => setOrigin('mapPoint', x === undefined ? undefined : { x, y: p.origin.mapPoint?.y ?? 0.5 })} />
        <NumberInput label="示意图 y（0–1，南）Map y" path={['origin', 'mapPoint', 'y']} value={p.origin.mapPoint?.y} onChange={(y) => setOrigin('mapPoint', y === undefined ? undefined : { x: p.origin.mapPoint?.x ?? 0.5, y })} />
      </Section>

      <Section title="帮扶故事 · Story">
        {pairing === undefined && <LocalizedInput label="帮扶关系 Pairing line" path={['story', 'pairing']} value={p.story.pairing} onChange={(v) => setStory('pairing', v ?? { 'zh-CN': '' })} />}
        <LocalizedInput label="故事 Story text" path={['story', 'text']} value={p.story.text} multiline onChange={(v) => setStory('text', v ?? { 'zh-CN': '' })} testId="story-text" />
        <NumberInput label="帮助农户数 Households helped" path={['story', 'householdsHelped']} value={p.story.householdsHelped} onChange={(v) => setStory('householdsHelped', v)} />
        <TextInput label="数据截至 As of (YYYY-MM[-DD])" path={['story', 'asOf']} value={p.story.asOf} placeholder="2024-06" onChange={(v) => setStory('asOf', v)} />
        <LocalizedInput label="资金用途 Funds" path={['story', 'funds']} value={p.story.funds} optional onChange={(v) => setStory('funds', v)} />
        <FiguresField figures={p.story.figures} onChange={(v) => setStory('figures', v)} />
        <SourceFields path={['story', 'source']} value={p.story.source} onChange={(v) => setStory('source', v)} />
      </Section>

      <Section title="认证 · Certifications">
        <CertificationsField certifications={p.certifications} onChange={(v) => set('certifications', v)} />
      </Section>
    </EditorFrame>
  );
}
