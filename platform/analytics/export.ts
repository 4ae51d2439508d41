import ExcelJS from 'exceljs';
import type { FunnelReport } from './funnel.ts';
import { UNIT_KIND_TEXT, type ImpactReport, type ImpactRow } from './impact.ts';
import type { ExportTable } from './params.ts';
import type { UnsoldReport } from './unsold.ts';

export interface Sheet {
  title: string;
  head: string[];
  rows: Array<Array<string | number>>;
}

const yuan = (fen: number) => Number((fen / 100).toFixed(2));
const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : Number((x * 100).toFixed(1)));

const SALES_HEAD = ['销售额(元)', '订单支付(元)', '柜台销售(元)', '退款(元)', '净额(元)', '下单行数', '下单件数', '支付件数', '柜台件数'];
const salesCells = (r: ImpactRow) => [yuan(r.salesFen), yuan(r.paidFen), yuan(r.counterFen), yuan(r.refundFen), yuan(r.netFen), r.orders, r.orderedQty, r.paidQty, r.counterQty];

function impactSheet(title: string, keyHead: string, rows: ImpactRow[]): Sheet {
  return { title, head: [keyHead, ...SALES_HEAD], rows: rows.map((r) => [r.label, ...salesCells(r)]) };
}

/** The rows of one exported table, as the page shows them (money in yuan, shares in %). */
export function sheetOf(table: ExportTable, r: { impact?: ImpactReport; funnel?: FunnelReport; unsold?: UnsoldReport }): Sheet {
  const { impact, funnel, unsold } = r;
  switch (table) {
    case 'county':
      return impactSheet('按县', '县', impact?.byCounty ?? []);
    case 'producer':
      return impactSheet('按合作社/生产者', '合作社/生产者', impact?.byProducer ?? []);
    case 'product':
      return impactSheet('按产品', '产品', impact?.byProduct ?? []);
    case 'period':
      return impactSheet('按时段', '时段', impact?.byPeriod ?? []);
    case 'pairing':
      return { title: '按帮扶关系', head: ['帮扶关系', ...SALES_HEAD, '内容所报帮扶户数'], rows: (impact?.byPairing ?? []).map((p) => [p.label, ...salesCells(p), p.households ?? '未报告']) };
    case 'units':
      return { title: '单位采购', head: ['单位', '类型', '采购额(元)', '帮扶产品(元)', '帮扶产品占比(%)', `达到${Math.round((impact?.unitTarget ?? 0.3) * 100)}%目标`], rows: (impact?.units ?? []).map((u) => [u.name, UNIT_KIND_TEXT[u.kind] ?? u.kind, yuan(u.totalFen), yuan(u.assistanceFen), pct(u.share), u.meetsTarget ? '是' : '否']) };
    case 'funnel-product':
    case 'funnel-campaign': {
      const rows = table === 'funnel-product' ? (funnel?.byProduct ?? []) : (funnel?.byCampaign ?? []);
      return { title: table === 'funnel-product' ? '漏斗-产品' : '漏斗-活动', head: ['名称', '拿起', '平均停留(秒)', '二维码展示', '下单', '支付', '拿起→下单(%)'], rows: rows.map((f) => [f.label, f.lifts, Number((f.dwellMsPerLift / 1000).toFixed(1)), f.qrShown, f.orders, f.paid, pct(f.liftToOrder)]) };
    }
    case 'unsold':
      return { title: '滞销预警', head: ['产品', '县', '级别', '原因', '售出', '上期售出', '趋势(%)', '库存', '售罄率(%)', '拿起', '下单', '转化率(%)', '可售周数', '采收期内'], rows: (unsold?.rows ?? []).map((u) => [u.name, u.county, u.severity === 'high' ? '高' : '关注', u.reasons.join(' '), u.sold, u.soldPrevious, pct(u.trend), u.stockOnHand ?? '', pct(u.sellThrough), u.lifts, u.orders, pct(u.conversion), u.coverWeeks === null ? '' : Number.isFinite(u.coverWeeks) ? Number(u.coverWeeks.toFixed(1)) : '∞', u.inHarvestWindow ? '是' : '否']) };
    default: {
      const never: never = table;
      return never;
    }
  }
}

/** A cell a spreadsheet would run as a formula is written as text (CSV injection). */
function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (RFC 4180, CRLF) with a UTF-8 BOM so spreadsheet programs read the Chinese correctly. */
export function toCsv(s: Sheet): string {
  return `\ufeff${[s.head, ...s.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(s: Sheet, meta: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kiosk platform';
  const ws = wb.addWorksheet(s.title);
  ws.addRow([meta]);
  ws.addRow(s.head).font = { bold: true };
  for (const r of s.rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
