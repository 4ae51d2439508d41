import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { PreviewMessage } from '../../../../contract/authoring.ts';
import { ZONES, type Zone } from '../../../../contract/admin-settings.ts';
import { isScheduledNow, liveStreamsAt, type LiveStream } from '../../../../contract/campaign-schedule.ts';
import type { Campaign } from '../../../../contract/content.ts';
import { LOCALES, pickText, type Locale } from '../../../../contract/locale.ts';
import { LOCALE_LABELS } from '../form/fields.tsx';
import { fromHallLocal, toHallLocal } from '../form/hall-time.ts';
import { useApp } from '../shell/app-context.ts';
import { draftManifest, previewProductId, type Draft } from './draft-manifest.ts';

export const ZONE_LABELS: Record<Zone, string> = { display: '展示区 display', experience: '体验区 experience', 'live-stream': '直播区 live-stream', brand: '品牌区 brand' };
const SIZES = { portrait: { w: 1080, h: 1920 }, landscape: { w: 1920, h: 1080 } } as const;
type Orientation = keyof typeof SIZES;
type Layout = 'both' | Orientation;

/** The width of an element, followed as it resizes. */
function useWidth<E extends HTMLElement>(): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    const ro = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** One kiosk screen at its true size, scaled down with a CSS transform; it gets every message as it changes. */
function PreviewFrame({ orientation, message, width, testId, caption }: { orientation: Orientation; message: PreviewMessage; width: number; testId: string; caption?: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const latest = useRef(message);
  useEffect(() => {
    latest.current = message;
    ref.current?.contentWindow?.postMessage(message, window.location.origin);
  }, [message]);
  const { w, h } = SIZES[orientation];
  const scale = width > 0 ? width / w : 0.2;
  return (
    <figure className="frame" data-orientation={orientation} data-locale={message.locale}>
      <figcaption>{caption ?? `${orientation === 'portrait' ? '竖屏 portrait' : '横屏 landscape'} · ${w}×${h}`}</figcaption>
      <div className="frame-box" style={{ width: w * scale, height: h * scale }}>
        <iframe
          ref={ref}
          src="/author/preview.html"
          title={`kiosk preview ${orientation} ${message.locale}`}
          data-testid={testId}
          width={w}
          height={h}
          tabIndex={-1}
          style={{ transform: `scale(${scale})` }}
          onLoad={() => ref.current?.contentWindow?.postMessage(latest.current, window.location.origin)}
        />
      </div>
    </figure>
  );
}

/** The hall zone a draft's attract loop opens on: a live stream's own first zone, else the display zone. */
function initialZone(draft: Draft): Zone {
  return draft.kind === 'liveStream' ? (draft.record.zones?.[0] ?? 'live-stream') : 'display';
}

/** The frames shown: portrait and landscape in one locale, or portrait in all three side by side. */
function Frames({ message, layout, allLocales, width }: { message: PreviewMessage; layout: Layout; allLocales: boolean; width: number }) {
  const perLocale = useMemo(() => LOCALES.map((l) => ({ ...message, locale: l, orientation: 'portrait' as const })), [message]);
  const portrait = useMemo(() => ({ ...message, orientation: 'portrait' as const }), [message]);
  const landscape = useMemo(() => ({ ...message, orientation: 'landscape' as const }), [message]);
  if (allLocales) {
    // Three columns with 8 px gaps.
    const each = Math.max(0, (width - 16) / 3);
    return (
      <div className="frames all-locales">
        {perLocale.map((m) => (
          <PreviewFrame key={m.locale} orientation="portrait" message={m} width={each} testId={`preview-portrait-${m.locale}`} caption={LOCALE_LABELS[m.locale]} />
        ))}
      </div>
    );
  }
  const single = layout !== 'both';
  return (
    <div className="frames">
      {layout !== 'portrait' && <PreviewFrame orientation="landscape" message={landscape} width={width} testId="preview-landscape" />}
      {layout !== 'landscape' && <PreviewFrame orientation="portrait" message={portrait} width={single ? width * 0.8 : width * 0.56} testId="preview-portrait" />}
    </div>
  );
}

/**
 * The live preview beside an editor: the real shopper page (renderer/src/preview) in portrait and
 * landscape in the chosen locale, or in portrait in all three locales at once, showing the draft
 * as a publish would fold it. For campaigns and live streams: the attract loop of a chosen zone
 * at a chosen hall time, with the live-stream banner that zone shows then.
 */
export function PreviewPanel({ draft }: { draft: Draft }) {
  const { catalogue } = useApp();
  const [locale, setLocale] = useState<Locale | 'all'>('zh-CN');
  const [layout, setLayout] = useState<Layout>('both');
  const [zone, setZone] = useState<Zone>(() => initialZone(draft));
  const [openedAt] = useState(() => Date.now());
  const [at, setAt] = useState(() => toHallLocal(openedAt));
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const isAttract = draft.kind === 'campaign' || draft.kind === 'liveStream';
  const parsedAt = Date.parse(fromHallLocal(at) ?? '');
  const now = isAttract && !Number.isNaN(parsedAt) ? parsedAt : undefined;
  const content = useMemo(() => draftManifest(catalogue, draft, window.location.origin, openedAt), [catalogue, draft, openedAt]);
  const productId = previewProductId(catalogue, draft);
  const message = useMemo<PreviewMessage>(
    () => ({ type: 'kiosk-preview', content, productId, locale: locale === 'all' ? 'zh-CN' : locale, orientation: 'portrait', ...(isAttract ? { zone } : {}), ...(now === undefined ? {} : { now }) }),
    [content, productId, locale, isAttract, zone, now],
  );
  const allLocales = locale === 'all';
  return (
    <aside className="preview-panel" data-testid="preview-panel" data-locale-mode={allLocales ? 'all' : 'one'} aria-label="预览 Preview">
      <div className="preview-bar">
        <div className="preview-controls">
          <div className="seg" role="group" aria-label="语言 Locale">
            {LOCALES.map((l) => (
              <button key={l} type="button" aria-pressed={locale === l} data-testid={`preview-locale-${l}`} onClick={() => setLocale(l)}>
                {LOCALE_LABELS[l]}
              </button>
            ))}
            <button type="button" aria-pressed={allLocales} data-testid="preview-locale-all" title="竖屏三语并排 · portrait in all three locales side by side" onClick={() => setLocale('all')}>
              三语 All
            </button>
          </div>
          {!allLocales && (
            <div className="seg" role="group" aria-label="屏幕 Screens">
              {(['both', 'portrait', 'landscape'] as const).map((l) => (
                <button key={l} type="button" aria-pressed={layout === l} onClick={() => setLayout(l)}>
                  {l === 'both' ? '两者' : l === 'portrait' ? '竖' : '横'}
                </button>
              ))}
            </div>
          )}
        </div>
        {isAttract && <AttractClock draft={draft} content={content} zone={zone} setZone={setZone} at={at} setAt={setAt} now={now ?? openedAt} />}
      </div>
      {productId === null && !isAttract && <p className="muted">还没有商品使用此记录，预览显示首页轮播 · No product uses this record yet: showing the attract loop.</p>}
      <div className="frames-box" ref={boxRef}>
        <Frames message={message} layout={layout} allLocales={allLocales} width={width} />
      </div>
      <p className="muted small">预览使用真实的展示屏页面；不下单、不连接展示屏。· The real shopper page; no orders, no kiosk connection.</p>
    </aside>
  );
}

interface ClockProps {
  draft: Draft;
  content: Record<string, unknown>;
  zone: Zone;
  setZone: (z: Zone) => void;
  at: string;
  setAt: (v: string) => void;
  now: number;
}

/** The attract loop's zone and hall time, what plays then, and the live-stream banner shown then. */
function AttractClock({ draft, content, zone, setZone, at, setAt, now }: ClockProps) {
  const playing = (content.campaigns as Campaign[]).filter((c) => isScheduledNow(c, zone, now)).map((c) => c.id);
  const { live, next } = liveStreamsAt(content.liveStreams as LiveStream[], zone, now);
  const banner = live ?? next;
  const startsAt = draft.kind === 'liveStream' ? Date.parse(draft.record.startsAt) : Number.NaN;
  return (
    <div className="preview-controls campaign-clock">
      <label>
        展区 Zone
        <select value={zone} data-testid="preview-zone" onChange={(e) => setZone(e.target.value as Zone)}>
          {ZONES.map((z) => (
            <option key={z} value={z}>
              {ZONE_LABELS[z]}
            </option>
          ))}
        </select>
      </label>
      <label>
        展厅时间 Hall time (+08:00)
        <input type="datetime-local" value={at} data-testid="preview-time" onChange={(e) => setAt(e.target.value)} />
      </label>
      {Number.isFinite(startsAt) && (
        <button type="button" className="btn small wide-cell" data-testid="preview-at-start" onClick={() => setAt(toHallLocal(startsAt))}>
          跳到开播时间 Go to its start ({toHallLocal(startsAt).replace('T', ' ')})
        </button>
      )}
      <p className="playing" data-testid="preview-playing">
        此时此区轮播 Playing: {playing.length === 0 ? '无活动（显示目录）· none (catalogue slide)' : playing.join('、')}
      </p>
      <p className="playing" data-testid="preview-live">
        直播横幅 Live banner: {banner === null ? '无 none' : `${live ? '正在直播 on air' : '预告 next'} · ${pickText(banner.title, 'zh-CN')}`}
      </p>
    </div>
  );
}
