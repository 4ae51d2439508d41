import { esc, htmlPage, pctText, table } from './html.ts';
import { addDays, isoWeek } from './periods.ts';
import type { UnsoldReason, UnsoldReport, UnsoldRow } from './unsold.ts';

export const REASON_TEXT: Record<UnsoldReason, string> = {
  'low-sell-through': '售罄率低',
  'low-conversion': '拿起→下单转化低',
  'long-stock-cover': '库存可售周数过长',
};

const trendText = (r: UnsoldRow) => (r.trend === null ? '上期无销售' : `${r.trend >= 0 ? '+' : ''}${(r.trend * 100).toFixed(0)}%`);
const spark = (w: number[]) => w.map((n) => '▁▂▃▄▅▆▇█'[Math.min(7, Math.round((n / Math.max(1, ...w)) * 7))] ?? '▁').join('');

/** One line per warned product, for the text digest. */
function line(r: UnsoldRow): string {
  const reasons = r.reasons.map((x) => REASON_TEXT[x]).join('、');
  return `- [${r.severity === 'high' ? '高' : '关注'}] ${r.name}(${r.county || '未知县'}):${reasons};售出 ${r.sold}(${trendText(r)}),库存 ${r.stockOnHand ?? '未知'},售罄率 ${pctText(r.sellThrough)},转化率 ${pctText(r.conversion)}${r.inHarvestWindow ? ',正值采收期' : ''};近8周 ${spark(r.weekly)}`;
}

/** The weekly unsold-produce digest (滞销监测预警周报) as plain text (for a mail or chat gateway; nothing is sent from here). */
export function digestText(u: UnsoldReport): string {
  const head = `滞销监测预警周报 ${isoWeek(u.to)}(${addDays(u.to, -(u.thresholds.windowDays - 1))} 至 ${u.to},内容版本 ${u.contentVersion})`;
  const high = u.rows.filter((r) => r.severity === 'high');
  const watch = u.rows.filter((r) => r.severity !== 'high');
  return [head, '', `高风险 ${high.length} 个,关注 ${watch.length} 个。`, '', ...high.map(line), ...watch.map(line), '',
    `阈值:售罄率 < ${pctText(u.thresholds.minSellThrough)},转化率 < ${pctText(u.thresholds.minConversion)}(拿起 ≥ ${u.thresholds.minLifts}),可售 > ${u.thresholds.maxCoverWeeks} 周,采收后 ${u.thresholds.seasonMonths} 个月内为采收期。`, ''].join('\n');
}

export function unsoldTable(u: UnsoldReport): string {
  return table(
    ['产品', '县', '级别', '原因', '售出', '趋势', '近8周', '库存', '售罄率', '拿起', '下单', '转化率', '采收期'],
    u.rows.map((r) => [
      { text: r.name, field: 'product' }, { text: r.county }, { text: r.severity === 'high' ? '高' : '关注', cls: r.severity === 'high' ? 'high' : '' },
      { text: r.reasons.map((x) => REASON_TEXT[x]).join('、'), field: 'reasons' }, { text: r.sold, num: true, field: 'sold' }, { text: trendText(r), num: true },
      { text: spark(r.weekly) }, { text: r.stockOnHand ?? '未知', num: true }, { text: pctText(r.sellThrough), num: true },
      { text: r.lifts, num: true }, { text: r.orders, num: true }, { text: pctText(r.conversion), num: true }, { text: r.inHarvestWindow ? '是' : '否' },
    ]),
    'unsold',
  );
}

/** The weekly digest as a page (`/analytics/digest`). */
export function renderDigest(u: UnsoldReport): string {
  const text = digestText(u).split('\n');
  return htmlPage(`滞销监测预警周报 ${isoWeek(u.to)}`, `<p><a href="/analytics">← 帮扶成效</a></p><h1>${esc(text[0])}</h1><p>${esc(text[2])}</p>${unsoldTable(u)}
<p class="note">${esc(text[text.length - 2])}</p><p class="exports"><a href="/analytics/digest.txt?to=${esc(u.to)}">纯文本</a><a href="/analytics/export.csv?table=unsold&amp;to=${esc(u.to)}">CSV</a><a href="/analytics/export.xlsx?table=unsold&amp;to=${esc(u.to)}">XLSX</a></p>`);
}
