/** A fixed-size window of the most recent readings with the statistics the detector needs. */
export class SampleWindow {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`window capacity must be an integer ≥ 2, got ${capacity}`);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.filled;
  }

  get isFull(): boolean {
    return this.filled === this.capacity;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }

  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled += 1;
  }

  /** Oldest-first copy of the contents. */
  toArray(): number[] {
    const out: number[] = [];
    const start = this.filled < this.capacity ? 0 : this.next;
    for (let i = 0; i < this.filled; i++) out.push(this.values[(start + i) % this.capacity] ?? 0);
    return out;
  }

  mean(): number {
    return meanOf(this.toArray());
  }

  /** Sample standard deviation (n − 1). */
  std(): number {
    return stdOf(this.toArray());
  }

  /** |mean(older half) − mean(newer half)|: large while the signal still ramps. */
  halvesDifference(): number {
    const all = this.toArray();
    const half = Math.floor(all.length / 2);
    return Math.abs(meanOf(all.slice(0, half)) - meanOf(all.slice(half)));
  }
}

export function meanOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function stdOf(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = meanOf(values);
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return Math.sqrt(sq / (values.length - 1));
}
