import ExcelJS from 'exceljs';
import type { Product } from '../../contract/content.ts';
import { SHEET_COLUMNS } from '../../platform/catalogue/sheet-columns.ts';
import { productRows } from '../../platform/catalogue/sheet-io.ts';

/** The invalid rows the 1,000-row sheet carries: sheet row → the column at fault. */
export interface BadRow {
  row: number;
  id: string | null;
  column: string;
  message?: string;
}

export interface ImportSheet {
  xlsx: Buffer;
  bad: BadRow[];
  changed: { id: string; nameZh: string; storyEn: string };
  counts: { new: number; changed: number; unchanged: number; invalid: number };
}

const col = (header: string) => SHEET_COLUMNS.findIndex((c) => c.header === header);

function newRow(n: number): string[] {
  const cells = SHEET_COLUMNS.map(() => '');
  const set = (h: string, v: string) => (cells[col(h)] = v);
  const id = `import-item-${String(n).padStart(4, '0')}`;
  set('id', id);
  set('name.zh-CN', `导入商品 ${n}（示例）`);
  set('name.en', `Imported item ${n} (demo)`);
  set('unit.zh-CN', '袋');
  set('priceFen', String(1000 + n));
  set('intro.zh-CN', `演示商品：第 ${n} 行导入。`);
  set('origin.county.zh-CN', '东源县');
  set('story.pairing.zh-CN', '盐田 → 东源');
  set('story.text.zh-CN', '演示文字。');
  set('story.source.kind', 'demo');
  return cells;
}

/**
 * A 1,000-row sheet over the seeded demo catalogue: its 27 products (one of them edited) and
 * 973 new ones, 8 of which are bad in 8 different ways at known rows.
 */
export async function buildImportSheet(existing: readonly Product[]): Promise<ImportSheet> {
  const rows = productRows(existing);
  const target = existing.findIndex((p) => p.id === 'dongyuan-eggs');
  const changed = { id: 'dongyuan-eggs', nameZh: '东源鸡蛋（新批次·导入）', storyEn: 'Story text replaced by the spreadsheet import (demo).' };
  rows[target]![col('name.zh-CN')] = changed.nameZh;
  rows[target]![col('story.text.en')] = changed.storyEn;
  const bad: BadRow[] = [];
  const fresh = Array.from({ length: 1000 - rows.length }, (_, i) => newRow(i + 1));
  const at = (k: number) => rows.length + k + 2; // sheet row of fresh[k]
  const idOf = (k: number) => fresh[k]![col('id')] ?? '';
  const spoil = (k: number, header: string, value: string, column = header, message?: string) => {
    fresh[k]![col(header)] = value;
    bad.push({ row: at(k), id: header === 'id' && value === '' ? null : (fresh[k]![col('id')] ?? null), column, ...(message ? { message } : {}) });
  };
  spoil(100, 'priceFen', '12.50', 'priceFen', 'a whole number, got “12.50”');
  for (const l of ['zh-CN', 'zh-TW', 'en']) fresh[200]![col(`name.${l}`)] = '';
  bad.push({ row: at(200), id: idOf(200), column: 'name.zh-CN', message: 'required, but the cell is empty' });
  spoil(300, 'barcode', '6901234567890', 'barcode', 'barcode: a GTIN with a valid check digit');
  spoil(400, 'id', idOf(399), 'id', `the same id is already on row ${at(399)}`);
  spoil(500, 'id', 'Bad_ID', 'id', 'product id: lowercase letters, digits and dashes');
  spoil(600, 'images', 'f'.repeat(64), 'images');
  spoil(700, 'story.source.kind', 'rumour', 'story.source.kind', 'one of article, demo, got “rumour”');
  spoil(800, 'priceFen', '-5', 'priceFen');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('products');
  ws.addRow(SHEET_COLUMNS.map((c) => c.header));
  for (const r of [...rows, ...fresh]) ws.addRow(r);
  const xlsx = Buffer.from(await book.xlsx.writeBuffer());
  return { xlsx, bad, changed, counts: { new: fresh.length - bad.length, changed: 1, unchanged: rows.length - 1, invalid: bad.length } };
}
