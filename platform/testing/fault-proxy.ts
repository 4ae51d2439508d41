import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * An HTTP proxy on 127.0.0.1 in front of the platform, for tests and benchmarks, with faults
 * chosen per request (scripted first, then seeded random):
 * - `drop`: close the connection before the request reaches the platform;
 * - `delay`: hold the request up to `maxDelayMs` (concurrent requests overtake it: reordering);
 * - `duplicate`: send the request upstream twice, answer with the second reply;
 * - `error5xx`: answer 503 without forwarding; `error5xx-after`: forward, then answer 502
 *   (the platform committed, the kiosk sees an error);
 * - `rate-limit`: answer 429 with Retry-After;
 * - `cut-response`: forward, then close the connection halfway through the reply
 *   (the platform committed, the kiosk never learns it);
 * - `captive-portal`: answer 200 with an HTML login page instead of JSON.
 * Latency (round trip, half each way) and bandwidth (a token bucket per direction shared by
 * all connections, like one slow link) apply to every request.
 */
export const FAULT_KINDS = ['drop', 'delay', 'duplicate', 'error5xx', 'error5xx-after', 'rate-limit', 'cut-response', 'captive-portal'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface UpstreamReplyInfo {
  method: string;
  url: string;
  status: number;
}

export interface FaultProxyOptions {
  /** Upstream base URL, e.g. http://127.0.0.1:8790 */
  target: string;
  seed?: number;
  /** Probability of each fault per request (their sum ≤ 1). */
  rates?: Partial<Record<FaultKind, number>>;
  /** Faults for the next requests in order, before random ones ('none' = pass through). */
  script?: Array<FaultKind | 'none'>;
  /** Which requests faults apply to (default: all). Latency and bandwidth apply to all. */
  filter?: (method: string, url: string) => boolean;
  /** Round-trip latency added to every request, ms. */
  latencyMs?: number;
  /** Link speed in bytes per second per direction; 0 or absent = unlimited. */
  bandwidthBytesPerS?: number;
  maxDelayMs?: number;
  retryAfterS?: number;
  /** Awaited after the platform answered and before the reply is relayed (e.g. to kill the kiosk there). */
  onUpstreamReply?: (info: UpstreamReplyInfo) => void | Promise<void>;
}

/** Deterministic PRNG (mulberry32) so a failing fault sequence can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One direction of a slow link: each transfer waits for the bytes before it. */
class Link {
  private freeAt = 0;
  constructor(private readonly bytesPerS: number) {}
  async transfer(bytes: number): Promise<void> {
    if (this.bytesPerS <= 0) return;
    const now = performance.now();
    this.freeAt = Math.max(now, this.freeAt) + (bytes * 1000) / this.bytesPerS;
    const wait = this.freeAt - now;
    if (wait >= 1) await sleep(wait);
  }
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'proxy-connection', 'upgrade']);
const PORTAL = '<!doctype html><html><head><title>Wi-Fi login</title></head><body><h1>Welcome to Shop Wi-Fi</h1><form>Accept terms</form></body></html>';

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function copyHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_HEADERS.has(k)) out[k] = v;
  return out;
}

export interface FaultProxyStats {
  requests: number;
  forwarded: number;
  faults: Record<FaultKind, number>;
  bytesUp: number;
  bytesDown: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  stats: FaultProxyStats;
  /** Changes fault settings while running (e.g. turn faults off to let a backlog drain). */
  configure(patch: Partial<Omit<FaultProxyOptions, 'target'>>): void;
  close(): Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const opts: FaultProxyOptions = { ...options };
  const target = new URL(opts.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let random = seededRandom(opts.seed ?? 1);
  let up = new Link(opts.bandwidthBytesPerS ?? 0);
  let down = new Link(opts.bandwidthBytesPerS ?? 0);
  const stats: FaultProxyStats = {
    requests: 0,
    forwarded: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    bytesUp: 0,
    bytesDown: 0,
  };

  function chooseFault(method: string, url: string): FaultKind | 'none' {
    if (opts.filter && !opts.filter(method, url)) return 'none';
    const scripted = opts.script?.shift();
    if (scripted !== undefined) return scripted;
    let roll = random();
    for (const kind of FAULT_KINDS) {
      roll -= opts.rates?.[kind] ?? 0;
      if (roll < 0) return kind;
    }
    return 'none';
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    stats.forwarded++;
    return new Promise((resolve, reject) => {
      const headers = { ...copyHeaders(req.headers), 'content-length': String(body.length) };
      const r = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (res) => void readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject),
      );
      r.on('error', reject);
      r.end(body);
    });
  }

  async function reply(res: ServerResponse, u: Upstream, cut: boolean): Promise<void> {
    await sleep((opts.latencyMs ?? 0) / 2);
    await down.transfer(u.body.length + 200);
    stats.bytesDown += u.body.length;
    res.writeHead(u.status, { ...copyHeaders(u.headers), 'content-length': String(u.body.length) });
    if (!cut) {
      res.end(u.body);
      return;
    }
    // Hand the first half to the kernel (the write callback), then break the connection
    // mid-body: the kiosk always receives a half reply, however loaded the machine is.
    await new Promise<void>((resolve) => res.write(u.body.subarray(0, Math.floor(u.body.length / 2)), () => resolve()));
    res.socket?.destroy();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    stats.requests++;
    const body = await readAll(req);
    stats.bytesUp += body.length;
    await up.transfer(body.length + 200);
    await sleep((opts.latencyMs ?? 0) / 2);
    const fault = chooseFault(method, url);
    if (fault !== 'none') stats.faults[fault]++;
    const local = (status: number, type: string, text: string, extra: Record<string, string> = {}) =>
      reply(res, { status, headers: { 'content-type': type, ...extra }, body: Buffer.from(text) }, false);
    switch (fault) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'error5xx':
        return local(503, 'application/json', '{"error":{"code":"unavailable","message":"injected 503"}}');
      case 'rate-limit':
        return local(429, 'application/json', '{"error":{"code":"rate-limited","message":"injected 429"}}', { 'retry-after': String(opts.retryAfterS ?? 1) });
      case 'captive-portal':
        return local(200, 'text/html; charset=utf-8', PORTAL);
      case 'delay':
        await sleep(random() * (opts.maxDelayMs ?? 2000));
        break;
      case 'duplicate':
        await forward(req, body);
        break;
      case 'none':
      case 'error5xx-after':
      case 'cut-response':
        break;
    }
    const upstream = await forward(req, body);
    await opts.onUpstreamReply?.({ method, url, status: upstream.status });
    if (fault === 'error5xx-after') return local(502, 'application/json', '{"error":{"code":"bad-gateway","message":"injected 502"}}');
    return reply(res, upstream, fault === 'cut-response');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.socket?.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    configure(patch) {
      Object.assign(opts, patch);
      if (patch.seed !== undefined) random = seededRandom(patch.seed);
      if (patch.bandwidthBytesPerS !== undefined) {
        up = new Link(patch.bandwidthBytesPerS);
        down = new Link(patch.bandwidthBytesPerS);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
