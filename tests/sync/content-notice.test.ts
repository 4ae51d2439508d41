import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../contract/orders.ts';
import type { ContentNotice, KioskCredentials } from '../../contract/sync.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { startTestKiosk, watchSnapshots, type ScreenWatch } from '../support/kiosk-in-process.ts';
import { seedDemoCatalogue } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { createPlatformOrders } from '../../service/orders/platform-orders.ts';
import { kioskApi, openStatusStream, orderFrom } from '../orders/order-client.ts';
import { ADMIN_TOKEN, enrol, startTestPlatform, tempDir, waitFor } from './helpers.ts';

/**
 * Content notices on the order status stream (docs/sync.md): a publish reaches a real kiosk's
 * screen within seconds although its content poll stays at the 60 s default; a publish for
 * another kiosk or group sends it nothing; a stream opened after a publish starts with the
 * kiosk's latest version; a notice that lands while a product is lifted still waits for the put;
 * and the kiosk's order client still applies each order status exactly once across reconnects
 * with notices in between (the notices carry no id, so the saved cursor never moves for them).
 */
type TestKiosk = Awaited<ReturnType<typeof startTestKiosk>>;
const t = tempDir('content-notice');
let platform: RunningPlatform;
let a: TestKiosk;
let b: TestKiosk;
let screenA: ScreenWatch;
/** Every content version kiosk A's shopper screen was sent, in order. */
const shownA = () => screenA.snapshots.flatMap((s) => (s.content ? [s.content.version] : []));

async function api(method: string, pathname: string, body?: unknown): Promise<Response> {
  return fetch(`${platform.url}${pathname}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

type Target = { kind: 'all' } | { kind: 'group'; group: string } | { kind: 'kiosk'; kioskId: string };
async function publish(target: Target): Promise<number> {
  const res = await api('POST', '/v1/admin/catalogue/publish', { target });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { version: number }).version;
}

async function enrolledKiosk(): Promise<TestKiosk> {
  const { code } = (await (await api('POST', '/v1/admin/enrolment-codes', { uses: 1 })).json()) as { code: string };
  // No contentPollMs: the 60 s default, so only a notice explains a change within seconds.
  const k = await startTestKiosk({ platformUrl: platform.url, enrolCode: code, platformKeys: [platform.deps.key.publicKey.spki] });
  // The puller's first check at start has run; the next poll is 60 s away.
  await k.kiosk.link.checkContentNow();
  return k;
}

const creds = (k: TestKiosk): KioskCredentials => {
  const c = k.kiosk.link.credentials();
  if (!c) throw new Error('kiosk not enrolled');
  return c;
};
const activeOf = (k: TestKiosk) => k.kiosk.catalogue.active()?.manifest.version ?? 0;
/** The package a kiosk runs, to order from (the platform reprices an order against the version it names). */
const packageOf = (k: TestKiosk) => {
  const manifest = k.kiosk.catalogue.active()?.manifest;
  if (!manifest) throw new Error('kiosk has no active content');
  return manifest;
};
const noticesIn = (s: ReturnType<typeof openStatusStream>) => s.events.filter((e) => e.event === 'content');
const versionsIn = (s: ReturnType<typeof openStatusStream>) => noticesIn(s).map((e) => (e.data as unknown as { version: number }).version);

beforeAll(async () => {
  platform = await startTestPlatform(path.join(t.dir, 'platform'));
  await seedDemoCatalogue(platform.url, ADMIN_TOKEN, path.join(t.dir, 'demo'));
  a = await enrolledKiosk();
  b = await enrolledKiosk();
  screenA = await watchSnapshots(a.kiosk);
  await waitFor(() => shownA().length > 0, 10_000, 'first snapshot with content');
}, 120_000);

afterAll(() =>
  teardown([
    ['screen socket', () => screenA?.close()],
    ['kiosk a', () => a?.stop()],
    ['kiosk b', () => b?.stop()],
    ['platform', () => platform?.close()],
    ['temp dir', () => t.cleanup()],
  ]),
);

describe('content notices', () => {
  it('brings a publish to the shopper screen within seconds, far below the 60 s poll', async () => {
    const start = performance.now();
    const version = await publish({ kind: 'all' });
    await waitFor(() => shownA().at(-1) === version, 20_000, `version ${version} on kiosk A's screen`);
    const ms = Math.round(performance.now() - start);
    console.log(`publish → kiosk screen (content poll 60 s): ${ms} ms`);
    await waitFor(() => activeOf(b) === version, 20_000, `version ${version} on kiosk B`);
    expect(a.kiosk.link.status().content?.rejected).toEqual([]);
  });

  it('tells a kiosk nothing about a publish for another group or kiosk; its own group version arrives alone', async () => {
    const before = activeOf(a);
    const aId = creds(a).kioskId;
    expect((await api('PUT', `/v1/admin/kiosks/${aId}/groups`, { groups: ['hall-a'] })).status).toBe(200);
    // Kiosk A's stream as the platform sends it: the first frame is A's latest (learned on connect).
    const observer = openStatusStream(platform.url, creds(a));
    await waitFor(() => versionsIn(observer).length > 0, 10_000, 'the notice on connect');
    expect(versionsIn(observer)).toEqual([before]);
    const otherGroup = await publish({ kind: 'group', group: 'hall-b' });
    const otherKiosk = await publish({ kind: 'kiosk', kioskId: creds(b).kioskId });
    await waitFor(() => activeOf(b) === otherKiosk, 20_000, 'kiosk B got its own version');
    const sentinel = await publish({ kind: 'group', group: 'hall-a' });
    await waitFor(() => shownA().at(-1) === sentinel, 20_000, 'the hall-a version on kiosk A');
    await waitFor(() => versionsIn(observer).includes(sentinel), 10_000, 'the sentinel notice');
    await observer.close();
    expect(versionsIn(observer)).toEqual([before, sentinel]);
    // Notices carry no id: the order cursor a kiosk saves never moves for them.
    expect(noticesIn(observer).every((e) => e.id === '')).toBe(true);
    expect(shownA()).not.toContain(otherGroup);
    expect(shownA()).not.toContain(otherKiosk);
    expect(activeOf(b)).toBe(otherKiosk);
  });

  it('starts a stream opened after a publish with the kiosk’s own latest version', async () => {
    const newest = (await platform.deps.store.latestContent())?.version;
    const mine = (await platform.deps.store.latestContentFor(creds(b).kioskId))?.version;
    expect(mine).toBeLessThan(newest ?? 0);
    const late = openStatusStream(platform.url, creds(b));
    await waitFor(() => versionsIn(late).length > 0, 10_000, 'the notice on connect');
    await late.close();
    expect(versionsIn(late)).toEqual([mine]);
  });

  it('installs at a notice during a lift but activates only after the put', async () => {
    const sim = b.kiosk.hardware.sim!;
    const before = activeOf(b);
    await sim.act({ action: 'lift', channel: 1 });
    await waitFor(() => b.kiosk.session.isActive(), 5000, 'lift seen');
    const version = await publish({ kind: 'all' });
    await waitFor(() => b.kiosk.link.status().pendingContentVersion === version, 20_000, 'the package installed, waiting');
    expect(activeOf(b)).toBe(before);
    await sim.act({ action: 'put', channel: 1 });
    await waitFor(() => activeOf(b) === version, 10_000, 'activated after the put');
  });

  it('ignores a notice that names no newer version, and one for a version the platform does not hold', async () => {
    const before = activeOf(a);
    a.kiosk.link.onContentNotice(before);
    a.kiosk.link.onContentNotice(before + 1000);
    // A check now reads the pointer the platform really serves: nothing newer, nothing rejected.
    expect((await a.kiosk.link.checkContentNow())?.kind).toBe('up-to-date');
    expect(activeOf(a)).toBe(before);
    expect(a.kiosk.link.status().content?.rejected).toEqual([]);
  });
});

