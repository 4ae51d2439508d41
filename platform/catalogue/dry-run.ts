import { ProductSchema, type Product } from '../../contract/content.ts';
import { COLUMN_BY_HEADER, parseCell, pruneEmpty, readCell, SHEET_COLUMNS, writeCell, type SheetColumn } from './sheet-columns.ts';

export interface RowChange {
  column: string;
  from: string;
  to: string;
}
export interface RowIssue {
  column: string;
  message: string;
}
export type RowStatus = 'new' | 'changed' | 'unchanged' | 'invalid';
/** One spreadsheet row in the dry-run report; `row` is the sheet's own row number (header = 1). */
export interface RowOutcome {
  row: number;
  id: string | null;
  status: RowStatus;
  changes: RowChange[];
  errors: RowIssue[];
}

export type HeaderCheck = { ok: true; columns: SheetColumn[] } | { ok: false; message: string };

/** The header row must name known columns, each once, `id` among them: a typo must not silently drop a column. */
export function checkHeader(headers: string[]): HeaderCheck {
  const columns: SheetColumn[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of headers.entries()) {
    const h = raw.trim();
    const col = COLUMN_BY_HEADER.get(h);
    if (!col) return { ok: false, message: `column ${i + 1} “${h.slice(0, 60)}” is not a known column (download the template for the list)` };
    if (seen.has(h)) return { ok: false, message: `column “${h}” appears twice` };
    seen.add(h);
    columns.push(col);
  }
  if (!seen.has('id')) return { ok: false, message: 'the sheet has no “id” column' };
  return { ok: true, columns };
}

/** Maps a schema issue path (`origin.county`) to the first column under it. */
function columnFor(path: ReadonlyArray<PropertyKey>): string {
  const joined = path.map(String).join('.');
  const exact = COLUMN_BY_HEADER.get(joined);
  if (exact) return exact.header;
  return SHEET_COLUMNS.find((c) => c.header.startsWith(`${joined}.`))?.header ?? (joined || 'row');
}

/** zod's "expected object, received undefined" means an empty required cell: say so. */
function issueText(issue: { code: string; message: string }): string {
  return issue.code === 'invalid_type' && issue.message.endsWith('received undefined') ? 'required, but the cell is empty' : issue.message;
}

export interface PlanContext {
  existing: ReadonlyMap<string, Product>;
  /** sha256 of media the catalogue holds (images must be among them). */
  media: ReadonlySet<string>;
  /** ids seen in earlier rows → their row number. */
  seen: Map<string, number>;
  /** Producer and pairing record ids a product may name (absent: no records to check against). */
  producers?: ReadonlySet<string>;
  pairings?: ReadonlySet<string>;
}

/** Records a product names that do not exist. */
function unknownRecords(p: Product, ctx: PlanContext): RowIssue[] {
  const out: RowIssue[] = [];
  if (p.producerId !== undefined && !ctx.producers?.has(p.producerId)) out.push({ column: 'producerId', message: `no producer “${p.producerId}” (add it in the authoring app first)` });
  if (p.pairingId !== undefined && !ctx.pairings?.has(p.pairingId)) out.push({ column: 'pairingId', message: `no pairing “${p.pairingId}” (add it in the authoring app first)` });
  return out;
}

const invalid = (row: number, id: string | null, errors: RowIssue[]): { outcome: RowOutcome } => ({ outcome: { row, id, status: 'invalid', changes: [], errors } });

/** What one row would do: the product it yields and the change, or why it is invalid. Pure. */
export function planRow(row: number, cells: readonly string[], columns: readonly SheetColumn[], ctx: PlanContext): { outcome: RowOutcome; product?: Product } {
  const idIndex = columns.findIndex((c) => c.header === 'id');
  const id = (cells[idIndex] ?? '').trim();
  if (id === '') return invalid(row, null, [{ column: 'id', message: 'the id is empty' }]);
  const first = ctx.seen.get(id);
  if (first !== undefined) return invalid(row, id, [{ column: 'id', message: `the same id is already on row ${first}` }]);
  ctx.seen.set(id, row);
  const before = ctx.existing.get(id);
  const draft = structuredClone((before ?? { id }) as Record<string, unknown>);
  const errors: RowIssue[] = [];
  columns.forEach((col, i) => {
    const cell = parseCell(col, cells[i] ?? '');
    if (!cell.ok) errors.push({ column: col.header, message: cell.error });
    else if (col.kind !== 'id') writeCell(draft, col.path, cell.value);
  });
  if (errors.length > 0) return invalid(row, id, errors);
  const parsed = ProductSchema.safeParse(pruneEmpty(draft));
  if (!parsed.success) return invalid(row, id, parsed.error.issues.map((i) => ({ column: columnFor(i.path), message: issueText(i) })));
  const unknownImage = parsed.data.images.find((sha) => !ctx.media.has(sha));
  if (unknownImage) return invalid(row, id, [{ column: 'images', message: `no uploaded media ${unknownImage.slice(0, 12)}… (upload it first)` }]);
  const missing = unknownRecords(parsed.data, ctx);
  if (missing.length > 0) return invalid(row, id, missing);
  const changes = before ? diff(before, parsed.data) : [];
  const status: RowStatus = before ? (changes.length ? 'changed' : 'unchanged') : 'new';
  return { outcome: { row, id, status, changes, errors: [] }, product: parsed.data };
}

function diff(before: Product, after: Product): RowChange[] {
  const out: RowChange[] = [];
  for (const col of SHEET_COLUMNS) {
    const from = readCell(before, col);
    const to = readCell(after, col);
    if (from !== to) out.push({ column: col.header, from, to });
  }
  return out;
}

/** Every leaf of a JSON value by its dotted path (arrays by index). */
function leaves(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(prefix, String(value));
  else if (value === null) out.set(prefix, 'null');
  return out;
}

/** Field-by-field changes between two products, every field (not only the sheet's columns). */
function fullDiff(before: Product, after: Product): RowChange[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ column: p, from: a.get(p) ?? '', to: b.get(p) ?? '' }));
}

/**
 * What one product of a JSON package would do (`row` = its position, from 1): the same rules
 * as a sheet row — id present and not repeated, the whole product valid (issues by field
 * path), images uploaded — and every field compared, since a package carries them all.
 */
export function planProduct(row: number, raw: unknown, ctx: PlanContext): { outcome: RowOutcome; product?: Product } {
  const rawId = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  const id = typeof rawId === 'string' ? rawId.trim() : '';
  if (id === '') return invalid(row, null, [{ column: 'id', message: 'the product has no id' }]);
  const first = ctx.seen.get(id);
  if (first !== undefined) return invalid(row, id, [{ column: 'id', message: `the same id is already product ${first}` }]);
  ctx.seen.set(id, row);
  const parsed = ProductSchema.safeParse(raw);
  if (!parsed.success) return invalid(row, id, parsed.error.issues.map((i) => ({ column: i.path.map(String).join('.') || 'product', message: i.message })));
  const unknownImage = parsed.data.images.find((sha) => !ctx.media.has(sha));
  if (unknownImage) return invalid(row, id, [{ column: 'images', message: `no uploaded media ${unknownImage.slice(0, 12)}… (upload it first)` }]);
  const missing = unknownRecords(parsed.data, ctx);
  if (missing.length > 0) return invalid(row, id, missing);
  const before = ctx.existing.get(id);
  const changes = before ? fullDiff(before, parsed.data) : [];
  const status: RowStatus = before ? (changes.length ? 'changed' : 'unchanged') : 'new';
  return { outcome: { row, id, status, changes, errors: [] }, product: parsed.data };
}
