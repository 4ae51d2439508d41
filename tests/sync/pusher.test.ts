import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCredentials } from '../../contract/sync.ts';
import { startFaultProxy, type FaultProxy } from '../../platform/testing/fault-proxy.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { rotateCredentials } from '../../service/sync/enrol.ts';
import { createHeartbeat } from '../../service/sync/heartbeat.ts';
import { createPusher, type Pusher } from '../../service/sync/pusher.ts';
import { ADMIN_TOKEN, enrol, kioskHashes, openKiosk, pendingCount, produce, startTestPlatform, tempDir, waitFor, type TestKiosk } from './helpers.ts';

interface Rig {
  platform: RunningPlatform;
  proxy: FaultProxy;
  kiosk: TestKiosk;
  creds: { current: KioskCredentials };
  pusher: Pusher;
  statuses: number[];
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(opts: { bodyLimit?: number; batchSize?: number; seed?: number } = {}): Promise<Rig> {
  const t = tempDir('sync-pusher');
  cleanups.push(t.cleanup);
  const platform = await startTestPlatform(`${t.dir}/platform`, opts.bodyLimit ? { bodyLimit: opts.bodyLimit } : {});
  cleanups.push(() => platform.close());
  const proxy = await startFaultProxy({ target: platform.url, seed: opts.seed ?? 7 });
  cleanups.push(() => proxy.close());
  const kiosk = openKiosk(`${t.dir}/kiosk.sqlite`);
  cleanups.push(() => {
    kiosk.db.close();
  });
  const creds = { current: await enrol(platform.url, kiosk.identity.installId) };
  const statuses: number[] = [];
  const pusher = createPusher({
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      statuses.push(res.status);
      return res;
    },
    db: kiosk.db,
    installId: kiosk.identity.installId,
    baseUrl: proxy.url,
    getCredentials: () => Promise.resolve(creds.current),
    batchSize: opts.batchSize ?? 100,
    idlePollMs: 50,
    backoffBaseMs: 10,
    backoffCapMs: 200,
    requestTimeoutMs: 5000,
  });
  cleanups.push(() => pusher.stop());
  return { platform, proxy, kiosk, creds, pusher, statuses };
}

async function expectExactlyOnce(r: Rig, exceptIds: string[] = []): Promise<void> {
  const held = await r.platform.deps.store.eventHashes();
  const mine = kioskHashes(r.kiosk);
  for (const id of exceptIds) mine.delete(id);
  expect(held.size).toBe(mine.size);
  for (const [id, hash] of mine) expect(held.get(id), id).toBe(hash);
}

function insertPoison(k: TestKiosk): string {
  const good = k.events.append('shelf.health', { boardId: 'node-1', state: 'connected' });
  k.db.prepare("UPDATE events SET type = 'sale.recorded', payload = '{}' WHERE id = ?").run(good.id);
  k.db.prepare('UPDATE outbox SET priority = 0 WHERE event_id = ?').run(good.id);
  return good.id;
}