describe('the order cursor with notices on the stream', () => {
  it('applies each order status exactly once across a reconnect after a notice', async () => {
    const d = await enrol(platform.url, randomUUID());
    const orders = kioskApi(platform.url, d);
    const first = orderFrom(packageOf(a));
    expect((await orders.post('/v1/orders', first)).status).toBe(200);
    const statuses: OrderStatus[] = [];
    const notices: ContentNotice[] = [];
    let cursor: string | null = null;
    const saved: string[] = [];
    const client = createPlatformOrders({
      baseUrl: platform.url,
      getCredentials: () => d,
      onStatus: (s) => statuses.push(s),
      onContent: (n) => notices.push(n),
      cursor: { load: () => cursor, save: (id) => void saved.push((cursor = id)) },
      logger: pino({ level: 'silent' }),
    });
    client.start();
    try {
      await waitFor(() => statuses.some((s) => s.orderId === first.orderId), 10_000, 'the first status');
      const afterOrder = cursor;
      expect(afterOrder).not.toBeNull();
      const version = await publish({ kind: 'all' });
      await waitFor(() => notices.some((n) => n.version === version), 10_000, 'the publish notice');
      expect(cursor).toBe(afterOrder);

      // Four more streams of this kiosk: the platform closes the oldest (the client's), whose
      // library reconnects by itself with its own Last-Event-ID, after the notice.
      const crowd = [0, 1, 2, 3].map(() => openStatusStream(platform.url, d));
      await waitFor(() => !client.isConnected(), 10_000, 'the client cut by the stream cap');
      await waitFor(() => client.isConnected(), 10_000, 'the client reconnected');
      await Promise.all(crowd.map((c) => c.close()));
      expect((await orders.post(`/v1/orders/${first.orderId}/cancel`, {})).status).toBe(200);
      await waitFor(() => statuses.some((s) => s.state === 'cancelled'), 10_000, 'the cancel after the reconnect');

      // A restart: a new client resumes from the saved cursor; a new order is the sentinel.
      client.stop();
      const again = createPlatformOrders({ baseUrl: platform.url, getCredentials: () => d, onStatus: (s) => statuses.push(s), onContent: (n) => notices.push(n), cursor: { load: () => cursor, save: (id) => void saved.push((cursor = id)) }, logger: pino({ level: 'silent' }) });
      again.start();
      const second = orderFrom(packageOf(a));
      expect((await orders.post('/v1/orders', second)).status).toBe(200);
      await waitFor(() => statuses.some((s) => s.orderId === second.orderId), 10_000, 'the sentinel order after the restart');
      again.stop();
      expect(statuses.map((s) => `${s.orderId === first.orderId ? 'first' : 'second'}:${s.state}`)).toEqual([`first:${statuses[0]?.state}`, 'first:cancelled', `second:${statuses.at(-1)?.state}`]);
      // Every saved cursor is an order id, rising.
      expect(saved.map(Number)).toEqual([...saved.map(Number)].sort((x, y) => x - y));
      expect(new Set(saved).size).toBe(saved.length);
    } finally {
      client.stop();
    }
  });
});
