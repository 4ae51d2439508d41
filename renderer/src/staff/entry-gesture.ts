/** Taps needed in the corner, and the time they must fit in (issue 9: 5 taps within 3 s). */
export const ENTRY_TAPS = 5;
export const ENTRY_WINDOW_MS = 3000;
/** The hot corner: top-left, this fraction of the shorter screen side. */
export const CORNER_FRACTION = 0.1;

/** True when a tap at (x, y) is inside the hidden corner of a width × height screen. */
export function isInCorner(x: number, y: number, width: number, height: number): boolean {
  const size = Math.max(60, Math.min(width, height) * CORNER_FRACTION);
  return x <= size && y <= size;
}

/**
 * Counts corner taps; `tap` returns true when the fifth lands within the window. A tap
 * outside the corner resets the count, so a shopper touching the screen never opens it.
 */
export class EntryGesture {
  private taps: number[] = [];

  tap(at: number, inCorner: boolean): boolean {
    if (!inCorner) {
      this.taps = [];
      return false;
    }
    this.taps = [...this.taps.filter((t) => at - t <= ENTRY_WINDOW_MS), at];
    if (this.taps.length < ENTRY_TAPS) return false;
    this.taps = [];
    return true;
  }
}
