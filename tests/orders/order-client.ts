import { randomUUID } from 'node:crypto';
import { priceCart, unitPrice, type OrderCreateRequest, type OrderStatus, type PriceBook } from '../../contract/orders.ts';
import type { KioskCredentials } from '../../contract/sync.ts';

/* HTTP clients of the order API, the phone page and the sandbox; no test runner here, so the bench uses them too. */

/** A kiosk's authenticated JSON calls to the platform. */
export function kioskApi(base: string, creds: KioskCredentials) {
  const headers = { authorization: `Bearer ${creds.kioskId}:${creds.token}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> & { error?: { code: string; message: string } } };
  };
  return { creds, post: (path: string, body: unknown) => call('POST', path, body), get: (path: string) => call('GET', path) };
}
export type KioskApi = ReturnType<typeof kioskApi>;

/** A consistent order: 2 × berry tea at a campaign price and 1 × rice at list price. */
export function sampleOrder(over: Partial<OrderCreateRequest> = {}, ttlMs = 15 * 60_000): OrderCreateRequest {
  const now = Date.now();
  return {
    orderId: randomUUID(),
    contentVersion: 3,
    lines: [
      { productId: 'yongshun-berry-tea', quantity: 2, listPriceFen: 3800, unitPriceFen: 3500, campaignId: 'spring', lineTotalFen: 7000, discountFen: 600 },
      { productId: 'dongyuan-rice', quantity: 1, listPriceFen: 5600, unitPriceFen: 5600, campaignId: null, lineTotalFen: 5600, discountFen: 0 },
    ],
    subtotalFen: 13200,
    discountFen: 600,
    totalFen: 12600,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlMs).toISOString(),
    locale: 'zh-CN',
    ...over,
  };
}

/**
 * An order as a kiosk running `book` (a package the platform published) builds it: 2 × its first
 * product and 1 × its second, priced now with the kiosk's own rule, so the platform's price check
 * passes. (`sampleOrder`'s made-up prices are refused for any version the platform published.)
 */
export function orderFrom(book: PriceBook, over: Partial<OrderCreateRequest> = {}): OrderCreateRequest {
  const [a, b] = book.products;
  if (!a || !b) throw new Error(`content version ${book.version} has fewer than two products`);
  const now = Date.now();
  const lines = [
    { productId: a.id, quantity: 2, unitPriceFen: unitPrice(book, a, now).priceFen },
    { productId: b.id, quantity: 1, unitPriceFen: unitPrice(book, b, now).priceFen },
  ];
  const priced = priceCart(book, lines, now);
  if (!priced.ok) throw new Error(`pricing an order from content version ${book.version}: ${priced.error.message}`);
  return sampleOrder({ ...priced.value, createdAt: new Date(now).toISOString(), ...over });
}

export interface SseEvent {
  id: string;
  event: string;
  data: OrderStatus;
}

/** Reads the kiosk's order status stream into `events` until closed; content notices (`event: content`, no id, data `{version}`) land there too. */
export function openStatusStream(base: string, creds: KioskCredentials, lastEventId?: string) {
  const events: SseEvent[] = [];
  const controller = new AbortController();
  let status = 0;
  const headers: Record<string, string> = { authorization: `Bearer ${creds.kioskId}:${creds.token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) };
  const done = (async () => {
    const res = await fetch(`${base}/v1/orders/stream`, { headers, signal: controller.signal });
    status = res.status;
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk as Uint8Array, { stream: true });
      let cut: number;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const data = field('data');
        if (data !== undefined) events.push({ id: field('id') ?? '', event: field('event') ?? '', data: JSON.parse(data) as OrderStatus });
      }
    }
  })().catch(() => undefined);
  return { events, status: () => status, close: async () => { controller.abort(); await done; }, done };
}

/** Posts the phone page's form like the phone's browser does (same-origin). */
export async function phonePost(base: string, path: string, form: Record<string, string>, origin = base): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(form).toString() });
}

/** Phone: opens the page, fills pick-up + phone, presses Pay; answers the sandbox page path. */
export async function startPhonePayment(base: string, payUrl: string, form: Record<string, string> = {}): Promise<string> {
  const url = new URL(payUrl);
  const page = await fetch(`${base}${url.pathname}${url.search}`);
  if (page.status !== 200) throw new Error(`phone page: HTTP ${page.status}`);
  const k = url.searchParams.get('k') ?? '';
  const res = await phonePost(base, `${url.pathname}/pay`, { k, lang: 'zh-CN', fulfilment: 'pickup', phone: '13800138000', ...form });
  if (res.status !== 303) throw new Error(`pay: HTTP ${res.status} ${await res.text()}`);
  return res.headers.get('location') ?? '';
}

/** Presses a button on the sandbox's page: pay, fail or expire. */
export async function sandboxPress(base: string, sandboxPath: string, action: 'pay' | 'fail' | 'expire'): Promise<Response> {
  return phonePost(base, `${sandboxPath}/${action}`, {});
}

/** Waits until the sandbox has delivered every queued callback (and the platform acknowledged it). */
export async function callbacksDelivered(base: string): Promise<boolean> {
  const res = await fetch(`${base}/sandbox/hooks/undelivered`);
  return ((await res.json()) as { undelivered: number }).undelivered === 0;
}
