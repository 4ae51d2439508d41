import type { FastifyInstance } from 'fastify';
import { batchKey, BatchCodeSchema, currentBatch, pairingLine, type Batch, type Producer } from '../../contract/authoring.ts';
import type { Product } from '../../contract/content.ts';
import { pickText, type LocalizedText } from '../../contract/locale.ts';
import { loadCatalogue, type WorkingCatalogue } from '../catalogue/working-catalogue.ts';
import type { PlatformDeps } from '../deps.ts';
import { esc } from './html.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
const ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
const NOT_FOUND = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>未找到</title><body><h1>未找到该批次 · Batch not found</h1></body></html>';
const DEMO = '<p class="demo" data-demo="1">演示内容：产地、生产者与批次为示例数据 · Demo data: origin, producer and batch are examples</p>';

const PRODUCER_KIND: Record<Producer['kind'], string> = { 'co-op': '合作社 Co-op', company: '企业 Company', 'family-farm': '家庭农场 Family farm', household: '农户 Household' };
const RESULT: Record<NonNullable<Batch['inspection']>['result'], string> = { pass: '合格 Pass', fail: '不合格 Fail', pending: '待检 Pending' };

function both(text: LocalizedText | undefined): string {
  if (!text) return '—';
  const zh = pickText(text, 'zh-CN');
  const en = text.en;
  return en && en !== zh ? `${esc(zh)}<br><small lang="en">${esc(en)}</small>` : esc(zh);
}

function row(label: string, value: string, field?: string): string {
  return `<tr${field ? ` data-field="${field}"` : ''}><th>${label}</th><td>${value}</td></tr>`;
}

function page(p: Product, demo: boolean, rows: string[], extra = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>溯源 · ${esc(pickText(p.name, 'zh-CN'))}</title>
<style>body{font:16px system-ui,sans-serif;margin:1em;max-width:40em;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.5em;text-align:left;vertical-align:top}th{width:8em;color:#555;font-weight:normal}.demo{background:#fff3d6;padding:.5em}.older{color:#555}</style>
</head><body><h1>产品溯源 · Traceability</h1>${demo ? DEMO : ''}${extra}<table id="trace" data-product="${esc(p.id)}">${rows.join('')}</table></body></html>`;
}

/** A product without batch records: its current batch fields, as before batch records existed. */
function productPage(p: Product, batch: string): string {
  const o = p.origin;
  return page(p, o.source?.kind === 'demo', [
    row('产品 Product', both(p.name)),
    row('批次 Batch', `<code data-field="batch">${esc(batch)}</code>`),
    row('产地 Origin', [o.province, o.county, o.township].filter((x) => x !== undefined).map(both).join(' · ')),
    row('生产者 Producer', both(o.producer)),
    row('采收 Harvest', both(o.harvest)),
    row('结对帮扶 Pairing', both(p.story.pairing)),
  ]);
}

/** A batch record: its dates, quantity, producer (never the producer's contact), inspection and notes. */
function batchPage(cat: WorkingCatalogue, p: Product, b: Batch, isCurrent: boolean): string {
  const o = p.origin;
  const producer = b.producerId === undefined ? (p.producerId === undefined ? undefined : cat.producers.get(p.producerId)) : cat.producers.get(b.producerId);
  const pairing = p.pairingId === undefined ? undefined : cat.pairings.get(p.pairingId);
  const i = b.inspection;
  const rows = [
    row('产品 Product', both(p.name)),
    row('批次 Batch', `<code data-field="batch">${esc(b.code)}</code>`),
    row('采收 Harvest', `<time data-field="harvest">${esc(b.harvestDate)}</time>`),
    ...(b.packedDate ? [row('包装 Packed', `<time data-field="packed">${esc(b.packedDate)}</time>`)] : []),
    ...(b.quantity ? [row('数量 Quantity', `${esc(String(b.quantity.value))} ${both(b.quantity.unit)}`, 'quantity')] : []),
    row('产地 Origin', [o.province, o.county, o.township].filter((x) => x !== undefined).map(both).join(' · ')),
    producer
      ? row('生产者 Producer', `${both(producer.name)}<br><small>${PRODUCER_KIND[producer.kind]} · ${[producer.county, producer.township].filter((x) => x !== undefined).map(both).join(' · ')}</small>`, 'producer')
      : row('生产者 Producer', both(o.producer), 'producer'),
    ...(i ? [row('检验 Inspection', `${both(i.agency)}<br>${esc(i.date)} · <span data-field="result">${RESULT[i.result]}</span>${i.reportNo ? ` · 报告 No. <code>${esc(i.reportNo)}</code>` : ''}`, 'inspection')] : []),
    ...(b.notes ? [row('备注 Notes', both(b.notes), 'notes')] : []),
    row('结对帮扶 Pairing', both(pairing ? pairingLine(pairing) : p.story.pairing), 'pairing'),
  ];
  const demo = b.source.kind === 'demo' || producer?.source.kind === 'demo';
  const older = isCurrent ? '' : '<p class="older" data-older="1">这是较早的批次 · An earlier batch of this product</p>';
  return page(p, demo, rows, older);
}

/**
 * The page a 溯源码 QR opens (`<traceUrlBase><productId>/<batch>`, with traceUrlBase pointing at
 * `<platform>/trace/`): public, for shoppers' phones; from the platform's working catalogue.
 * A product with batch records answers for any of its batches (codes printed on older packages
 * keep working); one without answers for its current batch fields only. Anything else is a 404.
 */
export function registerTracePage(app: FastifyInstance, deps: PlatformDeps): void {
  app.get<{ Params: { productId: string; batch: string } }>('/trace/:productId/:batch', async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('content-security-policy', CSP);
    const { productId, batch } = req.params;
    const cat = await loadCatalogue(deps.store);
    const product = ID.test(productId) ? cat.products.get(productId) : undefined;
    if (!product || batch.length > 64) return reply.code(404).send(NOT_FOUND);
    const batches = [...cat.batches.values()].filter((b) => b.productId === productId);
    if (batches.length > 0) {
      const record = BatchCodeSchema.safeParse(batch).success ? cat.batches.get(batchKey({ productId, code: batch })) : undefined;
      if (!record) return reply.code(404).send(NOT_FOUND);
      return batchPage(cat, product, record, currentBatch(product, batches)?.code === record.code);
    }
    const current = product.traceBatch ?? product.origin.batch;
    if (current !== undefined && current !== batch) return reply.code(404).send(NOT_FOUND);
    return productPage(product, batch);
  });
}
