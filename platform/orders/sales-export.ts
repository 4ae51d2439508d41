import ExcelJS from 'exceljs';
import { yuan } from './html.ts';
import type { MoneyEventRecord, OrderStore } from './order-store.ts';

/** One money movement of a kiosk: a sale or paid order (in) or a refund (out), integer fen. */
export interface SalesRow {
  kioskId: string;
  day: string;
  deviceTime: string;
  kind: 'sale' | 'sale-refund' | 'order-payment' | 'order-refund';
  ref: string;
  detail: string;
  inFen: number;
  outFen: number;
  eventId: string;
}

export const SALES_HEADER = ['kiosk', 'day', 'device time', 'kind', 'sale/order id', 'method/detail', 'in (fen)', 'refund (fen)', 'net (fen)', 'net (yuan)', 'event id'];

function rowOf(e: MoneyEventRecord): SalesRow | null {
  const base = { kioskId: e.kioskId, day: e.day, deviceTime: e.deviceTime, ref: e.refId, eventId: e.eventId };
  if (e.type === 'sale.completed') return { ...base, kind: 'sale', detail: e.action, inFen: e.amountFen, outFen: 0 };
  if (e.type === 'sale.refunded') return { ...base, kind: 'sale-refund', detail: e.action, inFen: 0, outFen: e.amountFen };
  if (e.type === 'order.state' && e.action === 'pay') return { ...base, kind: 'order-payment', detail: e.paymentId ?? '', inFen: e.amountFen, outFen: 0 };
  if (e.type === 'order.state' && e.action === 'refund') return { ...base, kind: 'order-refund', detail: '', inFen: 0, outFen: e.amountFen };
  return null;
}

/** The kiosks' money movements in a day range, from the projection of their own events. */
export async function salesRows(store: OrderStore, f: { kioskId?: string; fromDay?: string; toDay?: string }): Promise<{ rows: SalesRow[]; inFen: number; outFen: number }> {
  const events = await store.moneyEvents({ ...f, types: ['sale.completed', 'sale.refunded', 'order.state'] });
  const rows = events.map(rowOf).filter((r) => r !== null);
  const inFen = rows.reduce((s, r) => s + r.inFen, 0);
  const outFen = rows.reduce((s, r) => s + r.outFen, 0);
  return { rows, inFen, outFen };
}

/** A spreadsheet cell that starts like a formula is prefixed, so a product name cannot run in Excel. */
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

function cells(r: SalesRow): Array<string | number> {
  return [safe(r.kioskId), r.day, r.deviceTime, r.kind, safe(r.ref), safe(r.detail), r.inFen, r.outFen, r.inFen - r.outFen, yuan(r.inFen - r.outFen), r.eventId];
}

const totalCells = (inFen: number, outFen: number) => ['TOTAL', '', '', '', '', '', inFen, outFen, inFen - outFen, yuan(inFen - outFen), ''];

export function salesCsv(data: Awaited<ReturnType<typeof salesRows>>): string {
  const q = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  const lines = [SALES_HEADER, ...data.rows.map(cells), totalCells(data.inFen, data.outFen)].map((r) => r.map(q).join(','));
  // A BOM so spreadsheet programs read the UTF-8 (Chinese) text as such.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function salesXlsx(data: Awaited<ReturnType<typeof salesRows>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('sales');
  sheet.addRow(SALES_HEADER).font = { bold: true };
  for (const r of data.rows) sheet.addRow(cells(r));
  // Totals as values (not formulas): they tie to the fen without a spreadsheet recomputing them.
  sheet.addRow(totalCells(data.inFen, data.outFen)).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}