describe('outbox pusher', () => {
  it('sends money first, then stock, then analytics', async () => {
    const r = await rig({ batchSize: 50 });
    produce(r.kiosk, 300);
    expect(await r.pusher.pushOnce()).toBe('pushed');
    const types = (await r.platform.deps.store.recentEvents(100)).map((e) => e.type);
    expect(types.filter((t) => t === 'sale.recorded')).toHaveLength(30);
    expect(types.filter((t) => t === 'shelf.health')).toHaveLength(20);
    expect(types).not.toContain('shelf.lift');
    const status = r.pusher.status();
    expect(status.unsent.money.count).toBe(0);
    expect(status.unsent.stock.count).toBe(10);
    expect(status.unsent.analytics.count).toBe(240);
    expect(status.unsent.analytics.oldestAgeMs).not.toBeNull();
    expect(status.lastContact).not.toBeNull();
  });

  it('reads pending rows through the outbox_pending index', async () => {
    const r = await rig();
    const plan = r.kiosk.db
      .prepare('EXPLAIN QUERY PLAN SELECT e.* FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.dead_reason IS NULL ORDER BY o.priority, o.seq LIMIT 10')
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING INDEX outbox_pending/);
  });

  it('dead-letters a poison event with its reason while the rest flow, and exactly once under faults', async () => {
    const r = await rig({ batchSize: 100 });
    r.proxy.configure({ rates: { drop: 0.08, duplicate: 0.08, error5xx: 0.05, 'error5xx-after': 0.05, 'rate-limit': 0.05, 'cut-response': 0.08, 'captive-portal': 0.05, delay: 0.05 }, maxDelayMs: 100, retryAfterS: 0 });
    produce(r.kiosk, 1000);
    const poison = insertPoison(r.kiosk);
    r.pusher.start();
    produce(r.kiosk, 500);
    r.pusher.wake();
    await waitFor(() => pendingCount(r.kiosk.db) === 0, 60_000, 'outbox to drain');
    const status = r.pusher.status();
    expect(status.deadLetters.count).toBe(1);
    expect(status.deadLetters.items[0]?.eventId).toBe(poison);
    expect(status.deadLetters.items[0]?.reason).toMatch(/^rejected: payload of sale.recorded v1/);
    await expectExactlyOnce(r, [poison]);
    expect(Object.values(r.proxy.stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('treats a captive portal page as a transport error and keeps the rows', async () => {
    const r = await rig();
    produce(r.kiosk, 20);
    r.proxy.configure({ script: ['captive-portal'] });
    expect(await r.pusher.pushOnce()).toBe('retry');
    expect(r.pusher.status().lastError?.message).toMatch(/not JSON.*captive portal/);
    expect(pendingCount(r.kiosk.db)).toBe(20);
    expect(await r.pusher.pushOnce()).toBe('pushed');
    expect(pendingCount(r.kiosk.db)).toBe(0);
  });

  it('halves the batch on 413 until the platform takes it', async () => {
    const r = await rig({ bodyLimit: 40_000, batchSize: 500 });
    produce(r.kiosk, 600);
    r.pusher.start();
    await waitFor(() => pendingCount(r.kiosk.db) === 0, 30_000, 'outbox to drain');
    expect(r.pusher.status().batchSize).toBeLessThan(500);
    await expectExactlyOnce(r);
  });

  it('re-reads credentials after 401 and loses nothing across rotations mid-push', async () => {
    const r = await rig({ batchSize: 20 });
    produce(r.kiosk, 400);
    r.proxy.configure({ latencyMs: 20 });
    r.pusher.start();
    await waitFor(() => pendingCount(r.kiosk.db) < 300, 20_000, 'some progress');
    // The kiosk rotates its own token: the old one keeps working until the new one is used.
    const rotated = await rotateCredentials({ baseUrl: r.platform.url, credentials: r.creds.current });
    if (!rotated.ok) throw new Error(rotated.error.message);
    r.creds.current = { kioskId: rotated.value.kioskId, token: rotated.value.token };
    produce(r.kiosk, 200);
    await waitFor(() => pendingCount(r.kiosk.db) < 200, 20_000, 'more progress');
    // An admin revokes the token at once (leak): the pusher gets 401 and re-reads.
    const res = await fetch(`${r.platform.url}/v1/admin/kiosks/${r.creds.current.kioskId}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ graceSeconds: 0 }),
    });
    const body = (await res.json()) as { token: string };
    r.creds.current = { kioskId: r.creds.current.kioskId, token: body.token };
    produce(r.kiosk, 200);
    r.pusher.wake();
    await waitFor(() => pendingCount(r.kiosk.db) === 0, 30_000, 'outbox to drain');
    await expectExactlyOnce(r);
    expect(r.statuses).toContain(401);
  });

  it('reports its backlog to the platform in a heartbeat', async () => {
    const r = await rig();
    produce(r.kiosk, 30);
    const hb = createHeartbeat({ baseUrl: r.proxy.url, getCredentials: () => Promise.resolve(r.creds.current), syncStatus: () => r.pusher.status(), contentVersion: () => 4 });
    expect(await hb.sendOnce()).toBe(true);
    const kiosk = (await r.platform.deps.store.listKiosks())[0];
    expect(JSON.parse(kiosk?.heartbeat ?? 'null')).toMatchObject({ backlog: { money: { count: 3 }, stock: { count: 3 }, analytics: { count: 24 } }, contentVersion: 4, deadLetters: 0 });
  });

  it('dead-letters a conflict (same id, different payload) and raises the alarm on the platform', async () => {
    const r = await rig();
    const e = r.kiosk.events.append('shelf.health', { boardId: 'node-1', state: 'connected' });
    expect(await r.pusher.pushOnce()).toBe('pushed');
    r.kiosk.db.prepare(`UPDATE events SET payload = '{"boardId":"node-1","state":"lost"}' WHERE id = ?`).run(e.id);
    r.kiosk.db.prepare('INSERT INTO outbox (event_id, priority, seq, enqueued_at) VALUES (?, 1, ?, ?)').run(e.id, e.seq, Date.now());
    produce(r.kiosk, 5);
    expect(await r.pusher.pushOnce()).toBe('pushed');
    const status = r.pusher.status();
    expect(status.deadLetters.items.map((d) => [d.eventId, d.reason.split(':')[0]])).toEqual([[e.id, 'conflict']]);
    expect(pendingCount(r.kiosk.db)).toBe(0);
    const conflicts = await r.platform.deps.store.conflicts(10);
    expect(conflicts.map((c) => [c.eventId, c.kind])).toEqual([[e.id, 'payload']]);
  });
});
