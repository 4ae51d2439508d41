import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface PinPadProps {
  value: string;
  onChange: (next: string) => void;
  onSubmit: () => void;
  /** Digits shown as dots (PINs) or in clear (set-up codes, counts). */
  masked?: boolean;
  maxLength?: number;
  disabled?: boolean;
  label: string;
  testId?: string;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'del'] as const;

/** A touch-first number pad with large targets; a physical keyboard's digits, Backspace and Enter work too. */
export function PinPad({ value, onChange, onSubmit, masked = true, maxLength = 12, disabled = false, label, testId = 'pin-pad' }: PinPadProps) {
  const { t } = useTranslation();
  const press = (key: (typeof KEYS)[number]): void => {
    if (disabled) return;
    if (key === 'clear') onChange('');
    else if (key === 'del') onChange(value.slice(0, -1));
    else if (value.length < maxLength) onChange(value + key);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (/^\d$/.test(e.key)) press(e.key as (typeof KEYS)[number]);
      else if (e.key === 'Backspace') press('del');
      else if (e.key === 'Enter' && !disabled) onSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const shown = masked ? '●'.repeat(value.length) : value;
  return (
    <div className="pin-pad" data-testid={testId}>
      <div className="pin-pad__label">{label}</div>
      <output className="pin-pad__value" aria-label={label} data-testid={`${testId}-value`}>
        {shown === '' ? '\u00a0' : shown}
      </output>
      <div className="pin-pad__keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className={`pin-key pin-key--${k}`} disabled={disabled} onClick={() => press(k)} data-key={k}>
            {k === 'clear' ? t('staff.pin.clear') : k === 'del' ? '⌫' : k}
          </button>
        ))}
      </div>
      <button type="button" className="staff-btn staff-btn--primary pin-pad__ok" disabled={disabled || value.length === 0} onClick={onSubmit} data-testid={`${testId}-ok`}>
        {t('staff.pin.ok')}
      </button>
    </div>
  );
}
