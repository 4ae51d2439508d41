import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import type { OrderStatus } from '../../contract/orders.ts';
import type { ContentNotice } from '../../contract/sync.ts';
import { createPlatformOrders } from '../../service/orders/platform-orders.ts';
import { waitFor } from './helpers.ts';

/**
 * The kiosk's stream client against a peer that sends bad content notices: each is logged and
 * ignored — no content check, no cursor saved, and the order statuses around them still apply.
 * (A hand-written SSE peer: the reference platform never sends these.)
 */
const status: OrderStatus = { orderId: '01900000-0000-7000-8000-000000000001', state: 'awaiting-payment', scanned: false, paidFen: 0, refundedFen: 0, paymentId: null, updatedAt: new Date(0).toISOString() };

const BAD = [
  'event: content\ndata: not json\n\n',
  'event: content\ndata: {"version":-3}\n\n',
  'event: content\ndata: {"version":"7"}\n\n',
  'event: content\ndata: {"version":1.5}\n\n',
  'event: content\ndata: {}\n\n',
];
const STREAM = ['retry: 60000\n\n', ...BAD, `id: 41\nevent: order\ndata: ${JSON.stringify(status)}\n\n`, 'event: content\ndata: {"version":12,"extra":"ignored"}\n\n', 'event: content\ndata: [1]\n\n'].join('');

let server: http.Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

it('logs and ignores malformed content notices; the order cursor moves only for order events', async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(STREAM);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server?.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  const warnings: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (warnings.push(String((JSON.parse(chunk.toString()) as { msg: string }).msg)), done()) });
  const notices: ContentNotice[] = [];
  const statuses: OrderStatus[] = [];
  const saved: string[] = [];
  const client = createPlatformOrders({
    baseUrl: `http://127.0.0.1:${port}`,
    getCredentials: () => ({ kioskId: 'k', token: 't' }),
    onStatus: (s) => statuses.push(s),
    onContent: (n) => notices.push(n),
    cursor: { load: () => null, save: (id) => void saved.push(id) },
    logger: pino({ level: 'warn' }, sink),
  });
  client.start();
  try {
    await waitFor(() => warnings.length === BAD.length + 1 && notices.length === 1, 10_000, 'every notice handled');
  } finally {
    client.stop();
  }
  expect(notices).toEqual([{ version: 12 }]);
  expect(statuses).toEqual([status]);
  expect(saved).toEqual(['41']);
  expect(warnings.every((w) => w.startsWith('order stream: a content notice that'))).toBe(true);
});
