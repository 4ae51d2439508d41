import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { startPlatform, type RunningPlatform } from '../../platform/server.ts';
import { enrolKiosk } from '../../service/sync/enrol.ts';
import { fuzzHttp, type FuzzReport } from './http-fuzz.ts';
import { parseRouteTable, type RouteEntry } from './route-table.ts';

const ADMIN = 'fuzz-admin-token-0123456789abcdef';

async function code(p: RunningPlatform, uses: number): Promise<string> {
  const res = await fetch(`${p.url}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ uses }) });
  return ((await res.json()) as { code: string }).code;
}

async function kiosk(p: RunningPlatform) {
  const installId = uuidv7();
  const r = await enrolKiosk({ baseUrl: p.url, code: await code(p, 1), installId });
  if (!r.ok) throw new Error(`fuzz enrolment failed: ${r.error.message}`);
  return { installId, auth: `Bearer ${r.value.kioskId}:${r.value.token}`, kioskId: r.value.kioskId };
}

function envelope(installId: string, streamId: string, seq: number, type = 'shelf.health', payload: unknown = { boardId: 'node-1', state: 'connected' }) {
  return { id: uuidv7(), installId, streamId, seq, type, v: 1, deviceTime: new Date().toISOString(), bootId: uuidv7(), monoMs: 1, tzOffset: 480, payload };
}

export interface SideReport extends FuzzReport {
  routes: number;
  rssGrowthMb: number;
  sentinel: string;
}

/**
 * Fuzzes every route of the reference platform (enumerated from fastify), with no, wrong and
 * valid kiosk and admin credentials, then checks the platform still answers a good push.
 * Rate limits are lifted here so requests reach the handlers (they are tested on their own).
 */
export async function fuzzPlatform(opts: { dir: string; count: number; seed: number }): Promise<SideReport> {
  const p = await startPlatform({ dataDir: path.join(opts.dir, 'platform'), adminToken: ADMIN, limits: { perIpPerMinute: 1e9, perKioskPerMinute: 1e9, eventsPerKioskPerHour: 1e9 }, rotateGraceMs: 86_400_000 });
  try {
    const k = await kiosk(p);
    const sacrificial = await kiosk(p);
    const enrolCode = await code(p, 1000);
    const stream = uuidv7();
    const routes = parseRouteTable(p.app.printRoutes({ commonPrefix: false }));
    const valid: Record<string, unknown[]> = {
      '/v1/enrol': [{ code: enrolCode, installId: uuidv7() }, { code: 'not-a-code-not-a-code', installId: k.installId }],
      '/v1/events': [{ events: [envelope(k.installId, stream, 1)] }, { events: [envelope(k.installId, stream, 2, 'future.kind', { deep: [1, [2, [3]]] })] }],
      '/v1/heartbeat': [{ kioskId: k.kioskId, sentAt: new Date().toISOString(), backlog: { money: { count: 0, oldestAgeMs: null }, stock: { count: 0, oldestAgeMs: null }, analytics: { count: 0, oldestAgeMs: null } }, deadLetters: 0, contentVersion: 1 }],
      '/v1/admin/enrolment-codes': [{ uses: 1, ttlMinutes: 5 }],
      '/v1/admin/kiosks/:kioskId/rotate': [{ graceSeconds: 60 }],
      '/v1/admin/kiosks/:kioskId/enrolment-code': [{ ttlMinutes: 5 }],
      '/v1/admin/content/publish': [{ dir: path.join(opts.dir, 'no-such-package') }],
      '/login': [{ username: 'fuzz', password: 'wrong password!' }],
      '/setup': [{ token: 'wrong', username: 'fuzz', displayName: 'f', password: 'x', password2: 'x' }],
      '/v1/admin/accounts': [{ username: 'fuzz-user', displayName: 'f', roles: ['editor'], password: 'fuzz password 123' }],
    };
    const creds = (route: RouteEntry) => (route.url === '/v1/credentials/rotate' ? sacrificial.auth : k.auth);
    const rssBefore = process.memoryUsage().rss;
    const report = await fuzzHttp(
      {
        port: p.port,
        host: `127.0.0.1:${p.port}`,
        routes,
        validBodies: (route) => valid[route.url] ?? [{}],
        headerSets: (route): Array<Record<string, string>> => [{}, { authorization: 'Bearer garbage' }, { authorization: `Bearer ${k.kioskId}:wrong-token-wrong-token` }, { authorization: creds(route) }, { authorization: creds(route) }, { authorization: creds(route) }, { authorization: creds(route) }, { authorization: `Bearer ${ADMIN}` }, { authorization: `Bearer ${ADMIN}` }, { cookie: `platform_session=${ADMIN}` }, { cookie: 'platform_session=x', origin: `http://127.0.0.1:${p.port}` }, { authorization: `Bearer ${'x'.repeat(8000)}` }, { authorization: 'Basic Zm9vOmJhcg==' }],
        bodyLimit: 16 * 1024 * 1024,
      },
      { count: opts.count, seed: opts.seed },
    );
    const sentinel = await fetch(`${p.url}/v1/events`, { method: 'POST', headers: { authorization: k.auth, 'content-type': 'application/json' }, body: JSON.stringify({ events: [envelope(k.installId, uuidv7(), 1)] }) });
    const body = (await sentinel.json()) as { results?: Array<{ status: string }> };
    return { ...report, routes: routes.length, rssGrowthMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6), sentinel: `${sentinel.status} ${body.results?.[0]?.status ?? JSON.stringify(body)}` };
  } finally {
    await p.close();
  }
}
