import { readFile } from 'node:fs/promises';
import { ContentManifestSchema } from '../../contract/content.ts';
import { priceCart, type OrderCreateRequest, type PriceBook } from '../../contract/orders.ts';
import { contentPaths } from '../content/publish.ts';
import type { PlatformStore } from '../store/platform-store.ts';
import { refuse, type Outcome } from './order-mutate.ts';
import type { PriceCheck } from './order-store.ts';

/**
 * Reprices a kiosk's order against the content package version it names (docs/orders-platform.md,
 * "Prices"), with the kiosk's own rule: `priceCart` at the order's `createdAt`, so a campaign
 * price running when the shopper saw the cart counts.
 *
 * - A version this platform published: every line must price exactly as sent (unit price, list
 *   price, campaign), else 422 — `unknown-product`, `price-mismatch`.
 * - A version at or below the newest published that this platform never published: 422
 *   `unknown-content-version` (versions only increase, so no package of ours will ever carry it).
 * - A version above the newest published, or nothing published yet: content the platform never
 *   issued — the built-in demo catalogue at a kiosk's first start, or a package side-loaded
 *   from a USB stick. The order is accepted on its arithmetic (`isConsistent`) and marked
 *   `unverified-prices` for the administrators: the shopper has already chosen at the shelf's
 *   price, and refusing would only push the same sale to the counter at the same price.
 */
export interface PriceChecker {
  check(o: OrderCreateRequest): Promise<Outcome<PriceCheck>>;
}

/** Parsed price books of published versions, kept for the few versions kiosks still run. */
const CACHE = 8;

export function createPriceChecker(dataDir: string, store: Pick<PlatformStore, 'latestContent'>): PriceChecker {
  const books = new Map<number, PriceBook>();

  async function bookOf(version: number): Promise<PriceBook | null> {
    const held = books.get(version);
    if (held) return held;
    const text = await readFile(contentPaths(dataDir).manifest(version), 'utf8').catch(() => null);
    if (text === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return null;
    }
    const parsed = ContentManifestSchema.safeParse(json);
    if (!parsed.success) return null;
    // A published manifest never changes: cache it, dropping the oldest entry.
    const book: PriceBook = { version, products: parsed.data.products, campaigns: parsed.data.campaigns };
    books.set(version, book);
    if (books.size > CACHE) books.delete(books.keys().next().value ?? version);
    return book;
  }

  return {
    async check(o) {
      const newest = (await store.latestContent())?.version ?? null;
      if (newest === null || o.contentVersion > newest) return { ok: true, value: 'unverified-prices' };
      const book = await bookOf(o.contentVersion);
      if (!book) return refuse(422, 'unknown-content-version', `content version ${o.contentVersion} was never published by this platform (newest ${newest}); the kiosk must order from a package it received`);
      const at = Date.parse(o.createdAt);
      const priced = priceCart(book, o.lines, at);
      if (!priced.ok) {
        const e = priced.error;
        if (e.code === 'price-changed') {
          const sent = o.lines.find((l) => l.productId === e.productId)?.unitPriceFen;
          return refuse(422, 'price-mismatch', `${e.productId}: ${sent} fen sent, content version ${o.contentVersion} prices it at ${e.currentPriceFen} fen at ${o.createdAt}`);
        }
        if (e.code === 'unknown-product') return refuse(422, 'unknown-product', `${e.productId} is not in content version ${o.contentVersion}`);
        return refuse(422, e.code, e.message);
      }
      for (const [i, line] of priced.value.lines.entries()) {
        const sent = o.lines[i];
        if (sent?.listPriceFen !== line.listPriceFen || sent.campaignId !== line.campaignId) {
          return refuse(422, 'price-mismatch', `${line.productId}: list price ${sent?.listPriceFen} fen and campaign ${sent?.campaignId ?? 'none'} sent, content version ${o.contentVersion} has ${line.listPriceFen} fen and ${line.campaignId ?? 'none'}`);
        }
      }
      return { ok: true, value: 'verified' };
    },
  };
}
