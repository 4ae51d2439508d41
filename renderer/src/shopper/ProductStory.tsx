import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText, type Locale, type LocalizedText } from '../../../contract/locale.ts';
import type { Product } from '../../../contract/content.ts';
import { formatCount, formatPrice } from '../state/format.ts';
import { DemoTag } from './DemoTag.tsx';
import { MediaImage } from './Media.tsx';
import { OriginDiagram } from './OriginDiagram.tsx';
import { fallbackLang, placeLine, spokenSummary } from './product-text.ts';
import { placeOrder, pricedCart } from './Cart.tsx';
import { QrCode } from './QrCode.tsx';
import { useShopper } from './shopper-context.ts';
import { useSpeech } from './use-speech.ts';

interface Props {
  product: Product;
  liftId: string | null;
  locale: Locale;
}

/** The product story page: what it is, where it comes from, whom it helps, how to order. */
export function ProductStory({ product, liftId, locale }: Props) {
  const { t } = useTranslation();
  const intro = pickText(product.intro, locale);
  return (
    <article className="product" data-testid="product-page" data-product-id={product.id} data-lift-id={liftId ?? ''}>
      {/* Column wrappers lay out landscape; in portrait they are display: contents and grid areas place the parts. */}
      <div className="col col-look">
        <ProductGallery product={product} locale={locale} />
      </div>
      <div className="col col-what">
        <ProductHead product={product} locale={locale} liftId={liftId} />
        {intro !== '' && (
          <section className="card intro">
            <h2>{t('product.intro')}</h2>
            <p lang={fallbackLang(product.intro, locale)}>{intro}</p>
          </section>
        )}
        <QrBlock product={product} locale={locale} />
      </div>
      <div className="col col-where">
        <StoryBlock product={product} locale={locale} />
        <OriginBlock product={product} locale={locale} />
      </div>
    </article>
  );
}

function ProductGallery({ product, locale }: { product: Product; locale: Locale }) {
  const [first, ...rest] = product.images;
  const alt = pickText(product.name, locale);
  return (
    <div className="gallery">
      <MediaImage sha={first} alt={alt} className="hero-img" />
      {rest.length > 0 && (
        <div className="thumbs">
          {rest.slice(0, 3).map((sha) => (
            <MediaImage key={sha} sha={sha} alt={alt} className="thumb" />
          ))}
        </div>
      )}
    </div>
  );
}

function ProductHead({ product, locale, liftId }: { product: Product; locale: Locale; liftId: string | null }) {
  const { t } = useTranslation();
  const certs = product.certifications.map((c) => ({ text: pickText(c, locale), lang: fallbackLang(c, locale) })).filter((c) => c.text !== '');
  return (
    <header className="product-head">
      <p className="eyebrow" lang={fallbackLang(product.origin.county, locale)}>
        {placeLine(product, locale)}
      </p>
      <h1 className="product-name" data-testid="product-name" elementtiming="product-name" lang={fallbackLang(product.name, locale)}>
        {pickText(product.name, locale)}
      </h1>
      <p className="price">
        <span className="price-value">{formatPrice(product.priceFen)}</span>
        <span className="price-unit">{t('product.perUnit', { unit: pickText(product.unit, locale) })}</span>
      </p>
      {certs.length > 0 && (
        <ul className="chips" aria-label={t('product.certifications')}>
          {certs.map((c) => (
            <li key={c.text} lang={c.lang}>
              {c.text}
            </li>
          ))}
        </ul>
      )}
      <ProductActions product={product} locale={locale} touched={liftId === null} />
    </header>
  );
}

function OriginBlock({ product, locale }: { product: Product; locale: Locale }) {
  const { t } = useTranslation();
  const o = product.origin;
  const text = (label: string, value: LocalizedText | undefined): [string, string, Locale | undefined] => [label, pickText(value, locale), fallbackLang(value, locale)];
  const rows: Array<[string, string, Locale | undefined]> = [
    text(t('product.county'), o.county),
    text(t('product.province'), o.province),
    text(t('product.township'), o.township),
    text(t('product.producer'), o.producer),
    text(t('product.harvest'), o.harvest),
    [t('product.batch'), o.batch ?? product.traceBatch ?? '', undefined],
  ];
  return (
    <section className="card origin">
      <h2>
        {t('product.origin')} {o.source?.kind === 'demo' && <DemoTag />}
      </h2>
      <div className={o.mapPoint === undefined ? 'origin-body no-map' : 'origin-body'}>
        {o.mapPoint !== undefined && <OriginDiagram point={o.mapPoint} label={pickText(o.county, locale)} />}
        <dl className="facts">
          {rows
            .filter(([, v]) => v !== '')
            .map(([k, v, lang]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd lang={lang}>{v}</dd>
              </div>
            ))}
        </dl>
      </div>
    </section>
  );
}

