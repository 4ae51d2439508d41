import type { RollupCursor } from './backend.ts';
import { unsoldTable } from './digest.ts';
import type { FunnelReport, FunnelRow } from './funnel.ts';
import { esc, htmlPage, pctText, table, yuanText } from './html.ts';
import { UNIT_KIND_TEXT, type ImpactReport, type ImpactRow } from './impact.ts';
import type { ExportTable } from './params.ts';
import type { UnsoldReport } from './unsold.ts';

export interface PageData {
  impact: ImpactReport;
  funnel: FunnelReport;
  unsold: UnsoldReport;
  kiosk: string | null;
  cursor: RollupCursor;
}

const yuan = (fen: number) => Math.round(fen) / 100;

function salesTable(id: string, keyHead: string, rows: ImpactRow[], extra?: { head: string; cell: (r: ImpactRow) => string | number }): string {
  const head = [keyHead, '销售额', '订单支付', '柜台销售', '退款', '下单件数', '支付件数', '柜台件数', ...(extra ? [extra.head] : [])];
  return table(head, rows.map((r) => [
    { text: r.label, field: 'key' }, { text: yuanText(r.salesFen), num: true, field: 'sales' }, { text: yuanText(r.paidFen), num: true, field: 'paid' },
    { text: yuanText(r.counterFen), num: true, field: 'counter' }, { text: yuanText(r.refundFen), num: true, field: 'refund' },
    { text: r.orderedQty, num: true, field: 'ordered-qty' }, { text: r.paidQty, num: true, field: 'paid-qty' }, { text: r.counterQty, num: true, field: 'counter-qty' },
    ...(extra ? [{ text: extra.cell(r), num: true, field: 'extra' }] : []),
  ]), id);
}

function funnelTable(id: string, rows: FunnelRow[]): string {
  return table(['名称', '拿起', '平均停留', '二维码展示', '下单', '支付', '拿起→下单'], rows.map((f) => [
    { text: f.label, field: 'key' }, { text: f.lifts, num: true, field: 'lifts' }, { text: `${(f.dwellMsPerLift / 1000).toFixed(1)} 秒`, num: true },
    { text: f.qrShown, num: true, field: 'qr' }, { text: f.orders, num: true, field: 'orders' }, { text: f.paid, num: true, field: 'paid' }, { text: pctText(f.liftToOrder), num: true },
  ]), id);
}

function exportLinks(d: PageData, t: ExportTable): string {
  const q = new URLSearchParams({ table: t, from: d.impact.range.from, to: d.impact.range.to, period: d.impact.period, ...(d.kiosk ? { kiosk: d.kiosk } : {}) });
  return `<p class="exports">导出 / export: <a data-export="${t}-csv" href="/analytics/export.csv?${esc(q.toString())}">CSV</a><a data-export="${t}-xlsx" href="/analytics/export.xlsx?${esc(q.toString())}">XLSX</a></p>`;
}

/** What the charts plot (money in yuan), read by page-client.js and by the e2e test. */
function chartData(d: PageData) {
  const i = d.impact;
  const totals = d.funnel.byProduct.reduce((a, f) => ({ lifts: a.lifts + f.lifts, qr: a.qr + f.qrShown, orders: a.orders + f.orders, paid: a.paid + f.paid }), { lifts: 0, qr: 0, orders: 0, paid: 0 });
  return {
    county: { labels: i.byCounty.map((r) => r.label), values: i.byCounty.map((r) => yuan(r.salesFen)) },
    pairing: { labels: i.byPairing.map((r) => r.label), values: i.byPairing.map((r) => yuan(r.salesFen)) },
    period: { labels: i.byPeriod.map((r) => r.label), values: i.byPeriod.map((r) => yuan(r.salesFen)) },
    units: { labels: i.units.map((u) => u.name), values: i.units.map((u) => Math.round(u.share * 1000) / 10), target: i.unitTarget * 100 },
    funnel: { labels: ['拿起', '二维码展示', '下单', '支付'], values: [totals.lifts, totals.qr, totals.orders, totals.paid] },
  };
}

function filterForm(d: PageData): string {
  const r = d.impact.range;
  const opt = (v: string, t: string) => `<option value="${v}"${d.impact.period === v ? ' selected' : ''}>${t}</option>`;
  return `<form method="get" action="/analytics"><label>从 <input type="date" name="from" value="${esc(r.from)}"></label><label>至 <input type="date" name="to" value="${esc(r.to)}"></label>
<label>时段 <select name="period">${opt('day', '日')}${opt('week', '周')}${opt('month', '月')}</select></label><label>终端 <input name="kiosk" size="10" value="${esc(d.kiosk ?? '')}" placeholder="全部"></label><button>查询</button></form>`;
}

