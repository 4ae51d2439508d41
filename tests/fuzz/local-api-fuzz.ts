import { v7 as uuidv7 } from 'uuid';
import { startTestKiosk, login, request } from '../support/kiosk-in-process.ts';
import { fuzzHttp } from './http-fuzz.ts';
import type { SideReport } from './platform-fuzz.ts';
import { fuzzWebSocket, type WsReport } from './ws-fuzz.ts';

/**
 * Fuzzes the kiosk's local API: every route the fastify instance has registered (read from
 * its route table, so new routes are covered without touching this file), with and without a
 * session, right and wrong Origin and Host; then the WebSocket's client→server messages.
 */
export async function fuzzLocalApi(opts: { count: number; wsCount: number; seed: number }): Promise<{ http: SideReport; ws: WsReport }> {
  // Fatal only: the fuzz makes the API log every refused oversized frame at error level (reported).
  const t = await startTestKiosk({}, {}, 'fatal');
  try {
    const port = t.kiosk.port;
    const origin = `http://127.0.0.1:${port}`;
    const cookie = await login(t.kiosk);
    // Every route the API registered (the same list the role table is checked against).
    const routes = t.kiosk.routes().map((r) => ({ method: r.method, url: r.url }));
    const boards = JSON.parse((await request(port, { path: '/api/hardware/boards', headers: { cookie } })).body) as unknown;
    const valid: Record<string, unknown[]> = {
      '/api/session': [{ code: 'A'.repeat(43) }],
      '/api/sim/action': [{ action: 'lift', channel: 0 }, { action: 'put', channel: 0 }, { action: 'lift', channel: 200 }],
      '/api/hardware/boards': [boards],
      '/api/hardware/boards/:id/confirm': [{}],
    };
    const rssBefore = process.memoryUsage().rss;
    const report = await fuzzHttp(
      {
        port,
        host: `127.0.0.1:${port}`,
        routes,
        validBodies: (route) => valid[route.url] ?? [{}],
        headerSets: (): Array<Record<string, string>> => [{ origin, cookie }, { origin, cookie }, { origin, cookie }, { cookie }, { origin }, { origin, cookie: 'kiosk_session=forged' }, { origin: 'http://evil.example', cookie }, { host: 'evil.example:80', origin, cookie }, {}],
        bodyLimit: 64 * 1024,
      },
      { count: opts.count, seed: opts.seed },
    );
    const status = await request(port, { path: '/api/status', headers: { cookie } });
    const http: SideReport = { ...report, routes: routes.length, rssGrowthMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6), sentinel: `GET /api/status ${status.status}` };
    const ws = await fuzzWebSocket({ port, cookie: await login(t.kiosk), count: opts.wsCount, seed: opts.seed, db: t.kiosk.db, sentinelId: uuidv7() });
    return { http, ws };
  } finally {
    await t.stop();
  }
}
