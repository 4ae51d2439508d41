import { useMemo } from 'react';
import { ZONES, type Zone } from '../../../../contract/admin-settings.ts';
import { LiveStreamSchema, type LiveStream } from '../../../../contract/campaign-schedule.ts';
import { pickText } from '../../../../contract/locale.ts';
import { EditorFrame } from '../form/EditorFrame.tsx';
import { CheckboxSet, LocalizedInput, Section, TextInput } from '../form/fields.tsx';
import { fromHallLocal, toHallLocal } from '../form/hall-time.ts';
import { useRecordForm } from '../form/use-record-form.ts';
import { PreviewPanel, ZONE_LABELS } from '../preview/PreviewPanel.tsx';
import { setOpt } from '../records/record-defaults.ts';
import { useApp } from '../shell/app-context.ts';

const ZONE_OPTIONS = ZONES.map((z) => ({ value: z, label: ZONE_LABELS[z] }));
export const EMPTY_LIVE_STREAM: LiveStream = { id: '', title: { 'zh-CN': '' }, startsAt: '', endsAt: '' };

/** The contract's schema plus the rule the platform adds on save: the slot ends after it starts. */
export const LiveStreamFormSchema = LiveStreamSchema.superRefine((s, ctx) => {
  const starts = Date.parse(s.startsAt);
  const ends = Date.parse(s.endsAt);
  if (Number.isFinite(starts) && Number.isFinite(ends) && ends <= starts) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束须晚于开始 · endsAt is not after startsAt' });
});

/** A live-stream slot: its title (and host) in three locales, its hours in hall time, the zones that announce it. */
export function LiveStreamEditor({ id }: { id: string | null }) {
  const { catalogue } = useApp();
  const initial = useMemo(() => catalogue.liveStreams.find((s) => s.id === id) ?? EMPTY_LIVE_STREAM, [catalogue.liveStreams, id]);
  const form = useRecordForm({ kind: 'liveStream', schema: LiveStreamFormSchema, initial, originalId: id, idOf: (s: LiveStream) => s.id });
  const { draft: s, update } = form;
  const set = <K extends keyof LiveStream>(key: K, value: LiveStream[K] | undefined) => update((d) => setOpt(d, key, value));
  const draft = useMemo(() => ({ kind: 'liveStream' as const, record: s, originalId: id }), [s, id]);
  const at = (iso: string) => (iso === '' ? '' : toHallLocal(Date.parse(iso)));
  return (
    <EditorFrame
      title={id === null ? '新直播 · New live stream' : `直播 · ${pickText(initial.title, 'zh-CN') || id}`}
      subtitle={id ?? undefined}
      form={form}
      canDelete={id !== null}
      preview={<PreviewPanel draft={draft} />}
    >
      <Section title="直播 · Live stream">
        <TextInput label="编号 Id" path={['id']} value={s.id} disabled={id !== null} placeholder="tea-live-0603" onChange={(v) => set('id', v ?? '')} testId="stream-id" />
        <LocalizedInput label="标题 Title" path={['title']} value={s.title} onChange={(v) => set('title', v ?? { 'zh-CN': '' })} testId="stream-title" />
        <LocalizedInput label="主播 Host" path={['host']} value={s.host} optional onChange={(v) => set('host', v)} testId="stream-host" />
      </Section>
      <Section title="时间与展区 · When and where">
        <TextInput type="datetime-local" label="开始 Starts (+08:00)" path={['startsAt']} value={at(s.startsAt)} onChange={(v) => set('startsAt', v === undefined ? '' : (fromHallLocal(v) ?? ''))} testId="stream-starts" />
        <TextInput type="datetime-local" label="结束 Ends (+08:00)" path={['endsAt']} value={at(s.endsAt)} onChange={(v) => set('endsAt', v === undefined ? '' : (fromHallLocal(v) ?? ''))} testId="stream-ends" />
        <CheckboxSet<Zone>
          label="展区 Zones · 不选 = 所有展区 none = every zone"
          path={['zones']}
          values={s.zones}
          options={ZONE_OPTIONS}
          onChange={(v) => set('zones', v)}
          wide
          testId="stream-zones"
          hint="首页轮播在开播前 12 小时内预告，直播时显示“正在直播”。· The attract screen announces it up to 12 h ahead and shows it as live while on air."
        />
      </Section>
    </EditorFrame>
  );
}
