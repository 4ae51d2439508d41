import type { LiftedSlot } from '../../../contract/api.ts';

/** One product on screen, with the lift that put it there (none when opened by touch). */
export interface ShownProduct {
  productId: string;
  liftId: string | null;
}

/** What the shopper screen shows; derived from the latest state only, never from history. */
export type Screen =
  | { kind: 'attract' }
  | { kind: 'product'; item: ShownProduct }
  | { kind: 'compare'; items: ShownProduct[] };

export interface ScreenInputs {
  lifted: readonly LiftedSlot[];
  /** Product ids present in the active content; lifts of unknown products are not shown. */
  knownProducts: ReadonlySet<string>;
  /** A product the shopper opened by touch while nothing is lifted. */
  browsedProductId: string | null;
  /** How many products fit side by side (2 in portrait, 3 on wide landscape). */
  maxCompare: number;
}

/**
 * Derives the screen: nothing lifted → attract (or a product opened by touch);
 * one product → its story; several → compare the most recently lifted ones.
 * `lifted` is ordered by lift time, so the newest lifts are at the end. Two slots holding
 * the same product count once (the newer lift wins).
 */
export function deriveScreen(inputs: ScreenInputs): Screen {
  const items = latestDistinct(inputs.lifted, inputs.knownProducts, Math.max(2, inputs.maxCompare));
  const [first, second] = items;
  if (first === undefined) {
    const browsed = inputs.browsedProductId;
    if (browsed !== null && inputs.knownProducts.has(browsed)) return { kind: 'product', item: { productId: browsed, liftId: null } };
    return { kind: 'attract' };
  }
  if (second === undefined) return { kind: 'product', item: first };
  return { kind: 'compare', items };
}

function latestDistinct(lifted: readonly LiftedSlot[], known: ReadonlySet<string>, max: number): ShownProduct[] {
  const picked: ShownProduct[] = [];
  const seen = new Set<string>();
  for (let i = lifted.length - 1; i >= 0 && picked.length < max; i--) {
    const slot = lifted[i];
    if (slot === undefined || !known.has(slot.productId) || seen.has(slot.productId)) continue;
    seen.add(slot.productId);
    picked.push({ productId: slot.productId, liftId: slot.liftId });
  }
  // Oldest of the shown lifts on the left, the newest on the right.
  return picked.reverse();
}

/** A stable key for a screen, so views re-mount (and re-measure paint) only when what is shown changes. */
export function screenKey(screen: Screen): string {
  switch (screen.kind) {
    case 'attract':
      return 'attract';
    case 'product':
      return `product:${screen.item.productId}:${screen.item.liftId ?? 'touch'}`;
    case 'compare':
      return `compare:${screen.items.map((i) => `${i.productId}:${i.liftId ?? ''}`).join(',')}`;
    default: {
      const never: never = screen;
      return never;
    }
  }
}

/** Lift ids visible on a screen. */
export function shownLiftIds(screen: Screen): string[] {
  if (screen.kind === 'product') return screen.item.liftId === null ? [] : [screen.item.liftId];
  if (screen.kind === 'compare') return screen.items.flatMap((i) => (i.liftId === null ? [] : [i.liftId]));
  return [];
}
