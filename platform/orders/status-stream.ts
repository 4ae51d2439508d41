import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { StreamContentNotices, type ContentNotices } from '../content/content-notices.ts';
import type { OrderChange } from './order-store.ts';
import type { OrderServiceDeps } from './order-service.ts';

/**
 * GET /v1/orders/stream — Server-Sent Events of a kiosk's order changes (docs/orders-platform.md).
 * Each change is `id: <cursor>` + `event: order` + `data: <OrderStatus>`; a reconnect with
 * `Last-Event-ID` resumes after that cursor, so nothing is missed across cuts. Bounded: the
 * socket's own buffer is the only queue (the next page is read after it drains), a stream
 * lives at most `maxLifetimeMs`, and a kiosk holds at most `maxPerKiosk` streams (a new one
 * closes its oldest, e.g. the half-open socket of a kiosk that restarted).
 * The stream also carries content notices (`event: content`, no `id:`; content-notices.ts).
 */
export interface StreamLimits {
  heartbeatMs: number;
  /** A poll as well as the in-process wake-up: another platform process may have made the change. */
  pollMs: number;
  maxLifetimeMs: number;
  maxPerKiosk: number;
  /** Without Last-Event-ID a stream starts with the changes of this recent window. */
  backfillMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { heartbeatMs: 15_000, pollMs: 1000, maxLifetimeMs: 10 * 60_000, maxPerKiosk: 4, backfillMs: 24 * 3_600_000 };

/** What the stream needs to send content notices: the wake-ups and the kiosk's latest version. */
export interface StreamContentDeps {
  notices: ContentNotices;
  latestFor(kioskId: string): Promise<number | null>;
}

const PAGE = 200;
const open = new Map<string, Set<() => void>>();

function frame(c: OrderChange): string {
  return `id: ${c.cursor}\nevent: order\ndata: ${JSON.stringify(c.status)}\n\n`;
}

/** The cursor to resume after: Last-Event-ID, else `?after=`, else none. Undefined when malformed. */
function resumeCursor(req: FastifyRequest): number | null | undefined {
  const raw = req.headers['last-event-id'] ?? (req.query as { after?: string } | undefined)?.after;
  if (raw === undefined || raw === '') return null;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

function enforceCap(kioskId: string, close: () => void, max: number): () => void {
  const set = open.get(kioskId) ?? new Set<() => void>();
  open.set(kioskId, set);
  while (set.size >= max) {
    const oldest = set.values().next().value;
    if (!oldest) break;
    set.delete(oldest);
    oldest();
  }
  set.add(close);
  return () => {
    set.delete(close);
    if (set.size === 0) open.delete(kioskId);
  };
}

/** One open stream: pages of changes written after the cursor, one pump at a time. */
class OpenStream {
  private closed = false;
  private pumping = false;
  private again = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly deps: OrderServiceDeps,
    private readonly kioskId: string,
    private readonly raw: ServerResponse,
    private readonly log: FastifyBaseLogger,
    private cursor: number,
    private readonly since: number,
    private readonly content: StreamContentDeps,
  ) {}

  start(limits: StreamLimits): void {
    const wake = () => void this.pump();
    this.cleanups.push(this.deps.hub.subscribe(this.kioskId, wake));
    const notices = new StreamContentNotices(() => this.content.latestFor(this.kioskId), (f) => this.raw.write(f), () => this.closed, this.log);
    this.cleanups.push(this.content.notices.subscribe(() => void notices.check()));
    const poll = setInterval(wake, limits.pollMs);
    const heartbeat = setInterval(() => this.raw.write(': hb\n\n'), limits.heartbeatMs);
    const lifetime = setTimeout(() => this.end(), limits.maxLifetimeMs);
    this.cleanups.push(() => clearInterval(poll), () => clearInterval(heartbeat), () => clearTimeout(lifetime));
    this.cleanups.push(enforceCap(this.kioskId, () => this.end(), limits.maxPerKiosk));
    this.raw.on('close', () => this.end());
    wake();
    void notices.check();
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.cleanups) c();
    this.raw.end();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return void (this.again = true);
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.drainPages();
      } while (this.again && !this.closed);
    } catch (err) {
      this.log.error({ err }, 'order status stream failed');
      this.end();
    } finally {
      this.pumping = false;
    }
  }

  /** Writes every change after the cursor, a page at a time, waiting for the socket to drain. */
  private async drainPages(): Promise<void> {
    for (;;) {
      const page = await this.deps.store.changesAfter(this.kioskId, this.cursor, this.since, PAGE);
      if (this.closed || page.length === 0) return;
      this.cursor = page[page.length - 1]?.cursor ?? this.cursor;
      if (!this.raw.write(page.map(frame).join(''))) {
        await new Promise((r) => {
          this.raw.once('drain', r);
          this.raw.once('close', r);
        });
      }
      if (page.length < PAGE) return;
    }
  }
}

export function serveStatusStream(deps: OrderServiceDeps, content: StreamContentDeps, limits: StreamLimits, kioskId: string, req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const resume = resumeCursor(req);
  if (resume === undefined) return reply.code(400).send({ error: { code: 'bad-last-event-id', message: 'Last-Event-ID must be a cursor number from this stream' } });
  // HEAD (fastify adds it to every GET): the headers, and the answer ends — a stream has no length to announce.
  if (req.method === 'HEAD') return reply.code(200).header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-store').send();
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  raw.write('retry: 1000\n\n');
  new OpenStream(deps, kioskId, raw, req.log, resume ?? 0, resume === null ? deps.now() - limits.backfillMs : 0, content).start(limits);
  return undefined;
}
