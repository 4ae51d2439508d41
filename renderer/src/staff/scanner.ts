/** A USB barcode scanner types a whole code in well under this per key; people are far slower. */
export const SCANNER_MAX_GAP_MS = 35;
export const SCANNER_MIN_DIGITS = 8;

/**
 * Tells a scanner from a person typing: digits arriving with every gap under
 * SCANNER_MAX_GAP_MS and ending with Enter are a scan. `key` returns the scanned code at
 * Enter, or null. Anything slower is left to the focused field as ordinary typing.
 */
export class ScanDetector {
  private digits = '';
  private last = -Infinity;
  private fast = true;

  key(key: string, at: number): string | null {
    const gap = at - this.last;
    this.last = at;
    if (key === 'Enter') {
      const code = this.digits.length >= SCANNER_MIN_DIGITS && this.fast && gap <= SCANNER_MAX_GAP_MS ? this.digits : null;
      this.reset();
      return code;
    }
    if (!/^\d$/.test(key)) {
      this.reset();
      return null;
    }
    if (this.digits.length > 0 && gap > SCANNER_MAX_GAP_MS) {
      // Too slow for a scanner: start over from this key (a scan may begin right after typing).
      this.digits = '';
      this.fast = true;
    }
    this.digits += key;
    return null;
  }

  private reset(): void {
    this.digits = '';
    this.fast = true;
  }
}
