import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OrderChange } from './order-store.ts';
import type { OrderServiceDeps } from './order-service.ts';

/**
 * GET /v1/orders/stream — Server-Sent Events of a kiosk's order changes (docs/orders-platform.md).
 * Each change is `id: <cursor>` + `event: order` + `data: <OrderStatus>`; a reconnect with
 * `Last-Event-ID` resumes after that cursor, so nothing is missed across cuts. Bounded: the
 * socket's own buffer is the only queue (the next page is read after it drains), a stream
 * lives at most `maxLifetimeMs`, and a kiosk holds at most `maxPerKiosk` streams (a new one
 * closes its oldest, e.g. the half-open socket of a kiosk that restarted).
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

export function serveStatusStream(deps: OrderServiceDeps, limits: StreamLimits, kioskId: string, req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const resume = resumeCursor(req);
  if (resume === undefined) return reply.code(400).send({ error: { code: 'bad-last-event-id', message: 'Last-Event-ID must be a cursor number from this stream' } });
  let cursor = resume ?? 0;
  const since = resume === null ? deps.now() - limits.backfillMs : 0;
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  raw.write('retry: 1000\n\n');
  let closed = false;
  let pumping = false;
  let again = false;
  const pump = async () => {
    if (pumping) return void (again = true);
    pumping = true;
    try {
      do {
        again = false;
        for (;;) {
          const page = await deps.store.changesAfter(kioskId, cursor, since, PAGE);
          if (closed || page.length === 0) break;
          const text = page.map(frame).join('');
          cursor = page[page.length - 1]?.cursor ?? cursor;
          if (!raw.write(text)) await new Promise((r) => { raw.once('drain', r); raw.once('close', r); });
          if (page.length < PAGE) break;
        }
      } while (again && !closed);
    } catch (err) {
      req.log.error({ err }, 'order status stream failed');
      end();
    } finally {
      pumping = false;
    }
  };
  const wake = () => void pump();
  const unsubscribe = deps.hub.subscribe(kioskId, wake);
  const poll = setInterval(wake, limits.pollMs);
  const heartbeat = setInterval(() => raw.write(': hb\n\n'), limits.heartbeatMs);
  const lifetime = setTimeout(() => end(), limits.maxLifetimeMs);
  const release = enforceCap(kioskId, () => end(), limits.maxPerKiosk);
  function end(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(poll);
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    release();
    raw.end();
  }
  raw.on('close', end);
  wake();
  return undefined;
}
