import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { ContentNotice } from '../../contract/sync.ts';

const CHANGED = 'changed';

/**
 * Wakes this process's open kiosk streams when content may have been published for them
 * (docs/sync.md, "Content notices"). Two sources, the same two the order stream uses:
 * - `published()` from a publish done in this process: at once;
 * - a poll of the newest version in the store every `pollMs` while a stream is open: a publish
 *   done by another platform process on the same PostgreSQL database (or by the `publish` CLI).
 * One cheap query per process per tick, not one per stream: each stream asks the store for its
 * own kiosk's latest (`latestContentFor`) only after a wake-up.
 * The constructor starts nothing; `start()` / `stop()` do.
 */
export class ContentNotices {
  private readonly emitter = new EventEmitter();
  private timer: NodeJS.Timeout | null = null;
  private seen = 0;
  private checking = false;

  constructor(
    private readonly newestVersion: () => Promise<number | null>,
    private readonly pollMs: number,
    private readonly log?: FastifyBaseLogger,
  ) {
    // One listener per open stream; the per-kiosk stream cap bounds them.
    this.emitter.setMaxListeners(0);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A version was published (or a kiosk's groups changed) in this process: every stream re-checks now. */
  changed(version?: number): void {
    if (version !== undefined) this.seen = Math.max(this.seen, version);
    this.emitter.emit(CHANGED);
  }

  /** Calls `fn` whenever any kiosk's latest version may have risen; returns the unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.emitter.on(CHANGED, fn);
    return () => this.emitter.off(CHANGED, fn);
  }

  private async poll(): Promise<void> {
    if (this.checking || this.emitter.listenerCount(CHANGED) === 0) return;
    this.checking = true;
    try {
      const v = (await this.newestVersion()) ?? 0;
      if (v > this.seen) this.changed(v);
    } catch (err) {
      // Streams carry on; the kiosks' own content poll is the fallback.
      this.log?.warn({ err }, 'content notice poll failed');
    } finally {
      this.checking = false;
    }
  }
}

/** The SSE frame of a notice. No `id:` on purpose: ids on this stream are order cursors (see docs/sync.md). */
export function contentNoticeFrame(notice: ContentNotice): string {
  return `event: content\ndata: ${JSON.stringify(notice)}\n\n`;
}

/**
 * One stream's notices: the kiosk's latest version when the stream opens (a kiosk offline during
 * a publish learns it at once), then each rise above what this stream last told. Checks run one
 * at a time; a wake-up during a check runs one more.
 */
export class StreamContentNotices {
  private told = 0;
  private running = false;
  private again = false;

  constructor(
    private readonly latestFor: () => Promise<number | null>,
    private readonly write: (frame: string) => void,
    private readonly isClosed: () => boolean,
    private readonly log: FastifyBaseLogger,
  ) {}

  async check(): Promise<void> {
    if (this.running) return void (this.again = true);
    this.running = true;
    try {
      do {
        this.again = false;
        const v = await this.latestFor();
        if (this.isClosed() || v === null || v <= this.told) continue;
        this.told = v;
        this.write(contentNoticeFrame({ version: v }));
      } while (this.again && !this.isClosed());
    } catch (err) {
      // A failed check must not end the order stream: the next wake-up or the kiosk's poll covers it.
      this.log.warn({ err }, 'content notice check failed');
    } finally {
      this.running = false;
    }
  }
}
