import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';

/**
 * Serial flight recorder: per board, a bounded ring of raw chunks (direction, host time,
 * bytes) and the events decoded from them. Oldest entries go first when a board's byte
 * budget is spent. Support exports it as JSON lines; tests and support replay the rx
 * chunks into a parser or driver-like consumer, in order.
 */
export type ChunkDirection = 'rx' | 'tx';

export type RecordEntry =
  | { kind: 'chunk'; boardId: string; dir: ChunkDirection; at: number; bytes: Uint8Array }
  | { kind: 'event'; boardId: string; at: number; event: unknown };

const LineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), format: z.literal('shelf-flight-recording'), version: z.literal(1), exportedAt: z.number(), dropped: z.record(z.string(), z.number()) }),
  z.object({ kind: z.literal('chunk'), boardId: z.string(), dir: z.enum(['rx', 'tx']), at: z.number(), base64: z.string() }),
  z.object({ kind: z.literal('event'), boardId: z.string(), at: z.number(), event: z.unknown() }),
]);

/** Bookkeeping cost of an entry besides its payload (object, timestamps, strings). */
const ENTRY_OVERHEAD = 64;

interface Ring {
  entries: RecordEntry[];
  head: number;
  bytes: number;
  dropped: number;
}

export interface FlightRecorderOptions {
  /** Budget per board, bytes (default 1 MiB). */
  maxBytesPerBoard?: number;
}

export class FlightRecorder {
  private readonly rings = new Map<string, Ring>();
  private readonly budget: number;

  constructor(options: FlightRecorderOptions = {}) {
    this.budget = options.maxBytesPerBoard ?? 1024 * 1024;
  }

  recordChunk(boardId: string, dir: ChunkDirection, bytes: Uint8Array, at: number): void {
    this.add({ kind: 'chunk', boardId, dir, at, bytes: Uint8Array.from(bytes) }, bytes.length);
  }

  recordEvent(boardId: string, event: unknown, at: number): void {
    this.add({ kind: 'event', boardId, at, event }, JSON.stringify(event)?.length ?? 0);
  }

  /** Entries still held for a board (all boards when omitted), oldest first. */
  entries(boardId?: string): RecordEntry[] {
    const rings = boardId === undefined ? [...this.rings.values()] : [this.rings.get(boardId)].filter((r): r is Ring => r !== undefined);
    return rings.flatMap((r) => r.entries.slice(r.head)).sort((a, b) => a.at - b.at);
  }

  /** Bytes accounted for a board right now. */
  usedBytes(boardId: string): number {
    return this.rings.get(boardId)?.bytes ?? 0;
  }

  /** Entries evicted per board since start. */
  dropped(): Record<string, number> {
    return Object.fromEntries([...this.rings].map(([id, r]) => [id, r.dropped]));
  }

  /** Writes every board's entries, oldest first, as JSON lines (one header line first). */
  async export(file: string): Promise<void> {
    const header = { kind: 'header', format: 'shelf-flight-recording', version: 1, exportedAt: Date.now(), dropped: this.dropped() };
    const lines = [JSON.stringify(header), ...this.entries().map((e) => JSON.stringify(toLine(e)))];
    await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  private add(entry: RecordEntry, payload: number): void {
    const cost = payload + ENTRY_OVERHEAD;
    if (cost > this.budget) return; // one entry larger than the whole budget: not kept
    let ring = this.rings.get(entry.boardId);
    if (!ring) {
      ring = { entries: [], head: 0, bytes: 0, dropped: 0 };
      this.rings.set(entry.boardId, ring);
    }
    ring.entries.push(entry);
    ring.bytes += cost;
    while (ring.bytes > this.budget && ring.head < ring.entries.length) {
      const old = ring.entries[ring.head];
      ring.head += 1;
      ring.dropped += 1;
      if (old) ring.bytes -= costOf(old);
    }
    // Compact now and then so the array does not grow with everything ever evicted.
    if (ring.head > 1024 && ring.head * 2 > ring.entries.length) {
      ring.entries = ring.entries.slice(ring.head);
      ring.head = 0;
    }
  }
}

function costOf(entry: RecordEntry): number {
  return (entry.kind === 'chunk' ? entry.bytes.length : (JSON.stringify(entry.event)?.length ?? 0)) + ENTRY_OVERHEAD;
}

function toLine(entry: RecordEntry): object {
  if (entry.kind === 'chunk') return { kind: 'chunk', boardId: entry.boardId, dir: entry.dir, at: entry.at, base64: Buffer.from(entry.bytes).toString('base64') };
  return entry;
}

/** Reads an exported recording; lines that fail the schema are counted, not fatal. */
export async function readRecording(file: string): Promise<{ entries: RecordEntry[]; invalidLines: number }> {
  const entries: RecordEntry[] = [];
  let invalidLines = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      invalidLines += 1;
      continue;
    }
    const parsed = LineSchema.safeParse(json);
    if (!parsed.success) invalidLines += 1;
    else if (parsed.data.kind === 'chunk') entries.push({ ...parsed.data, bytes: Uint8Array.from(Buffer.from(parsed.data.base64, 'base64')) });
    else if (parsed.data.kind === 'event') entries.push({ kind: 'event', boardId: parsed.data.boardId, at: parsed.data.at, event: parsed.data.event });
  }
  return { entries, invalidLines };
}

/** Feeds a recording's rx chunks (optionally of one board) to `feed`, in recorded order. */
export async function replay(file: string, feed: (bytes: Uint8Array, at: number, boardId: string) => void, boardId?: string): Promise<{ chunks: number; bytes: number }> {
  const { entries } = await readRecording(file);
  let chunks = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (entry.kind !== 'chunk' || entry.dir !== 'rx') continue;
    if (boardId !== undefined && entry.boardId !== boardId) continue;
    feed(entry.bytes, entry.at, entry.boardId);
    chunks += 1;
    bytes += entry.bytes.length;
  }
  return { chunks, bytes };
}
