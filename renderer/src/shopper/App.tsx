import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ClientMessage, Snapshot } from '../../../contract/api.ts';
import { pickText, type Locale } from '../../../contract/locale.ts';
import type { ContentManifest, Product } from '../../../contract/content.ts';
import { currentLocale } from '../i18n/i18n.ts';
import type { KioskStore } from '../state/kiosk-store.ts';
import { deriveScreen, screenKey, shownLiftIds, type Screen } from '../state/screen.ts';
import { Attract } from './Attract.tsx';
import { CartPanel } from './Cart.tsx';
import { OrderPanel } from './OrderPanel.tsx';
import { itemCount } from '../state/cart.ts';
import { Compare } from './Compare.tsx';
import { useIdleReset, useMediaQuery, usePaintReporting } from './hooks.ts';
import { ProductStory } from './ProductStory.tsx';
import { SessionExpired } from './SessionExpired.tsx';
import { ShopperContext, useShopper, type ShopperContextValue } from './shopper-context.ts';
import { TopBar, type DisplayPrefs } from './TopBar.tsx';

const DEFAULT_PREFS: DisplayPrefs = { largeText: false, highContrast: false };
const DEFAULT_IDLE_MS = 60_000;
/** Idle time while an order waits for the phone's payment. */
const PAYMENT_IDLE_MS = 180_000;
const NO_PRODUCTS: ReadonlyMap<string, Product> = new Map();
const NO_QR: Snapshot['qr'] = {};

interface AppProps {
  store: KioskStore;
  /** The i18next instance itself: useTranslation() hands out a wrapper whose identity changes per language. */
  i18n: I18n;
  send: (m: ClientMessage) => void;
  /** A fixed clock for the authoring preview: the attract loop schedules campaigns by it instead of the kiosk's own. */
  fixedNow?: number | undefined;
}

/** The shopper surface: attract ↔ product story ↔ compare, driven by what is lifted. */
export function App({ store, i18n, send, fixedNow }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<DisplayPrefs>(DEFAULT_PREFS);
  const wide = useMediaQuery('(orientation: landscape) and (min-width: 1600px)');
  const snapshot = state.snapshot;
  const content = snapshot?.content ?? null;
  const settings = snapshot?.settings;
  const ctx = useShopperContext(store, send, fixedNow);
  const lifted = snapshot?.lifted ?? [];
  const maxCompare = wide && settings?.orientation !== 'portrait' ? 3 : 2;
  const screen = deriveScreen({ lifted, knownProducts: ctx.known, browsedProductId: state.browsedProductId, maxCompare });
  const { locale, onLocale, resetLocale } = useLocale(i18n, settings?.defaultLocale ?? 'zh-CN', send);

  usePaintReporting(shownLiftIds(screen).join(','), store, send);
  useDisplayPrefs(prefs);
  const resetToRest = useCallback(() => {
    resetLocale();
    setPrefs(DEFAULT_PREFS);
    store.resetShopper();
  }, [resetLocale, store]);
  // A shopper paying on the phone gets longer before the screen gives up on them.
  const waitingForPayment = state.panel === 'order' && (state.order?.state === 'created' || state.order?.state === 'awaiting-payment');
  const idleMs = settings?.idleMs ?? DEFAULT_IDLE_MS;
  useIdleReset(lifted.length > 0, waitingForPayment ? Math.max(idleMs, PAYMENT_IDLE_MS) : idleMs, resetToRest);

  if (state.status === 'expired') return <SessionExpired />;
  const brand = content === null ? t('app.brand') : pickText(content.title, locale);
  return (
    <ShopperContext.Provider value={ctx.value}>
      <div className="shell" data-screen={screen.kind} data-locale={locale} data-status={state.status}>
        <TopBar brand={brand} locale={locale} prefs={prefs} reconnecting={state.status === 'reconnecting'} onLocale={onLocale} onPrefs={setPrefs} cartCount={itemCount(state.cart)} onCart={() => store.openPanel('cart')} />
        <main className="stage">
          <ScreenView key={screenKey(screen)} screen={screen} content={content} locale={locale} />
        </main>
        {state.panel === 'cart' && content !== null && <CartPanel store={store} content={content} cart={state.cart} locale={locale} />}
        {state.panel === 'order' && state.order !== null && <OrderPanel store={store} order={state.order} content={content} locale={locale} />}
      </div>
    </ShopperContext.Provider>
  );
}

/** The current locale, the shopper's switch (reported to the service) and the reset to the default. */
function useLocale(i18n: I18n, defaultLocale: Locale, send: (m: ClientMessage) => void) {
  const locale = currentLocale(i18n);
  // A new default from settings applies at once (the kiosk starts before its first snapshot).
  useEffect(() => void i18n.changeLanguage(defaultLocale), [defaultLocale, i18n]);
  const onLocale = useCallback(
    (l: Locale) => {
      if (l === currentLocale(i18n)) return;
      void i18n.changeLanguage(l);
      send({ type: 'locale', locale: l });
    },
    [i18n, send],
  );
  const resetLocale = useCallback(() => void i18n.changeLanguage(defaultLocale), [i18n, defaultLocale]);
  return { locale, onLocale, resetLocale };
}

/** Products by id plus what views need from the snapshot, memoised per snapshot part. */
function useShopperContext(store: KioskStore, send: (m: ClientMessage) => void, fixedNow: number | undefined) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getState).snapshot;
  const content = snapshot?.content ?? null;
  const products = useMemo(() => (content === null ? NO_PRODUCTS : new Map(content.products.map((p) => [p.id, p]))), [content]);
  const known = useMemo<ReadonlySet<string>>(() => new Set(products.keys()), [products]);
  const mediaBase = snapshot?.mediaBase ?? '/media/';
  const qr = snapshot?.qr ?? NO_QR;
  const zone = snapshot?.settings.zone;
  const value = useMemo<ShopperContextValue>(
    () => ({
      mediaBase,
      qr,
      products,
      send,
      browse: (id) => store.browse(id),
      addToCart: (id) => store.addToCart(id),
      store,
      ...(zone === undefined ? {} : { zone }),
      ...(fixedNow === undefined ? {} : { fixedNow }),
    }),
    [mediaBase, qr, products, send, store, zone, fixedNow],
  );
  return { value, known };
}

function ScreenView({ screen, content, locale }: { screen: Screen; content: ContentManifest | null; locale: Locale }) {
  const { products } = useShopper();
  switch (screen.kind) {
    case 'attract':
      return <Attract content={content} locale={locale} />;
    case 'product': {
      const product = products.get(screen.item.productId);
      return product === undefined ? null : <ProductStory product={product} liftId={screen.item.liftId} locale={locale} />;
    }
    case 'compare':
      return <Compare items={screen.items} locale={locale} />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}

/** Large text and high contrast live on <html>, so rem-based sizes and colours follow. */
function useDisplayPrefs(prefs: DisplayPrefs): void {
  useEffect(() => {
    const root = document.documentElement.classList;
    root.toggle('large-text', prefs.largeText);
    root.toggle('high-contrast', prefs.highContrast);
  }, [prefs.largeText, prefs.highContrast]);
}
