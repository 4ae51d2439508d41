import { useContext, useState } from 'react';
import PinyinMatch from 'pinyin-match';
import type { Campaign } from '../../../../contract/content.ts';
import { pickText } from '../../../../contract/locale.ts';
import { FieldError, IssuesContext } from '../form/fields.tsx';
import { fenToYuan, yuanToFen } from '../form/hall-time.ts';
import { pathKey } from '../form/issues.ts';
import { useApp } from '../shell/app-context.ts';

type Price = NonNullable<Campaign['prices']>[number];

/** Name (any locale), id or pinyin initials ("dyjd" → 东源鸡蛋). */
export function matchesQuery(query: string, texts: readonly string[]): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return texts.some((t) => t.toLowerCase().includes(q) || PinyinMatch.match(t, q) !== false);
}

/** The products a campaign features (the attract slide shows the first four). */
export function FeaturedProducts({ ids, onChange }: { ids: readonly string[]; onChange: (v: string[]) => void }) {
  const { catalogue } = useApp();
  const [query, setQuery] = useState('');
  const messages = useContext(IssuesContext).get('featuredProductIds') ?? [];
  const shown = catalogue.products.filter((p) => ids.includes(p.id) || matchesQuery(query, [p.id, p.name['zh-CN'], p.name.en ?? '']));
  return (
    <div className="field wide" data-field="featuredProductIds">
      <span className="field-label">推荐商品 Featured products · 已选 {ids.length}</span>
      <input className="search" type="search" placeholder="搜索 名称 / 拼音 / id" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="checks scroll" data-testid="featured">
        {shown.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" value={p.id} checked={ids.includes(p.id)} onChange={(e) => onChange(e.target.checked ? [...ids, p.id] : ids.filter((x) => x !== p.id))} />
            {pickText(p.name, 'zh-CN')}
          </label>
        ))}
      </div>
      <FieldError messages={messages} />
    </div>
  );
}

/** Campaign unit prices, typed in yuan; they replace the list price while the campaign runs. */
export function CampaignPrices({ prices, onChange }: { prices: readonly Price[] | undefined; onChange: (v: Price[] | undefined) => void }) {
  const { catalogue } = useApp();
  const issues = useContext(IssuesContext);
  const list = prices ?? [];
  const set = (i: number, p: Price) => onChange(list.map((x, k) => (k === i ? p : x)));
  return (
    <div className="field wide" data-field="prices">
      <span className="field-label">活动价 Campaign prices</span>
      <table className="grid-table">
        <tbody>
          {list.map((p, i) => {
            const product = catalogue.products.find((x) => x.id === p.productId);
            return (
              <tr key={i}>
                <td>
                  <select value={p.productId} onChange={(e) => set(i, { ...p, productId: e.target.value })}>
                    {catalogue.products.map((x) => (
                      <option key={x.id} value={x.id}>
                        {pickText(x.name, 'zh-CN')}
                      </option>
                    ))}
                  </select>
                  <FieldError messages={issues.get(pathKey(['prices', i, 'productId'])) ?? []} />
                </td>
                <td>
                  <span className="with-unit">
                    ¥<input inputMode="decimal" defaultValue={fenToYuan(p.priceFen)} onChange={(e) => set(i, { ...p, priceFen: yuanToFen(e.target.value) })} aria-label="活动价（元）" />
                  </span>
                  <FieldError messages={issues.get(pathKey(['prices', i, 'priceFen'])) ?? []} />
                </td>
                <td className="muted small">{product ? `原价 ¥${fenToYuan(product.priceFen)}` : ''}</td>
                <td>
                  <button type="button" className="btn small" onClick={() => onChange(list.length === 1 ? undefined : prices?.filter((_, k) => k !== i))}>
                    移除
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="btn small" disabled={catalogue.products.length === 0} onClick={() => onChange([...list, { productId: catalogue.products[0]?.id ?? '', priceFen: Number.NaN }])}>
        ＋ 添加活动价 Add a price
      </button>
    </div>
  );
}
