import fc from 'fast-check';
import http from 'node:http';
import { bodyArb, paramArb, type BodySpec } from './malformed.ts';
import type { RouteEntry } from './route-table.ts';

export interface FuzzTarget {
  port: number;
  /** Host header to send (the local API insists on its exact one). */
  host: string;
  routes: RouteEntry[];
  /** Bodies a route really takes (schema-valid), mutated by the fuzzer. */
  validBodies(route: RouteEntry): unknown[];
  /** Credential variants for a route: none, garbage, valid… (each a header set). */
  headerSets(route: RouteEntry): Array<Record<string, string>>;
  bodyLimit: number;
}

export interface Finding {
  /** The route pattern (or `(random path)`), to group findings. */
  route: string;
  request: string;
  kind: string;
  status: number | null;
  detail: string;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  findings: Finding[];
  /** Finding counts by kind, route and status. */
  distinct: Record<string, number>;
}

type Outcome = { status: number; type: string; body: string } | { error: string };

interface RequestSpec {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: BodySpec;
  cut: boolean;
}

function fillPath(url: string, params: string[], tail: string): string {
  let i = 0;
  const path = url.replace(/:[A-Za-z_]+/g, () => params[i++ % Math.max(1, params.length)] ?? 'x').replace('*', tail);
  return path.startsWith('/') ? path : `/${path}`;
}

function requestArb(t: FuzzTarget): fc.Arbitrary<RequestSpec> {
  return fc.integer({ min: 0, max: t.routes.length * 10 - 1 }).chain((n) => {
    const route = t.routes[n % t.routes.length] ?? { method: 'GET', url: '/' };
    const randomRoute = n >= t.routes.length * 9;
    return fc.record({
      route: fc.constant(randomRoute ? '(random path)' : `${route.method} ${route.url}`),
      method: randomRoute ? fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') : fc.constant(route.method),
      path: fc
        .tuple(fc.array(paramArb, { minLength: 1, maxLength: 3 }), paramArb, fc.option(fc.dictionary(paramArb, paramArb, { maxKeys: 3 })))
        .map(([params, tail, query]) => {
          const base = randomRoute ? `/${tail}` : fillPath(route.url, params, tail);
          return query ? `${base}?${Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')}` : base;
        }),
      headers: fc.constantFrom(...t.headerSets(route)),
      body: bodyArb(t.validBodies(route), t.bodyLimit),
      cut: fc.integer({ min: 0, max: 99 }).map((x) => x === 0),
    });
  });
}

/** Generous under load: a handler this slow is a hang. */
const REQUEST_TIMEOUT_MS = 15_000;

function send(t: FuzzTarget, agent: http.Agent, r: RequestSpec): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { host: t.host, ...r.headers };
    if (r.body.contentType !== undefined) headers['content-type'] = r.body.contentType;
    if (r.body.contentEncoding !== undefined) headers['content-encoding'] = r.body.contentEncoding;
    if (r.body.bytes !== undefined) headers['content-length'] = String(r.body.bytes.length);
    const req = http.request({ host: '127.0.0.1', port: t.port, method: r.method, path: r.path, headers, agent }, (res) => {
      // An event stream (the kiosk's order status) never ends by itself: its status is the answer.
      if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: '' });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size < 1 << 20) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => resolve({ error: err.message }));
    });
    req.on('error', (err) => resolve({ error: err.message }));
    // A request nothing answers is a finding that names its route, not a suite timeout.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      resolve({ error: `no answer within ${REQUEST_TIMEOUT_MS} ms` });
      req.destroy();
    });
    if (r.cut && r.body.bytes && r.body.bytes.length > 1) {
      // A client that dies mid-body: half the bytes, then the connection goes.
      req.write(r.body.bytes.subarray(0, r.body.bytes.length >> 1), () => {
        req.destroy();
        resolve({ error: 'cut by the fuzzer' });
      });
      return;
    }
    req.end(r.body.bytes);
  });
}

/** A refusal must be a 4xx with a JSON body naming the error; nothing may be a 5xx. */
function judge(r: RequestSpec, out: Outcome): Finding | null {
  const request = `${r.method} ${r.path.slice(0, 120)} [${r.body.kind}${r.cut ? ', cut' : ''}]`;
  const route = r.route;
  if ('error' in out) {
    if (r.cut) return null;
    // The server may answer 413 and close while a big body is still being written.
    if (['oversized', 'gzip-bomb', 'deep'].includes(r.body.kind)) return null;
    return { route, request, kind: 'connection-error', status: null, detail: out.error };
  }
  if (out.status >= 500) return { route, request, kind: 'server-error', status: out.status, detail: out.body.slice(0, 300) };
  // A sign-in form answers a browser with its page again: that is its clear refusal.
  if (out.status >= 400 && r.method !== 'HEAD' && !out.type.startsWith('text/html')) {
    try {
      const body = JSON.parse(out.body) as { error?: unknown };
      if (body.error === undefined) return { route, request, kind: 'unclear-refusal', status: out.status, detail: out.body.slice(0, 200) };
    } catch {
      return { route, request, kind: 'non-json-refusal', status: out.status, detail: out.body.slice(0, 200) };
    }
  }
  return null;
}

/** Sends `count` generated requests (seeded, `concurrency` at a time) and reports what came back. */
export async function fuzzHttp(t: FuzzTarget, opts: { count: number; seed: number; concurrency?: number }): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, byStatus: {}, byKind: {}, findings: [], distinct: {} };
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency ?? 8 });
  const arb = requestArb(t);
  const chunk = 100;
  try {
    for (let done = 0; done < opts.count; done += chunk) {
      const specs = fc.sample(arb, { numRuns: Math.min(chunk, opts.count - done), seed: opts.seed + done });
      await Promise.all(
        specs.map(async (r) => {
          const out = await send(t, agent, r);
          report.requests++;
          const key = 'error' in out ? 'network' : String(out.status);
          report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
          report.byKind[r.body.kind] = (report.byKind[r.body.kind] ?? 0) + 1;
          const finding = judge(r, out);
          if (finding) {
            const key = `${finding.kind} ${finding.route} ${finding.status ?? ''}`;
            report.distinct[key] = (report.distinct[key] ?? 0) + 1;
            if (report.findings.length < 200) report.findings.push(finding);
          }
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return report;
}