function StoryBlock({ product, locale }: { product: Product; locale: Locale }) {
  const { t } = useTranslation();
  const s = product.story;
  const funds = pickText(s.funds, locale);
  return (
    <section className="card story" data-testid="product-story">
      <h2>
        {t('product.story')} {s.source.kind === 'demo' && <DemoTag />}
      </h2>
      <p className="pairing">
        <span className="pairing-label">{t('product.pairing')}</span>
        <span className="pairing-value" lang={fallbackLang(s.pairing, locale)}>
          {pickText(s.pairing, locale)}
        </span>
      </p>
      <p className="story-text" lang={fallbackLang(s.text, locale)}>
        {pickText(s.text, locale)}
      </p>
      {s.householdsHelped !== undefined && s.householdsHelped > 0 && (
        <p className="households">{t('product.households', { n: formatCount(s.householdsHelped) })}</p>
      )}
      {funds !== '' && (
        <p className="funds">
          <strong>{t('product.funds')}</strong> <span lang={fallbackLang(s.funds, locale)}>{funds}</span>
        </p>
      )}
      <StoryFigures figures={s.figures} locale={locale} />
      {s.asOf !== undefined && (
        <p className="as-of" data-testid="story-as-of">
          {t('product.asOf', { date: s.asOf })}
        </p>
      )}
    </section>
  );
}

/** The story's key figures (at most 4, as the contract allows): value large, label under it. */
function StoryFigures({ figures, locale }: { figures: Product['story']['figures']; locale: Locale }) {
  const shown = (figures ?? []).slice(0, 4).filter((f) => pickText(f.value, locale) !== '');
  if (shown.length === 0) return null;
  return (
    <dl className="figures" data-testid="story-figures" data-count={shown.length}>
      {shown.map((f, i) => (
        // Figures have no id; their order is their identity within one story.
        <div key={i} className="figure">
          <dt lang={fallbackLang(f.label, locale)}>{pickText(f.label, locale)}</dt>
          <dd lang={fallbackLang(f.value, locale)}>{pickText(f.value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

function QrBlock({ product, locale }: { product: Product; locale: Locale }) {
  const { t } = useTranslation();
  const { qr, send, addToCart, store } = useShopper();
  const [error, setError] = useState<string | null>(null);
  const codes = qr[product.id];
  const id = product.id;
  const traceShown = useCallback(() => send({ type: 'qr-shown', productId: id, kind: 'trace' }), [send, id]);
  const orderNow = async (): Promise<void> => {
    const content = store?.getState().snapshot?.content;
    if (!store || !content) return;
    setError(await placeOrder(store, content, pricedCart(content, [{ productId: id, quantity: 1 }], Date.now()), locale, false));
  };
  return (
    <section className="card qr-block">
      <div className="order-actions">
        <h2>{t('product.qrOrder')}</h2>
        <p className="hint">{t('cart.orderHint')}</p>
        <button type="button" className="btn btn-primary" data-testid="order-now" onClick={() => void orderNow()}>
          {t('cart.orderNow')}
        </button>
        <button type="button" className="btn" data-testid="add-to-cart" data-product-id={id} onClick={() => addToCart(id)}>
          {t('cart.add')}
        </button>
        {error !== null && (
          <p className="panel-error" role="alert">
            {t(`cart.errors.${error}`, { defaultValue: t('cart.errors.other') })}
          </p>
        )}
      </div>
      {codes !== undefined && <QrCode svg={codes.trace} title={t('product.qrTrace')} caption={t('product.qrTraceCaption')} testId="qr-trace" onShown={traceShown} />}
    </section>
  );
}

function ProductActions({ product, locale, touched }: { product: Product; locale: Locale; touched: boolean }) {
  const { t } = useTranslation();
  const { browse } = useShopper();
  const speech = useSpeech();
  return (
    <footer className="product-actions">
      {speech.available && (
        <button type="button" className="btn" data-testid="speak" aria-pressed={speech.speaking} onClick={() => speech.toggle(spokenSummary(product, locale, t), locale)}>
          {speech.speaking ? t('product.stopSpeaking') : t('product.speak')}
        </button>
      )}
      {touched ? (
        <button type="button" className="btn btn-primary" data-testid="back" onClick={() => browse(null)}>
          {t('product.back')}
        </button>
      ) : (
        <p className="hint">{t('product.putBack')}</p>
      )}
    </footer>
  );
}
