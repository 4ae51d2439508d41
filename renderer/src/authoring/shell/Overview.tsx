import { useState } from 'react';
import { pickText } from '../../../../contract/locale.ts';
import { matchesQuery } from '../campaigns/CampaignProducts.tsx';
import { fenToYuan } from '../form/hall-time.ts';
import { seedDemo } from '../api/authoring-api.ts';
import { Thumb } from '../media/MediaTile.tsx';
import { useApp } from './app-context.ts';
import { routeHref } from './route.ts';

/** The catalogue at a glance, and every product with search (name in any locale, pinyin, id, barcode). */
export function Overview() {
  const { catalogue } = useApp();
  return catalogue.meta === null && catalogue.products.length === 0 ? <EmptyCatalogue /> : <ProductOverview />;
}

function ProductOverview() {
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

/** A platform's first visit: nothing to edit yet. Start from the demo catalogue, or import one. */
function EmptyCatalogue() {
  const { reload, notify } = useApp();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    const r = await seedDemo();
    setBusy(false);
    if (!r.ok) return notify(`未能载入演示目录 · Could not load the demo catalogue: ${r.error.message}`, 'error');
    notify(`已载入演示目录（${r.value.products} 个商品） · Demo catalogue loaded (${r.value.products} products)`, 'ok');
    await reload();
  };
  return (
    <section className="page empty-catalogue" data-testid="empty-catalogue">
      <h1>目录为空 · The catalogue is empty</h1>
      <p>
        从演示目录开始（来自帮扶文章的 27 种商品，连同文章所述的结对关系和演示用的生产者、批次记录，可随意修改），或在“目录”页导入表格或内容包。
        <br />
        Start from the demo catalogue (27 products from the assistance articles, with the pairings the articles state and demo producers and batches, yours to change), or import a sheet or a content package on the Catalogue page.
      </p>
      <p>
        <button type="button" className="btn primary" data-testid="seed-demo" disabled={busy} onClick={() => void start()}>
          {busy ? '载入中… Loading…' : '从演示目录开始 · Start from the demo catalogue'}
        </button>{' '}
        <a className="btn" href="/catalogue">
          导入 · Import
        </a>
      </p>
    </section>
  );
}
