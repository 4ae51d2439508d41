import { EventSource } from 'eventsource';
import { z } from 'zod';
import { OrderCreateResponseSchema, OrderStatusSchema, type OrderCreateRequest, type OrderCreateResponse, type OrderStatus } from '../../contract/orders.ts';
import { ContentNoticeSchema, type ContentNotice, type KioskCredentials } from '../../contract/sync.ts';
import { authHeader, requestJson } from '../sync/http-client.ts';
import type { FetchLike } from '../sync/sync-types.ts';
import type { Logger } from '../log.ts';

/** How creating an order on the platform ended: registered, refused for good (4xx), or to retry. */
export type CreateOutcome = { kind: 'ok'; value: OrderCreateResponse } | { kind: 'refused'; message: string } | { kind: 'retry'; message: string };

export interface PlatformOrdersOptions {
  baseUrl: string;
  getCredentials(): KioskCredentials | null;
  /** Each order status the platform streams (the kiosk's own orders only). */
  onStatus(status: OrderStatus): void;
  /** A content notice on the same stream: newer content is published for this kiosk (docs/sync.md). */
  onContent?(notice: ContentNotice): void;
  /** The last stream cursor seen, kept across restarts so no change is missed. */
  cursor: { load(): string | null; save(id: string): void };
  logger: Logger;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const Empty = z.object({}).passthrough();

/** A 4xx other than 401/408/429 is the platform refusing this request; anything else may pass later. */
function isRefusal(status: number | null): boolean {
  return status !== null && status >= 400 && status < 500 && ![401, 408, 429].includes(status);
}

/**
 * The kiosk's orders API on the platform (docs/orders.md): create and cancel over HTTPS, and
 * the status stream as Server-Sent Events. SSE because it is one long-lived GET through any
 * proxy, resumes by itself with Last-Event-ID, and only the platform ever talks on it.
 */
export function createPlatformOrders(opts: PlatformOrdersOptions) {
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const url = (p: string) => new URL(p, opts.baseUrl).toString();
  let source: EventSource | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let stopped = true;
  let connected = false;

  async function post<S extends z.ZodType>(path: string, body: unknown, schema: S) {
    const c = opts.getCredentials();
    if (!c) return { kind: 'retry' as const, message: 'not enrolled with the platform' };
    const out = await requestJson({ fetch: doFetch, url: url(path), method: 'POST', headers: { authorization: authHeader(c), 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs, schema, now: Date.now });
    if (out.kind === 'ok') return { kind: 'ok' as const, value: out.value };
    if (out.kind === 'retry' && isRefusal(out.status)) return { kind: 'refused' as const, message: out.message };
    return { kind: 'retry' as const, message: 'message' in out ? out.message : 'no content' };
  }

  function connect(): void {
    retryTimer = null;
    const c = opts.getCredentials();
    if (stopped) return;
    if (!c) {
      retryTimer = setTimeout(connect, 5_000);
      return;
    }
    const es = new EventSource(url('/v1/orders/stream'), {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', authHeader(c));
        // The library sends Last-Event-ID on its own reconnects; the first connection resumes from the saved cursor.
        const cursor = opts.cursor.load();
        if (!headers.has('last-event-id') && cursor !== null) headers.set('last-event-id', cursor);
        return doFetch(String(input), { ...init, headers: Object.fromEntries(headers) });
      },
    });
    source = es;
    es.addEventListener('open', () => {
      connected = true;
    });
    es.addEventListener('order', (ev: { data: string; lastEventId: string }) => onMessage(ev));
    es.addEventListener('content', (ev: { data: string }) => onContentNotice(ev.data));
    es.addEventListener('error', () => {
      connected = false;
      // The library reconnects by itself after a cut; after a refused connection (401, 404) it gives up.
      if (es.readyState === es.CLOSED && !stopped) {
        source = null;
        retryTimer = setTimeout(connect, 5_000);
      }
    });
  }

  function onMessage(ev: { data: string; lastEventId: string }): void {
    let json: unknown;
    try {
      json = JSON.parse(ev.data);
    } catch {
      opts.logger.warn('order stream: a message that is not JSON');
      return;
    }
    const status = OrderStatusSchema.safeParse(json);
    if (!status.success) {
      opts.logger.warn({ issues: status.error.issues.slice(0, 3) }, 'order stream: a message that failed its schema');
      return;
    }
    try {
      opts.onStatus(status.data);
      if (ev.lastEventId) opts.cursor.save(ev.lastEventId);
    } catch (err) {
      // Not saved: the platform sends it again after the next reconnect.
      opts.logger.error({ err, orderId: status.data.orderId }, 'could not apply an order status');
    }
  }

  /** A notice only prompts a content check: never touches the order cursor (it has no id), a bad one changes nothing. */
  function onContentNotice(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      opts.logger.warn({ data: data.slice(0, 200) }, 'order stream: a content notice that is not JSON; ignored');
      return;
    }
    const notice = ContentNoticeSchema.safeParse(json);
    if (!notice.success) {
      opts.logger.warn({ issues: notice.error.issues.slice(0, 3) }, 'order stream: a content notice that failed its schema; ignored');
      return;
    }
    try {
      opts.onContent?.(notice.data);
    } catch (err) {
      opts.logger.error({ err, version: notice.data.version }, 'could not act on a content notice');
    }
  }

  return {
    create: (req: OrderCreateRequest): Promise<CreateOutcome> => post('/v1/orders', req, OrderCreateResponseSchema),
    cancel: (orderId: string) => post(`/v1/orders/${encodeURIComponent(orderId)}/cancel`, {}, Empty),
    async status(orderId: string): Promise<OrderStatus | null> {
      const c = opts.getCredentials();
      if (!c) return null;
      const out = await requestJson({ fetch: doFetch, url: url(`/v1/orders/${encodeURIComponent(orderId)}`), method: 'GET', headers: { authorization: authHeader(c) }, timeoutMs, schema: OrderStatusSchema, now: Date.now });
      return out.kind === 'ok' ? out.value : null;
    },
    start(): void {
      stopped = false;
      connect();
    },
    isConnected: () => connected,
    stop(): void {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
      source = null;
      connected = false;
    },
  };
}
export type PlatformOrders = ReturnType<typeof createPlatformOrders>;
