/** Readings kept per load-cell channel: 10 s at 80 samples/s. Memory only — raw readings are never stored or sent to shoppers. */
const KEEP = 800;

/** A recent-readings ring per (board, channel), fed by the shelf router, read by the staff live view and calibration. */
export class LiveReadings {
  private readonly rings = new Map<string, Array<[number, number]>>();

  push(boardId: string, channel: number, grams: number, at: number): void {
    const key = `${boardId}#${channel}`;
    let ring = this.rings.get(key);
    if (!ring) {
      ring = [];
      this.rings.set(key, ring);
    }
    ring.push([at, grams]);
    if (ring.length > KEEP) ring.splice(0, ring.length - KEEP);
  }

  /** Readings newer than `since` (wall-clock ms), oldest first. */
  since(boardId: string, channel: number, since: number): Array<[number, number]> {
    const ring = this.rings.get(`${boardId}#${channel}`) ?? [];
    return ring.filter(([at]) => at > since);
  }

  /** Mean and standard deviation over the last `windowMs`; null with fewer than 5 readings. */
  stats(boardId: string, channel: number, windowMs: number, now: number): { mean: number; std: number; n: number } | null {
    const xs = this.since(boardId, channel, now - windowMs).map(([, g]) => g);
    if (xs.length < 5) return null;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    return { mean, std, n: xs.length };
  }

  /** The newest reading of a channel, if any. */
  last(boardId: string, channel: number): [number, number] | undefined {
    return this.rings.get(`${boardId}#${channel}`)?.at(-1);
  }
}
