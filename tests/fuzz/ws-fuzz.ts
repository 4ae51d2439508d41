import fc from 'fast-check';
import { once } from 'node:events';
import WebSocket from 'ws';
import type { Db } from '../../db/open.ts';

export interface WsReport {
  messages: number;
  /** Connections the server closed (oversized frames: 1009), each followed by a reconnect. */
  closedByServer: Record<string, number>;
  rssGrowthMb: number;
  sentinel: string;
}

const valid = fc.oneof(
  fc.record({ type: fc.constant('qr-shown'), productId: fc.string({ maxLength: 70 }), kind: fc.constantFrom('order', 'trace', 'x') }),
  fc.record({ type: fc.constant('compare'), productIds: fc.array(fc.string({ maxLength: 70 }), { maxLength: 6 }) }),
  fc.record({ type: fc.constant('locale'), locale: fc.constantFrom('zh-CN', 'zh-TW', 'en', 'fr', '') }),
  fc.record({ type: fc.constant('painted'), liftId: fc.string({ maxLength: 70 }), paintedAt: fc.oneof(fc.double(), fc.constant(1e308)) }),
);

/** Client→server frames: valid and near-valid messages, wrong types, garbage, binary, deep, oversized. */
const frameArb: fc.Arbitrary<{ kind: string; data: string | Buffer }> = fc.oneof(
  { weight: 4, arbitrary: valid.map((m) => ({ kind: 'valid-ish', data: JSON.stringify(m) })) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => ({ kind: 'random-json', data: JSON.stringify(v) })) },
  { weight: 2, arbitrary: fc.anything().map((v) => ({ kind: 'wrong-types', data: JSON.stringify({ type: 'compare', productIds: v }) ?? 'null' })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 300 }).map((s) => ({ kind: 'text', data: s })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((a) => ({ kind: 'binary', data: Buffer.from(a) })) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 8000 }).map((n) => ({ kind: 'deep', data: '['.repeat(n) + ']'.repeat(n) })) },
  { weight: 1, arbitrary: fc.integer({ min: 16 * 1024 + 1, max: 64 * 1024 }).map((n) => ({ kind: 'oversized', data: `"${'x'.repeat(n)}"` })) },
);

async function connect(port: number, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { cookie, origin: `http://127.0.0.1:${port}` } });
  ws.on('error', () => undefined);
  ws.on('message', () => undefined);
  await once(ws, 'open');
  return ws;
}

/**
 * Sends `count` fuzzed frames over the shopper WebSocket, reconnecting whenever the server
 * closes the socket; then the sentinel: a valid `locale` message must be recorded as an event.
 */
export async function fuzzWebSocket(opts: { port: number; cookie: string; count: number; seed: number; db: Db; sentinelId: string }): Promise<WsReport> {
  const closedByServer: Record<string, number> = {};
  const rssBefore = process.memoryUsage().rss;
  let ws = await connect(opts.port, opts.cookie);
  let sent = 0;
  for (let done = 0; done < opts.count; done += 200) {
    for (const frame of fc.sample(frameArb, { numRuns: Math.min(200, opts.count - done), seed: opts.seed + done })) {
      if (ws.readyState !== WebSocket.OPEN) ws = await connect(opts.port, opts.cookie);
      const closed = frame.kind === 'oversized' ? new Promise<number>((resolve) => ws.once('close', (code) => resolve(code))) : null;
      await new Promise<void>((resolve) => ws.send(frame.data, () => resolve()));
      sent++;
      if (closed) {
        const code = await closed;
        closedByServer[code] = (closedByServer[code] ?? 0) + 1;
      }
    }
    // A round trip per chunk keeps the client from racing ahead of the server.
    await new Promise<void>((resolve) => ws.ping(undefined, undefined, () => resolve()));
  }
  const countLocale = () => opts.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'shopper.locale' AND payload LIKE '%\"en\"%'").pluck().get() as number;
  const before = countLocale();
  if (ws.readyState !== WebSocket.OPEN) ws = await connect(opts.port, opts.cookie);
  ws.send(JSON.stringify({ type: 'locale', locale: 'en' }));
  const until = Date.now() + 10_000;
  while (countLocale() === before && Date.now() < until) await new Promise((r) => setImmediate(r));
  const sentinel = countLocale() > before ? 'locale recorded' : 'locale NOT recorded';
  ws.close();
  return { messages: sent, closedByServer, rssGrowthMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6), sentinel };
}
