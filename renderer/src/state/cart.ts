import { MAX_LINES, MAX_QUANTITY } from '../../../contract/orders.ts';

/** One line of the shopper's cart: what and how many (prices come from the content, never stored here). */
export interface CartItem {
  productId: string;
  quantity: number;
}

/** Adds one of a product: a new line at the end, or one more on its line (capped). */
export function addItem(cart: readonly CartItem[], productId: string): CartItem[] {
  const line = cart.find((l) => l.productId === productId);
  if (line) return setQuantity(cart, productId, line.quantity + 1);
  if (cart.length >= MAX_LINES) return [...cart];
  return [...cart, { productId, quantity: 1 }];
}

/** Sets a line's quantity, clamped to 1…MAX_QUANTITY; 0 or less removes the line. */
export function setQuantity(cart: readonly CartItem[], productId: string, quantity: number): CartItem[] {
  if (quantity <= 0) return cart.filter((l) => l.productId !== productId);
  const q = Math.min(MAX_QUANTITY, Math.floor(quantity));
  return cart.map((l) => (l.productId === productId ? { ...l, quantity: q } : l));
}

/** Drops lines whose product is no longer in the catalogue (new content was activated). */
export function keepKnown(cart: readonly CartItem[], known: ReadonlySet<string>): CartItem[] {
  return cart.filter((l) => known.has(l.productId));
}

export function itemCount(cart: readonly CartItem[]): number {
  return cart.reduce((n, l) => n + l.quantity, 0);
}
