import { LOCALES } from '../../contract/locale.ts';

/**
 * The spreadsheet's columns: one row per product, one column per field a spreadsheet can
 * carry. Nested and localized fields are flattened to dotted headers (`name.zh-CN`). Fields no
 * column covers (map point, certifications, source notes) are kept from the stored product.
 */
export type CellKind = 'id' | 'text' | 'int' | 'number' | 'enum' | 'shaList' | 'string';

export interface SheetColumn {
  header: string;
  /** Where the value lives in a Product. */
  path: readonly string[];
  kind: CellKind;
  /** What the template's notes sheet says about the column. */
  help: string;
  values?: readonly string[];
}

const localized = (base: readonly string[], help: string, locales: readonly string[] = LOCALES): SheetColumn[] =>
  locales.map((l) => ({ header: `${base.join('.')}.${l}`, path: [...base, l], kind: 'text', help: `${help} (${l}${l === 'zh-CN' ? ', required' : ', optional: falls back to zh-CN'})` }));

export const SHEET_COLUMNS: readonly SheetColumn[] = [
  { header: 'id', path: ['id'], kind: 'id', help: 'product id: lowercase letters, digits and dashes; never rename one (events refer to it)' },
  ...localized(['name'], 'name'),
  ...localized(['unit'], 'unit of sale'),
  { header: 'priceFen', path: ['priceFen'], kind: 'int', help: 'price in fen, a whole number (¥38.00 = 3800)' },
  ...localized(['intro'], 'introduction'),
  ...localized(['origin', 'county'], 'county', ['zh-CN', 'en']),
  ...localized(['origin', 'province'], 'province', ['zh-CN', 'en']),
  ...localized(['origin', 'township'], 'township', ['zh-CN', 'en']),
  ...localized(['origin', 'producer'], 'producer or co-op', ['zh-CN', 'en']),
  { header: 'origin.batch', path: ['origin', 'batch'], kind: 'string', help: 'batch code shown with the origin (≤ 64 characters)' },
  { header: 'producerId', path: ['producerId'], kind: 'string', help: 'id of a producer / co-op record (authoring app); its name is shown as the producer when published' },
  { header: 'pairingId', path: ['pairingId'], kind: 'string', help: 'id of a pairing record (authoring app); its line replaces story.pairing when published' },
  ...localized(['story', 'pairing'], 'paired-assistance relation, e.g. 盐田 → 东源'),
  ...localized(['story', 'text'], 'assistance story'),
  { header: 'story.householdsHelped', path: ['story', 'householdsHelped'], kind: 'int', help: 'households helped (only with a source that states it)' },
  { header: 'story.source.kind', path: ['story', 'source', 'kind'], kind: 'enum', values: ['article', 'demo'], help: 'article (facts from a source article) or demo (demo text, labelled as such)' },
  { header: 'story.source.ref', path: ['story', 'source', 'ref'], kind: 'string', help: 'which article' },
  { header: 'unitWeightG', path: ['unitWeightG'], kind: 'number', help: 'grams per unit, for load-cell shelves' },
  { header: 'traceBatch', path: ['traceBatch'], kind: 'string', help: 'batch code the 溯源码 QR opens (≤ 64 characters)' },
  { header: 'barcode', path: ['barcode'], kind: 'string', help: 'retail barcode (GTIN/EAN-13 with a valid check digit); keep the cell as text' },
  { header: 'images', path: ['images'], kind: 'shaList', help: 'sha256 of uploaded pictures, separated by spaces; the first is the main picture' },
];

export const COLUMN_BY_HEADER = new Map(SHEET_COLUMNS.map((c) => [c.header, c]));

type Json = Record<string, unknown>;

/** The cell text of a column for a product ('' when absent). */
export function readCell(product: Json, col: SheetColumn): string {
  let v: unknown = product;
  for (const key of col.path) v = v !== null && typeof v === 'object' ? (v as Json)[key] : undefined;
  if (Array.isArray(v)) return v.join(' ');
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** The typed value of a cell, or an error message; undefined = remove the field. */
export function parseCell(col: SheetColumn, raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = raw.trim();
  if (text === '') return { ok: true, value: undefined };
  switch (col.kind) {
    case 'id':
    case 'text':
    case 'string':
      return { ok: true, value: text };
    case 'int':
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? { ok: true, value: Number(text) } : { ok: false, error: `a whole number, got “${text.slice(0, 40)}”` };
    case 'number':
      return Number.isFinite(Number(text)) ? { ok: true, value: Number(text) } : { ok: false, error: `a number, got “${text.slice(0, 40)}”` };
    case 'enum':
      return col.values?.includes(text) ? { ok: true, value: text } : { ok: false, error: `one of ${col.values?.join(', ')}, got “${text.slice(0, 40)}”` };
    case 'shaList':
      return { ok: true, value: text.split(/[\s,]+/).filter(Boolean) };
    default: {
      const never: never = col.kind;
      return never;
    }
  }
}

/** Sets (or with undefined removes) a nested field, creating objects on the way. */
export function writeCell(product: Json, path: readonly string[], value: unknown): void {
  let node = product;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Json;
  }
  const last = path[path.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Drops objects a removal left empty (an origin.producer with no text left). */
export function pruneEmpty(value: Json): Json {
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      pruneEmpty(v as Json);
      if (Object.keys(v).length === 0) delete value[k];
    }
  }
  return value;
}
