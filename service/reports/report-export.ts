import ExcelJS from 'exceljs';
import type { Locale } from '../../contract/locale.ts';
import type { StoreReport } from '../../contract/sales.ts';

/** Column and row labels of the exported files (the service has no access to the renderer's i18n). */
const LABELS: Record<Locale, Record<string, string>> = {
  'zh-CN': { title: '门店报表', period: '期间', from: '起', to: '止', metric: '项目', value: '数值', salesCount: '柜台销售笔数', salesFen: '柜台销售额', saleRefundsCount: '退款笔数', saleRefundsFen: '退款金额', ordersCount: '订单数', ordersPaidCount: '已付订单数', ordersPaidFen: '已付订单金额', orderRefundsFen: '订单退款金额', netFen: '净额', product: '商品', productId: '商品编号', soldQty: '柜台售出件数', soldFen: '柜台销售额', orderedQty: '下单件数', lifts: '拿起次数', conversion: '拿起→下单转化率', today: '今天', week: '本周' },
  'zh-TW': { title: '門店報表', period: '期間', from: '起', to: '止', metric: '項目', value: '數值', salesCount: '櫃台銷售筆數', salesFen: '櫃台銷售額', saleRefundsCount: '退款筆數', saleRefundsFen: '退款金額', ordersCount: '訂單數', ordersPaidCount: '已付訂單數', ordersPaidFen: '已付訂單金額', orderRefundsFen: '訂單退款金額', netFen: '淨額', product: '商品', productId: '商品編號', soldQty: '櫃台售出件數', soldFen: '櫃台銷售額', orderedQty: '下單件數', lifts: '拿起次數', conversion: '拿起→下單轉化率', today: '今天', week: '本週' },
  en: { title: 'Store report', period: 'Period', from: 'From', to: 'To', metric: 'Metric', value: 'Value', salesCount: 'Counter sales', salesFen: 'Counter sales (¥)', saleRefundsCount: 'Refunds', saleRefundsFen: 'Refunds (¥)', ordersCount: 'Orders', ordersPaidCount: 'Paid orders', ordersPaidFen: 'Paid orders (¥)', orderRefundsFen: 'Order refunds (¥)', netFen: 'Net (¥)', product: 'Product', productId: 'Product id', soldQty: 'Sold at counter', soldFen: 'Counter sales (¥)', orderedQty: 'Ordered', lifts: 'Lifts', conversion: 'Lift → order', today: 'Today', week: 'This week' },
};

const MONEY = ['salesFen', 'saleRefundsFen', 'ordersPaidFen', 'orderRefundsFen', 'netFen'] as const;
const COUNTS = ['salesCount', 'saleRefundsCount', 'ordersCount', 'ordersPaidCount'] as const;
const SUMMARY = ['salesCount', 'salesFen', 'saleRefundsCount', 'saleRefundsFen', 'ordersCount', 'ordersPaidCount', 'ordersPaidFen', 'orderRefundsFen', 'netFen'] as const;

/** Fen as yuan text with 2 decimals, integer maths only (1280 → "12.80"). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function csvCell(v: string | number): string {
  const s = String(v);
  // Quote anything with a separator, quote or line break; text starting with = + @ or a "-" that
  // begins no number would run as a formula in a spreadsheet (amounts such as -1.50 stay numbers).
  const safe = /^(?:[=+@]|-(?!\d))/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function summaryValue(report: StoreReport, key: (typeof SUMMARY)[number]): string | number {
  return (MONEY as readonly string[]).includes(key) ? yuan(report[key]) : report[key];
}

/** The report as CSV (UTF-8 with BOM so spreadsheet apps read Chinese): summary, a blank line, products. */
export function reportCsv(report: StoreReport, locale: Locale, nameOf: (id: string) => string): string {
  const L = LABELS[locale];
  const rows: Array<Array<string | number>> = [[L.title ?? '', L[report.period] ?? report.period, `${report.fromDay} – ${report.toDay}`], [L.metric ?? '', L.value ?? '']];
  for (const key of SUMMARY) rows.push([L[key] ?? key, summaryValue(report, key)]);
  rows.push([]);
  rows.push(['productId', 'product', 'soldQty', 'soldFen', 'orderedQty', 'lifts', 'conversion'].map((k) => L[k] ?? k));
  for (const p of report.products) rows.push([p.productId, nameOf(p.productId), p.soldQty, yuan(p.soldFen), p.orderedQty, p.lifts, p.conversion === null ? '' : p.conversion]);
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The report as an XLSX workbook: a summary sheet and a products sheet, amounts as ¥ numbers with 2 decimals. */
export async function reportXlsx(report: StoreReport, locale: Locale, nameOf: (id: string) => string): Promise<Buffer> {
  const L = LABELS[locale];
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(report.to);
  const money = '"¥"#,##0.00';
  const summary = wb.addWorksheet(L.title ?? 'Report');
  summary.columns = [{ width: 24 }, { width: 18 }];
  summary.addRow([L.period, L[report.period]]);
  summary.addRow([L.from, report.fromDay]);
  summary.addRow([L.to, report.toDay]);
  summary.addRow([L.metric, L.value]).font = { bold: true };
  for (const key of SUMMARY) {
    const isMoney = (MONEY as readonly string[]).includes(key);
    const row = summary.addRow([L[key], isMoney ? report[key] / 100 : report[key]]);
    if (isMoney) row.getCell(2).numFmt = money;
    else if ((COUNTS as readonly string[]).includes(key)) row.getCell(2).numFmt = '0';
  }
  const products = wb.addWorksheet(L.product ?? 'Products');
  products.columns = ['productId', 'product', 'soldQty', 'soldFen', 'orderedQty', 'lifts', 'conversion'].map((k) => ({ header: L[k] ?? k, key: k, width: k === 'product' ? 28 : 16 }));
  products.getRow(1).font = { bold: true };
  for (const p of report.products) {
    const row = products.addRow({ ...p, product: nameOf(p.productId), soldFen: p.soldFen / 100, conversion: p.conversion ?? '' });
    row.getCell('soldFen').numFmt = money;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
