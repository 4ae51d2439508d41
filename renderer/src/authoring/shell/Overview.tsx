import { useState } from 'react';
import { pickText } from '../../../../contract/locale.ts';
import { matchesQuery } from '../campaigns/CampaignProducts.tsx';
import { fenToYuan } from '../form/hall-time.ts';
import { Thumb } from '../media/MediaTile.tsx';
import { useApp } from './app-context.ts';
import { routeHref } from './route.ts';

/** The catalogue at a glance, and every product with search (name in any locale, pinyin, id, barcode). */
export function Overview() {
  const { catalogue } = useApp();
  const [query, setQuery] = useState('');
  const producers = new Map(catalogue.producers.map((p) => [p.id, p]));
  const products = catalogue.products.filter((p) => matchesQuery(query, [p.id, p.name['zh-CN'], p.name['zh-TW'] ?? '', p.name.en ?? '', p.barcode ?? '']));
  const counts: Array<[string, number, string]> = [
    ['商品 Products', catalogue.products.length, routeHref({ screen: 'overview' })],
    ['生产者 Producers', catalogue.producers.length, routeHref({ screen: 'list', kind: 'producer' })],
    ['帮扶关系 Pairings', catalogue.pairings.length, routeHref({ screen: 'list', kind: 'pairing' })],
    ['批次 Batches', catalogue.batches.length, routeHref({ screen: 'list', kind: 'batch' })],
    ['活动 Campaigns', catalogue.campaigns.length, routeHref({ screen: 'list', kind: 'campaign' })],
    ['媒体 Media', catalogue.media.filter((m) => m.of === undefined).length, routeHref({ screen: 'media' })],
  ];
  return (
    <section className="page" data-testid="overview">
      <ul className="stats">
        {counts.map(([label, n, href]) => (
          <li key={label}>
            <a href={href}>
              <strong>{n}</strong>
              <span>{label}</span>
            </a>
          </li>
        ))}
      </ul>
      <header className="page-head">
        <h1>商品 · Products</h1>
        <input className="search" type="search" data-testid="product-search" placeholder="搜索 名称 / 拼音首字母 / id / 条码 · Search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="muted">
          {products.length} / {catalogue.products.length}
        </span>
        <a className="btn primary" href={routeHref({ screen: 'edit', kind: 'product', id: null })}>
          ＋ 新商品 New
        </a>
      </header>
      <table className="list-table" data-testid="product-list">
        <thead>
          <tr>
            <th aria-label="图片" />
            <th>名称 Name</th>
            <th>English</th>
            <th>价格 Price</th>
            <th>产地 County</th>
            <th>生产者 Producer</th>
            <th>编号 Id</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.id} data-product-id={p.id}>
              <td className="thumb-cell">{p.images[0] !== undefined && <Thumb sha={p.images[0]} media={catalogue.media} />}</td>
              <td>
                <a href={routeHref({ screen: 'edit', kind: 'product', id: p.id })}>{pickText(p.name, 'zh-CN')}</a>
              </td>
              <td className="muted clip">{p.name.en ?? '—'}</td>
              <td className="num">
                ¥{fenToYuan(p.priceFen)} / {pickText(p.unit, 'zh-CN')}
              </td>
              <td className="clip">{pickText(p.origin.county, 'zh-CN')}</td>
              <td className="clip">{p.producerId === undefined ? '—' : pickText(producers.get(p.producerId)?.name, 'zh-CN') || p.producerId}</td>
              <td className="mono clip">{p.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
