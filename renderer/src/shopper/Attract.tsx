import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText, type Locale } from '../../../contract/locale.ts';
import type { ContentManifest, Product } from '../../../contract/content.ts';
import { liveStreamsAt } from '../../../contract/campaign-schedule.ts';
import { attractSlides, type Slide } from './attract-slides.ts';
import { DemoTag } from './DemoTag.tsx';
import { FontWarmup } from './FontWarmup.tsx';
import { MediaImage, MediaVideo } from './Media.tsx';
import { fallbackLang } from './product-text.ts';
import { useShopper } from './shopper-context.ts';

const SLIDE_MS = 9000;
/** How often the schedules are re-read against the kiosk's own clock (they work offline). */
const SCHEDULE_CHECK_MS = 30_000;

/** The kiosk's clock, re-read every SCHEDULE_CHECK_MS. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), SCHEDULE_CHECK_MS);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** The attract loop: the campaigns scheduled for this zone now, featured products, the live-stream schedule, and the invitation to lift. */
export function Attract({ content, locale }: { content: ContentManifest | null; locale: Locale }) {
  const { t } = useTranslation();
  const { zone, fixedNow } = useShopper();
  const kioskNow = useNow();
  const now = fixedNow ?? kioskNow;
  const slides = attractSlides(content, { zone, now });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (slides.length < 2) return undefined;
    const id = setInterval(() => setTick((n) => n + 1), SLIDE_MS);
    return () => clearInterval(id);
  }, [slides.length]);
  const slide = slides[tick % slides.length] ?? slides[0];
  return (
    <section className="attract" data-testid="attract" data-slide={slide?.id} data-slides={slides.map((x) => x.id).join(' ')} data-zone={zone ?? ''}>
      <LiveBanner content={content} locale={locale} now={now} />
      {slide !== undefined && <SlideView key={slide.id} slide={slide} locale={locale} />}
      {slides.length > 1 && (
        <ol className="dots" aria-hidden="true">
          {slides.map((s, i) => (
            <li key={s.id} className={i === tick % slides.length ? 'on' : ''} />
          ))}
        </ol>
      )}
      <div className="invite" data-testid="invite">
        <LiftIcon />
        <div>
          <p className="invite-main">{t('attract.invite')}</p>
          <p className="invite-sub">{t('attract.inviteSub')}</p>
        </div>
      </div>
      <FontWarmup content={content} />
    </section>
  );
}

function SlideView({ slide, locale }: { slide: Slide; locale: Locale }) {
  const { t } = useTranslation();
  const title = slide.title === null ? t('attract.fallbackTitle') : pickText(slide.title, locale);
  const text = slide.text === null ? t('attract.fallbackText') : pickText(slide.text, locale);
  return (
    <div className="slide">
      <div className="slide-hero">
        {slide.video !== undefined ? (
          <MediaVideo sha={slide.video} poster={slide.image} className="slide-img" />
        ) : slide.image !== undefined ? (
          <MediaImage sha={slide.image} alt="" className="slide-img" />
        ) : (
          <div className="slide-img slide-img-art" />
        )}
        <div className="slide-copy">
          {slide.isDemo && <DemoTag />}
          <h1 className="slide-title" lang={slide.title === null ? undefined : fallbackLang(slide.title, locale)}>
            {title}
          </h1>
          <p className="slide-text" lang={slide.text === null ? undefined : fallbackLang(slide.text, locale)}>
            {text}
          </p>
        </div>
      </div>
      {slide.products.length > 0 && (
        <div className="featured">
          <h2>
            {t('attract.featured')} <small>{t('attract.tapHint')}</small>
          </h2>
          <ul>
            {slide.products.map((p) => (
              <FeaturedCard key={p.id} product={p} locale={locale} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function FeaturedCard({ product, locale }: { product: Product; locale: Locale }) {
  const { t } = useTranslation();
  const { browse } = useShopper();
  const name = pickText(product.name, locale);
  return (
    <li>
      <button type="button" className="featured-card" data-testid="featured-product" data-product-id={product.id} onClick={() => browse(product.id)}>
        <MediaImage sha={product.images[0]} alt={name} className="featured-img" />
        <span className="featured-name" lang={fallbackLang(product.name, locale)}>
          {name}
        </span>
        <span className="featured-place">{t('attract.from', { place: pickText(product.origin.county, locale) })}</span>
      </button>
    </li>
  );
}

/** The live-stream slot on air in this zone, or the next one within 12 hours. */
function LiveBanner({ content, locale, now }: { content: ContentManifest | null; locale: Locale; now: number }) {
  const { t } = useTranslation();
  const { zone } = useShopper();
  const { live, next } = liveStreamsAt(content?.liveStreams ?? [], zone, now);
  const stream = live ?? next;
  if (stream === null) return null;
  const at = new Date(stream.startsAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
  const title = pickText(stream.title, locale);
  return (
    <p className={`live-banner ${live ? 'is-live' : ''}`} data-testid="live-banner" data-stream={stream.id} data-live={live ? '1' : '0'} lang={fallbackLang(stream.title, locale)}>
      <strong>{live ? t('attract.liveNow') : t('attract.liveNext', { time: at })}</strong> {title}
      {stream.host ? ` · ${pickText(stream.host, locale)}` : ''}
    </p>
  );
}

/** A hand lifting a box: the one animated hint, CSS only and slow. */
function LiftIcon() {
  return (
    <svg className="lift-icon" viewBox="0 0 64 64" aria-hidden="true">
      <g className="lift-box">
        <rect x="18" y="14" width="28" height="22" rx="4" />
        <path d="M18 22h28" />
      </g>
      <path className="lift-hand" d="M14 50c6-8 12-10 18-10h10c3 0 4 4 0 4h-8l10 2c3 1 3 5-1 5H22l-8 5z" />
    </svg>
  );
}