function summary(d: PageData): string {
  const t = d.impact.totals;
  const items: Array<[string, string, string]> = [['sales', '销售额(订单支付+柜台)', yuanText(t.salesFen)], ['paid', '订单支付', yuanText(t.paidFen)], ['counter', '柜台销售', yuanText(t.counterFen)], ['refund', '退款', yuanText(t.refundFen)], ['net', '净额', yuanText(t.netFen)], ['orders', '下单行数', String(t.orders)]];
  return `<dl class="grid">${items.map(([k, label, v]) => `<div><dt>${esc(label)}</dt><dd data-total="${k}" style="font-size:20px;margin:0">${esc(v)}</dd></div>`).join('')}</dl>`;
}

function body(d: PageData): string {
  const i = d.impact;
  const chart = (name: string, title: string) => `<div><h3>${esc(title)}</h3><div class="chart" data-chart="${name}"></div></div>`;
  return `<p><a href="/">概览</a> · <a href="/fleet">终端</a> · <a href="/analytics/digest">滞销周报</a></p>
<h1>消费帮扶成效 · 滞销预警 · 转化漏斗</h1>${filterForm(d)}
<p class="note">${esc(i.range.from)} 至 ${esc(i.range.to)}${d.kiosk ? `,终端 ${esc(d.kiosk)}` : ',全部终端'};产品归属取自内容版本 ${esc(i.contentVersion)};已汇总 ${esc(d.cursor.folded)} 条事件(无法解析 ${esc(d.cursor.skipped)} 条)。</p>
${summary(d)}<div class="grid">${chart('county', '按县销售额(元)')}${chart('period', '按时段销售额(元)')}${chart('pairing', '按帮扶关系销售额(元)')}${chart('units', '单位采购中帮扶产品占比(%)')}${chart('funnel', '转化漏斗')}</div>
<h2>按县</h2>${salesTable('by-county', '县', i.byCounty)}${exportLinks(d, 'county')}
<h2>按帮扶关系</h2>${salesTable('by-pairing', '帮扶关系', i.byPairing, { head: '内容所报帮扶户数', cell: (r) => (r as (typeof i.byPairing)[number]).households ?? '未报告' })}
<p class="note">帮扶户数是内容(帮扶故事)自己报告的数字,不是由销售推算;同一帮扶关系的多个产品重复同一总数时只显示一次。</p>${exportLinks(d, 'pairing')}
<h2>按合作社 / 生产者</h2>${salesTable('by-producer', '合作社/生产者', i.byProducer)}${exportLinks(d, 'producer')}
<h2>按产品</h2>${salesTable('by-product', '产品', i.byProduct)}${exportLinks(d, 'product')}
<h2>按时段</h2>${salesTable('by-period', '时段', i.byPeriod)}${exportLinks(d, 'period')}
<h2>单位采购(预留不低于 ${esc(Math.round(i.unitTarget * 100))}% 帮扶产品)</h2>${table(['单位', '类型', '采购额', '帮扶产品', '占比', '达标'], i.units.map((u) => [
    { text: u.name, field: 'key' }, { text: UNIT_KIND_TEXT[u.kind] ?? u.kind }, { text: yuanText(u.totalFen), num: true, field: 'total' }, { text: yuanText(u.assistanceFen), num: true, field: 'assistance' },
    { text: pctText(u.share), num: true, field: 'share' }, { text: u.meetsTarget ? '达标' : '未达标', cls: u.meetsTarget ? 'ok' : 'bad' },
  ]), 'units')}<p class="note">单位采购来自带有采购单位(buyer)的订单与柜台销售,按支付/销售当日计入,退款不冲减;30% 预留目标针对预算单位,其他单位仅作参考。</p>${exportLinks(d, 'units')}
<h2>转化漏斗 · 按产品</h2>${funnelTable('funnel-product', d.funnel.byProduct)}${exportLinks(d, 'funnel-product')}
<h2>转化漏斗 · 按活动</h2>${funnelTable('funnel-campaign', d.funnel.byCampaign)}<p class="note">活动的拿起、停留、二维码为其推荐产品在活动期间的数字;下单、支付为按活动价成交的件数。不含任何个人信息。</p>${exportLinks(d, 'funnel-campaign')}
<h2>滞销监测预警(截至 ${esc(d.unsold.to)},近 ${esc(d.unsold.thresholds.windowDays)} 天)</h2>${unsoldTable(d.unsold)}${exportLinks(d, 'unsold')}
<script type="application/json" id="analytics-data">${JSON.stringify(chartData(d)).replace(/</g, '\\u003c')}</script>`;
}

/** The impact page (`/analytics`), or an error page when the query was bad. */
export function renderAnalyticsPage(d: PageData | null, error: string | null): string {
  if (d === null) return htmlPage('消费帮扶成效', `<h1>消费帮扶成效</h1><p class="error">${esc(error)}</p><p><a href="/analytics">重新查询</a></p>`);
  return htmlPage('消费帮扶成效', body(d), ['/analytics/echarts.min.js', '/analytics/page-client.js']);
}
