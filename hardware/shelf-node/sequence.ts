/**
 * Receive-side sequence tracking: a board numbers its frames 0..65535 and wraps; a gap
 * means frames were lost on the wire (or the board rebooted without a HELLO we saw).
 */
import type { Frame } from './frames.ts';

export type SequenceCheck = { ok: true } | { ok: false; missing: number; detail: string };

export class SequenceTracker {
  private expected: number | null = null;

  /**
   * Check `frame.seq` against the expected one. A HELLO restarts the count (board reset).
   * Feed it CRC-valid lines with bad fields too (type undefined): their number is real, and
   * skipping them would report a gap for a line that did arrive.
   */
  observe(frame: { seq: number; type?: Frame['type'] }): SequenceCheck {
    const expected = this.expected;
    this.expected = (frame.seq + 1) & 0xffff;
    if (frame.type === 'HELLO' || expected === null || frame.seq === expected) return { ok: true };
    const missing = (frame.seq - expected + 0x10000) & 0xffff;
    // A jump "forward" of more than half the space is a repeat or reorder, not 40k lost frames.
    const detail =
      missing > 0x8000
        ? `sequence went back: expected ${expected}, got ${frame.seq}`
        : `expected ${expected}, got ${frame.seq} (${missing} missing)`;
    return { ok: false, missing, detail };
  }

  /** Forget the expected number (port reopened: the next frame sets the baseline). */
  reset(): void {
    this.expected = null;
  }
}
