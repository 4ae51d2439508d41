import ExcelJS from 'exceljs';
import type { Product } from '../../contract/content.ts';
import { readCell, SHEET_COLUMNS } from './sheet-columns.ts';

/** A parsed sheet: the header cells and each non-empty data row with its sheet row number. */
export interface Sheet {
  headers: string[];
  rows: Array<{ row: number; cells: string[] }>;
}

export class SheetReadError extends Error {
  override name = 'SheetReadError';
}

export const MAX_SHEET_ROWS = 20_000;
export const SHEET_MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv' } as const;
export type SheetFormat = keyof typeof SHEET_MIME;

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v);
  return cell.text;
}

/** Reads the first worksheet of an XLSX file. */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new SheetReadError(`not a readable XLSX file: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`);
  }
  const ws = book.worksheets[0];
  if (!ws || ws.rowCount === 0) throw new SheetReadError('the workbook has no sheet with rows');
  if (ws.rowCount > MAX_SHEET_ROWS + 1) throw new SheetReadError(`at most ${MAX_SHEET_ROWS} rows per import, the sheet has ${ws.rowCount - 1}`);
  const width = ws.getRow(1).cellCount;
  const headers = Array.from({ length: width }, (_, i) => cellText(ws.getRow(1).getCell(i + 1)));
  const rows: Sheet['rows'] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1)));
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: r, cells });
  }
  return { headers, rows };
}

/** Splits RFC 4180 CSV text into records (quotes, doubled quotes, CRLF or LF); a stray quote is an error, not a guess. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    field = '';
    record = [];
    if (records.length > MAX_SHEET_ROWS + 1) throw new SheetReadError(`at most ${MAX_SHEET_ROWS} rows per import`);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\n') line++;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') {
        quoted = false;
        continue;
      }
      field += ch;
    } else if (ch === '"') {
      if (field !== '') throw new SheetReadError(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') continue;
      endRecord();
    } else field += ch;
  }
  if (quoted) throw new SheetReadError('the file ends inside a quoted field');
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** CSV in UTF-8 (a BOM is dropped). */
export function readCsv(bytes: Buffer): Sheet {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const [headers, ...data] = csvRecords(text);
  if (!headers) throw new SheetReadError('the file is empty');
  const rows = data.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { headers, rows };
}

export async function readSheet(format: SheetFormat, bytes: Buffer): Promise<Sheet> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The products as rows under the full header (an empty list gives the bare template). */
export function productRows(products: readonly Product[]): string[][] {
  return products.map((p) => SHEET_COLUMNS.map((c) => readCell(p, c)));
}

export function writeCsv(products: readonly Product[]): Buffer {
  const lines = [SHEET_COLUMNS.map((c) => c.header), ...productRows(products)].map((r) => r.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** XLSX with every cell as text (barcodes keep leading zeros) and a second sheet explaining each column. */
export async function writeXlsx(products: readonly Product[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('products');
  ws.columns = SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.header, width: Math.min(40, Math.max(12, c.header.length + 2)), style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  for (const r of productRows(products)) ws.addRow(r);
  const notes = book.addWorksheet('columns');
  notes.columns = [{ header: 'column', key: 'c', width: 28 }, { header: 'meaning', key: 'm', width: 100 }];
  for (const c of SHEET_COLUMNS) notes.addRow({ c: c.header, m: c.help });
  return Buffer.from(await book.xlsx.writeBuffer());
}
