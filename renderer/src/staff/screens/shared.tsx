import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import PinyinMatch from 'pinyin-match';
import type { ContentManifest } from '../../../../contract/content.ts';
import { pickText, LocaleSchema } from '../../../../contract/locale.ts';
import type { SlotStock, StockList } from '../../../../contract/staff.ts';
import { staffApi, type ApiResult } from '../staff-api.ts';
import { errorText } from '../staff-errors.ts';

/** Search by name (any locale) or by pinyin initials of the Chinese name (e.g. "dyjd" → 东源鸡蛋). */
export function matches(query: string, names: readonly string[]): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return names.some((n) => n.toLowerCase().includes(q) || PinyinMatch.match(n, q) !== false);
}

/** Polls a staff API call every `everyMs`; `reload` fetches at once. */
export function usePolled<T>(load: () => Promise<ApiResult<T>>, everyMs: number): { data: T | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const reload = useCallback(() => {
    void load().then((r) => {
      if (r.ok) setData(r.value);
    });
  }, [load]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, everyMs);
    return () => clearInterval(timer);
  }, [reload, everyMs]);
  return { data, reload };
}

const loadStock = (): Promise<ApiResult<StockList>> => staffApi.stock();
export function useStock(): { stock: StockList | null; reload: () => void } {
  const { data, reload } = usePolled(loadStock, 2000);
  return { stock: data, reload };
}

/** A product's name in the UI language, or its id when the content does not know it. */
export function useProductName(content: ContentManifest | null): (id: string | null) => string {
  const { t, i18n } = useTranslation();
  const parsed = LocaleSchema.safeParse(i18n.language);
  const locale = parsed.success ? parsed.data : 'zh-CN';
  return (id) => {
    if (id === null) return t('staff.bind.empty');
    const p = content?.products.find((x) => x.id === id);
    return p ? pickText(p.name, locale) : id;
  };
}

/** Success or error line under an action; errors come translated by code. */
export function useMessage(): { node: React.ReactNode; ok: (text: string) => void; fail: (r: { error: string; message: string }) => void; error: (text: string) => void; clear: () => void } {
  const { t, i18n } = useTranslation();
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const node =
    msg === null ? null : (
      <p className={`staff-msg staff-msg--${msg.kind}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid={`msg-${msg.kind}`}>
        {msg.text}
      </p>
    );
  return {
    node,
    ok: (text) => setMsg({ kind: 'ok', text }),
    fail: (r) => setMsg({ kind: 'error', text: errorText(t, (k) => i18n.exists(k), r) }),
    error: (text) => setMsg({ kind: 'error', text }),
    clear: () => setMsg(null),
  };
}

/** Slots as large buttons; `filter` limits them (e.g. load-cell slots for calibration). */
export function SlotPicker({ slots, selected, onPick, name, filter }: { slots: SlotStock[]; selected: string | null; onPick: (slotId: string) => void; name: (id: string | null) => string; filter?: (s: SlotStock) => boolean }) {
  const shown = [...slots].filter(filter ?? (() => true)).sort((a, b) => a.slotId.localeCompare(b.slotId));
  return (
    <div className="slot-grid" data-testid="slot-grid">
      {shown.map((s) => (
        <button key={s.slotId} type="button" className={`slot-btn ${s.slotId === selected ? 'is-selected' : ''}`} onClick={() => onPick(s.slotId)} data-slot={s.slotId}>
          <strong>{s.slotId}</strong>
          <span>{name(s.productId)}</span>
        </button>
      ))}
    </div>
  );
}

/** Picks the slot staff lift or press on the shelf (stock work in staff mode reports the last touched slot). */
export function useShelfPick(onPick: (slotId: string) => void): void {
  useEffect(() => {
    let seen = Date.now();
    const timer = setInterval(() => {
      void staffApi.selected().then((r) => {
        const touched = r.ok ? r.value.lastTouched : null;
        if (touched && touched.at > seen) {
          seen = touched.at;
          onPick(touched.slotId);
        }
      });
    }, 500);
    return () => clearInterval(timer);
  }, [onPick]);
}
