import type { FastifyInstance } from 'fastify';
import type { Product } from '../../contract/content.ts';
import { pickText, type LocalizedText } from '../../contract/locale.ts';
import { loadCatalogue } from '../catalogue/working-catalogue.ts';
import type { PlatformDeps } from '../deps.ts';
import { esc } from './html.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
const ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

function both(text: LocalizedText | undefined): string {
  if (!text) return '—';
  const zh = pickText(text, 'zh-CN');
  const en = text.en;
  return en && en !== zh ? `${esc(zh)}<br><small lang="en">${esc(en)}</small>` : esc(zh);
}

function row(label: string, value: string): string {
  return `<tr><th>${label}</th><td>${value}</td></tr>`;
}

function tracePage(p: Product, batch: string): string {
  const o = p.origin;
  const demo = o.source?.kind === 'demo' ? '<p class="demo" data-demo="1">演示内容：产地、生产者与批次为示例数据 · Demo data: origin, producer and batch are examples</p>' : '';
  const rows = [
    row('产品 Product', both(p.name)),
    row('批次 Batch', `<code data-field="batch">${esc(batch)}</code>`),
    row('产地 Origin', [o.province, o.county, o.township].filter((x) => x !== undefined).map(both).join(' · ')),
    row('生产者 Producer', both(o.producer)),
    row('采收 Harvest', both(o.harvest)),
    row('结对帮扶 Pairing', both(p.story.pairing)),
  ].join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>溯源 · ${esc(pickText(p.name, 'zh-CN'))}</title>
<style>body{font:16px system-ui,sans-serif;margin:1em;max-width:40em;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.5em;text-align:left;vertical-align:top}th{width:8em;color:#555;font-weight:normal}.demo{background:#fff3d6;padding:.5em}</style>
</head><body><h1>产品溯源 · Traceability</h1>${demo}<table id="trace" data-product="${esc(p.id)}">${rows}</table></body></html>`;
}

/**
 * The page a 溯源码 QR opens (`<traceUrlBase><productId>/<batch>`, with traceUrlBase pointing at
 * `<platform>/trace/`): public, for shoppers' phones; from the platform's working catalogue.
 * An unknown product or a batch that is not the product's current one is a 404, never a guess.
 */
export function registerTracePage(app: FastifyInstance, deps: PlatformDeps): void {
  app.get<{ Params: { productId: string; batch: string } }>('/trace/:productId/:batch', async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('content-security-policy', CSP);
    const { productId, batch } = req.params;
    const cat = await loadCatalogue(deps.store);
    const product = ID.test(productId) ? cat.products.get(productId) : undefined;
    const current = product ? (product.traceBatch ?? product.origin.batch) : undefined;
    if (!product || batch.length > 64 || (current !== undefined && current !== batch)) {
      return reply.code(404).send('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>未找到</title><body><h1>未找到该批次 · Batch not found</h1></body></html>');
    }
    return tracePage(product, batch);
  });
}
