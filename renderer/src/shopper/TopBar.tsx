import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../contract/locale.ts';

export interface DisplayPrefs {
  largeText: boolean;
  highContrast: boolean;
}

interface Props {
  brand: string;
  locale: Locale;
  prefs: DisplayPrefs;
  reconnecting: boolean;
  onLocale: (locale: Locale) => void;
  onPrefs: (prefs: DisplayPrefs) => void;
  cartCount: number;
  onCart: () => void;
}

/** Brand, language switcher and accessibility toggles; every control is a ≥ 48 px target. */
export function TopBar({ brand, locale, prefs, reconnecting, onLocale, onPrefs, cartCount, onCart }: Props) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <p className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{brand}</span>
        {reconnecting && (
          <span className="status-chip" role="status" data-testid="reconnecting">
            {t('app.reconnecting')}
          </span>
        )}
      </p>
      <div className="controls">
        {cartCount > 0 && (
          <button type="button" className="btn btn-primary cart-button" data-testid="cart-button" onClick={onCart}>
            {t('cart.button')} <span className="cart-badge" data-testid="cart-count">{cartCount}</span>
          </button>
        )}
        <div className="seg" role="group" aria-label={t('a11y.language')}>
          {LOCALES.map((l) => (
            <button key={l} type="button" lang={l} className="btn seg-btn" data-testid={`locale-${l}`} aria-pressed={l === locale} onClick={() => onLocale(l)}>
              {t(`locale.${l}`)}
            </button>
          ))}
        </div>
        <button type="button" className="btn toggle" data-testid="toggle-large-text" aria-pressed={prefs.largeText} onClick={() => onPrefs({ ...prefs, largeText: !prefs.largeText })}>
          <span className="toggle-glyph" aria-hidden="true">A+</span>
          {t('a11y.largeText')}
        </button>
        <button type="button" className="btn toggle" data-testid="toggle-high-contrast" aria-pressed={prefs.highContrast} onClick={() => onPrefs({ ...prefs, highContrast: !prefs.highContrast })}>
          <span className="toggle-glyph contrast-glyph" aria-hidden="true" />
          {t('a11y.highContrast')}
        </button>
      </div>
    </header>
  );
}
