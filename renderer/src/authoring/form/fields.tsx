import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { LOCALES, type Locale, type LocalizedText } from '../../../../contract/locale.ts';
import { fenToYuan, yuanToFen } from './hall-time.ts';
import { pathKey } from './issues.ts';

/** Field problems of the record being edited, by field key (form/issues.ts). */
export const IssuesContext = createContext<ReadonlyMap<string, string[]>>(new Map());

type Path = readonly (string | number)[];

export const LOCALE_LABELS: Record<Locale, string> = { 'zh-CN': '简体 zh-CN', 'zh-TW': '繁體 zh-TW', en: 'English' };

function useIssues(path: Path): string[] {
  return useContext(IssuesContext).get(pathKey(path)) ?? [];
}

export function FieldError({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <span className="field-error" role="alert">
      {messages.join('；')}
    </span>
  );
}

/** A titled group of fields. */
export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <fieldset className="section">
      <legend>
        {title}
        {aside}
      </legend>
      <div className="section-body">{children}</div>
    </fieldset>
  );
}

interface Common {
  label: string;
  path: Path;
  hint?: string;
  testId?: string;
  /** Spans the whole row of the section grid. */
  wide?: boolean;
}

function Labelled({ label, path, hint, wide, children, id }: Omit<Common, 'testId'> & { children: ReactNode; id: string }) {
  const messages = useIssues(path);
  return (
    <div className={`field${wide ? ' wide' : ''}${messages.length > 0 ? ' has-error' : ''}`} data-field={pathKey(path)}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && <span className="field-hint">{hint}</span>}
      <FieldError messages={messages} />
    </div>
  );
}

const testIdOf = (c: Common): string => c.testId ?? pathKey(c.path).replace(/\./g, '-');

export function TextInput(props: Common & { value: string | undefined; onChange: (v: string | undefined) => void; placeholder?: string; disabled?: boolean; type?: 'text' | 'date' | 'time' | 'datetime-local' }) {
  const id = useId();
  return (
    <Labelled {...props} id={id}>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        placeholder={props.placeholder}
        disabled={props.disabled}
        data-testid={testIdOf(props)}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      />
    </Labelled>
  );
}

/** A number typed as text: '' is "none", anything unreadable is NaN (the schema then flags the field). */
export function NumberInput(props: Common & { value: number | undefined; onChange: (v: number | undefined) => void; placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState(props.value === undefined || Number.isNaN(props.value) ? '' : String(props.value));
  return (
    <Labelled {...props} id={id}>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        placeholder={props.placeholder}
        data-testid={testIdOf(props)}
        onChange={(e) => {
          setText(e.target.value);
          const t = e.target.value.trim();
          props.onChange(t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN);
        }}
      />
    </Labelled>
  );
}

/** A price typed in yuan (两位小数), stored in fen. */
export function YuanInput(props: Common & { fen: number; onChange: (fen: number) => void }) {
  const id = useId();
  const [text, setText] = useState(fenToYuan(props.fen));
  return (
    <Labelled {...props} id={id}>
      <span className="with-unit">
        <span aria-hidden="true">¥</span>
        <input
          id={id}
          inputMode="decimal"
          value={text}
          placeholder="12.80"
          data-testid={testIdOf(props)}
          onChange={(e) => {
            setText(e.target.value);
            props.onChange(yuanToFen(e.target.value));
          }}
        />
      </span>
    </Labelled>
  );
}

export function SelectInput(props: Common & { value: string | undefined; options: ReadonlyArray<{ value: string; label: string }>; onChange: (v: string | undefined) => void; none?: string }) {
  const id = useId();
  return (
    <Labelled {...props} id={id}>
      <select id={id} value={props.value ?? ''} data-testid={testIdOf(props)} onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}>
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** Sets one locale of a text; empty optional locales are dropped, an optional text with nothing left is removed. */
export function setLocaleText(value: LocalizedText | undefined, locale: Locale, text: string, optional: boolean): LocalizedText | undefined {
  const next: LocalizedText = { ...(value ?? { 'zh-CN': '' }), [locale]: text };
  if (locale !== 'zh-CN' && text === '') delete next[locale];
  if (optional && next['zh-CN'] === '' && next['zh-TW'] === undefined && next.en === undefined) return undefined;
  return next;
}

/** One text in the three locales side by side (zh-CN required unless the whole text is optional). */
export function LocalizedInput(props: Common & { value: LocalizedText | undefined; onChange: (v: LocalizedText | undefined) => void; optional?: boolean; multiline?: boolean }) {
  const base = useId();
  const own = useIssues(props.path);
  const issues = useContext(IssuesContext);
  return (
    <div className={`field localized wide${own.length > 0 ? ' has-error' : ''}`} data-field={pathKey(props.path)}>
      <span className="field-label">
        {props.label}
        {props.optional ? <small> · 选填 optional</small> : null}
      </span>
      <div className="locale-row">
        {LOCALES.map((l) => {
          const id = `${base}-${l}`;
          const messages = issues.get(pathKey([...props.path, l])) ?? [];
          const common = {
            id,
            lang: l,
            value: props.value?.[l] ?? '',
            'data-testid': `${testIdOf(props)}-${l}`,
            'aria-invalid': messages.length > 0,
            onChange: (e: { target: { value: string } }) => props.onChange(setLocaleText(props.value, l, e.target.value, props.optional ?? false)),
          };
          return (
            <div key={l} className={`locale-cell${messages.length > 0 ? ' has-error' : ''}`}>
              <label htmlFor={id} className="locale-tag">
                {LOCALE_LABELS[l]}
              </label>
              {props.multiline ? <textarea rows={4} {...common} /> : <input {...common} />}
              <FieldError messages={messages} />
            </div>
          );
        })}
      </div>
      {props.hint !== undefined && <span className="field-hint">{props.hint}</span>}
      <FieldError messages={own} />
    </div>
  );
}

/** Checkboxes for a set of values (zones, weekdays). */
export function CheckboxSet<T extends string | number>(props: Common & { values: readonly T[] | undefined; options: ReadonlyArray<{ value: T; label: string }>; onChange: (v: T[] | undefined) => void }) {
  const messages = useIssues(props.path);
  const chosen = new Set(props.values ?? []);
  return (
    <div className={`field${props.wide ? ' wide' : ''}${messages.length > 0 ? ' has-error' : ''}`} data-field={pathKey(props.path)}>
      <span className="field-label">{props.label}</span>
      <div className="checks" data-testid={testIdOf(props)}>
        {props.options.map((o) => (
          <label key={String(o.value)} className="check">
            <input
              type="checkbox"
              value={String(o.value)}
              checked={chosen.has(o.value)}
              onChange={(e) => {
                const next = props.options.map((x) => x.value).filter((v) => (v === o.value ? e.target.checked : chosen.has(v)));
                props.onChange(next.length === 0 ? undefined : next);
              }}
            />
            {o.label}
          </label>
        ))}
      </div>
      {props.hint !== undefined && <span className="field-hint">{props.hint}</span>}
      <FieldError messages={messages} />
    </div>
  );
}
