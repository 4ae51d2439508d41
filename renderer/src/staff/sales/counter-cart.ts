import { MAX_LINES, MAX_QUANTITY, MAX_TOTAL_FEN, unitPrice, type CartLine, type PriceBook } from '../../../../contract/orders.ts';

/** A line on the counter screen before pricing: what and how many. */
export interface CounterItem {
  productId: string;
  quantity: number;
}

/** Adds `n` of a product (a lift, a scan, a tap); quantities stop at MAX_QUANTITY, lines at MAX_LINES. */
export function addItem(items: readonly CounterItem[], productId: string, n = 1): CounterItem[] {
  const at = items.findIndex((i) => i.productId === productId);
  if (at === -1) return items.length >= MAX_LINES ? [...items] : [...items, { productId, quantity: Math.min(MAX_QUANTITY, Math.max(1, n)) }];
  return items.map((i, k) => (k === at ? { ...i, quantity: Math.min(MAX_QUANTITY, i.quantity + Math.max(1, n)) } : i));
}

/** Sets a line's quantity (1 … MAX_QUANTITY); 0 or less removes the line. */
export function setQuantity(items: readonly CounterItem[], productId: string, quantity: number): CounterItem[] {
  if (quantity <= 0) return items.filter((i) => i.productId !== productId);
  return items.map((i) => (i.productId === productId ? { ...i, quantity: Math.min(MAX_QUANTITY, Math.floor(quantity)) } : i));
}

/** The lines as the sale request sends them, at the prices the screen shows now (campaign prices included). */
export function priceItems(items: readonly CounterItem[], book: PriceBook, at: number): CartLine[] {
  return items.flatMap((i) => {
    const product = book.products.find((p) => p.id === i.productId);
    return product ? [{ productId: i.productId, quantity: i.quantity, unitPriceFen: unitPrice(book, product, at).priceFen }] : [];
  });
}

export function totalOf(lines: readonly CartLine[]): number {
  return lines.reduce((a, l) => a + l.quantity * l.unitPriceFen, 0);
}

/**
 * Yuan typed by staff ("100", "12.5", "12.50") as integer fen, by string maths (no float
 * rounding); null for anything else (three decimals, letters, more than the maximum).
 */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_TOTAL_FEN ? fen : null;
}

/** Fen as the yuan text an input shows (1250 → "12.50"). */
export function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
