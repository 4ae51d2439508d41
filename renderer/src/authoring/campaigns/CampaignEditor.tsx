import { useContext, useMemo, useState } from 'react';
import { ZONES, type Zone } from '../../../../contract/admin-settings.ts';
import type { CampaignSchedule } from '../../../../contract/campaign-schedule.ts';
import { CampaignSchema, type Campaign } from '../../../../contract/content.ts';
import { pickText } from '../../../../contract/locale.ts';
import { EditorFrame } from '../form/EditorFrame.tsx';
import { CheckboxSet, FieldError, IssuesContext, LocalizedInput, Section, TextInput } from '../form/fields.tsx';
import { fromHallLocal, toHallLocal } from '../form/hall-time.ts';
import { SourceFields } from '../form/SourceFields.tsx';
import { useRecordForm } from '../form/use-record-form.ts';
import { MediaPicker } from '../media/MediaPicker.tsx';
import { Thumb, type MediaKind } from '../media/MediaTile.tsx';
import { PreviewPanel, ZONE_LABELS } from '../preview/PreviewPanel.tsx';
import { EMPTY_CAMPAIGN, setOpt } from '../records/record-defaults.ts';
import { useApp } from '../shell/app-context.ts';
import { CampaignPrices, FeaturedProducts } from './CampaignProducts.tsx';

const DAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `周${d}` }));
const ZONE_OPTIONS = ZONES.map((z) => ({ value: z, label: ZONE_LABELS[z] }));

/** A schedule with nothing in it is no schedule. */
function tidySchedule(s: CampaignSchedule): CampaignSchedule | undefined {
  return s.days === undefined && s.from === undefined && s.to === undefined ? undefined : s;
}

/** A campaign's image or video: what is picked (thumbnail), pick or change it, remove it; the field's problems below. */
function MediaField({ label, field, sha, pick, clear, hint }: { label: string; field: MediaKind; sha: string | undefined; pick: () => void; clear: () => void; hint: string }) {
  const { catalogue } = useApp();
  const messages = useContext(IssuesContext).get(field) ?? [];
  return (
    <div className={`field${messages.length > 0 ? ' has-error' : ''}`} data-field={field}>
      <span className="field-label">{label}</span>
      <div className="image-pick">
        {sha !== undefined && <Thumb sha={sha} media={catalogue.media} />}
        <button type="button" className="btn small" data-testid={`pick-${field}`} onClick={pick}>
          {sha === undefined ? '选择 Pick…' : '更换 Change…'}
        </button>
        {sha !== undefined && (
          <button type="button" className="btn small" data-testid={`remove-${field}`} onClick={clear}>
            移除 Remove
          </button>
        )}
      </div>
      <span className="field-hint">{hint}</span>
      <FieldError messages={messages} />
    </div>
  );
}

/** The campaign editor: texts, image and video, featured products and prices, dates, zones and the daily window. */
export function CampaignEditor({ id }: { id: string | null }) {
  const { catalogue } = useApp();
  const initial = useMemo(() => catalogue.campaigns.find((c) => c.id === id) ?? EMPTY_CAMPAIGN, [catalogue.campaigns, id]);
  const form = useRecordForm({ kind: 'campaign', schema: CampaignSchema, initial, originalId: id, idOf: (c: Campaign) => c.id });
  const { draft: c, update } = form;
  const [picking, setPicking] = useState<MediaKind | null>(null);
  const set = <K extends keyof Campaign>(key: K, value: Campaign[K] | undefined) => update((d) => setOpt(d, key, value));
  const setSchedule = <K extends keyof CampaignSchedule>(key: K, value: CampaignSchedule[K] | undefined) => update((d) => setOpt(d, 'schedule', tidySchedule(setOpt(d.schedule ?? {}, key, value))));
  const draft = useMemo(() => ({ kind: 'campaign' as const, record: c, originalId: id }), [c, id]);
  const at = (iso: string | undefined) => (iso === undefined ? '' : toHallLocal(Date.parse(iso)));
  return (
    <EditorFrame
      title={id === null ? '新活动 · New campaign' : `活动 · ${pickText(initial.title, 'zh-CN') || id}`}
      subtitle={id ?? undefined}
      form={form}
      canDelete={id !== null}
      preview={<PreviewPanel draft={draft} />}
    >
      <Section title="活动 · Campaign">
        <TextInput label="编号 Id" path={['id']} value={c.id} disabled={id !== null} onChange={(v) => set('id', v ?? '')} />
        <MediaField label="图片 Image" field="image" sha={c.image} pick={() => setPicking('image')} clear={() => set('image', undefined)} hint="视频的封面，或单独显示 · the video's poster, or shown alone" />
        <MediaField label="视频 Video" field="video" sha={c.video} pick={() => setPicking('video')} clear={() => set('video', undefined)} hint="MP4 / WebM ≤ 50 MB，轮播时静音循环播放 · plays muted in the attract loop" />
        <LocalizedInput label="标题 Title" path={['title']} value={c.title} onChange={(v) => set('title', v ?? { 'zh-CN': '' })} testId="campaign-title" />
        <LocalizedInput label="文字 Text" path={['text']} value={c.text} multiline onChange={(v) => set('text', v ?? { 'zh-CN': '' })} />
      </Section>

      <Section title="商品与活动价 · Products and prices">
        <FeaturedProducts ids={c.featuredProductIds} onChange={(v) => set('featuredProductIds', v)} />
        <CampaignPrices prices={c.prices} onChange={(v) => set('prices', v)} />
      </Section>

      <Section title="时间与展区 · When and where">
        <TextInput type="datetime-local" label="开始 Starts (+08:00)" path={['startsAt']} value={at(c.startsAt)} onChange={(v) => set('startsAt', v === undefined ? undefined : fromHallLocal(v))} testId="starts-at" />
        <TextInput type="datetime-local" label="结束 Ends (+08:00)" path={['endsAt']} value={at(c.endsAt)} onChange={(v) => set('endsAt', v === undefined ? undefined : fromHallLocal(v))} testId="ends-at" />
        <CheckboxSet<Zone> label="展区 Zones · 不选 = 所有展区 none = every zone" path={['zones']} values={c.zones} options={ZONE_OPTIONS} onChange={(v) => set('zones', v)} wide testId="zones" />
        <CheckboxSet<number> label="每周 Days · 不选 = 每天 none = every day" path={['schedule', 'days']} values={c.schedule?.days} options={DAYS} onChange={(v) => setSchedule('days', v)} wide testId="days" />
        <TextInput type="time" label="每天从 Daily from" path={['schedule', 'from']} value={c.schedule?.from} onChange={(v) => setSchedule('from', v)} testId="schedule-from" />
        <TextInput type="time" label="到 to（早于开始 = 跨夜）" path={['schedule', 'to']} value={c.schedule?.to} onChange={(v) => setSchedule('to', v)} testId="schedule-to" />
      </Section>

      <Section title="来源 · Source">
        <SourceFields path={['source']} value={c.source} onChange={(v) => set('source', v)} />
      </Section>
      {picking !== null && (
        <MediaPicker
          kind={picking}
          onClose={() => setPicking(null)}
          onPick={(sha) => {
            setPicking(null);
            set(picking, sha);
          }}
        />
      )}
    </EditorFrame>
  );
}
