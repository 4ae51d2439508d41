import { randomUUID } from 'node:crypto';
import { unitPrice, type CartLine, type PriceBook } from '../../contract/orders.ts';
import type { ContentManifest } from '../../contract/content.ts';
import type { Db } from '../../db/open.ts';
import { request, type RawResponse } from './kiosk-in-process.ts';

/** The price book of a manifest, as the kiosk prices carts. */
export function bookOf(manifest: ContentManifest): PriceBook {
  return { version: manifest.version, products: manifest.products, campaigns: manifest.campaigns };
}

/** A cart line at today's price (campaign prices included), as the counter screen builds it. */
export function lineFor(manifest: ContentManifest, index: number, quantity: number): CartLine {
  const product = manifest.products[index];
  if (!product) throw new Error(`no demo product ${index}`);
  return { productId: product.id, quantity, unitPriceFen: unitPrice(bookOf(manifest), product, Date.now()).priceFen };
}

export function saleBody(manifest: ContentManifest, lines: CartLine[], payment: { method: 'cash' | 'qr' | 'card'; tenderedFen?: number | null } = { method: 'card' }) {
  return { saleId: randomUUID(), contentVersion: manifest.version, lines, method: payment.method, tenderedFen: payment.tenderedFen ?? null };
}

/** A JSON API client for one port and cookie (Origin set as the kiosk page sends it). */
export function apiClient(port: number, cookie: string) {
  const origin = `http://127.0.0.1:${port}`;
  return (method: string, path: string, body?: unknown): Promise<RawResponse> => request(port, { method, path, body, headers: { cookie, origin } });
}

/** Everything money-related the database holds, for "nothing was written" checks. */
export function moneyCounts(db: Db): { sales: number; lines: number; refunds: number; events: number; outbox: number } {
  const n = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    sales: n('SELECT COUNT(*) FROM sales'),
    lines: n('SELECT COUNT(*) FROM sale_lines'),
    refunds: n('SELECT COUNT(*) FROM sale_refunds'),
    events: n("SELECT COUNT(*) FROM events WHERE type IN ('sale.completed', 'sale.refunded')"),
    outbox: n("SELECT COUNT(*) FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.type IN ('sale.completed', 'sale.refunded')"),
  };
}
