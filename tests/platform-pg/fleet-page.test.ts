import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrolResponseSchema, type Heartbeat } from '../../contract/sync.ts';
import type { EventEnvelope } from '../../contract/events.ts';
import { rowToEnvelope, type EventRow } from '../../db/events.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { databaseFor } from '../support/pg-database.ts';
import { createAdminAccount, signInPage } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, enrolmentCode, openKiosk, produce, startTestPlatform, tempDir } from '../sync/helpers.ts';

/**
 * The fleet view against SQL computed here from the raw tables (events, kiosks), not from
 * the store's own summaries (streams, board_health). Kiosks: a healthy one, one with a lost
 * board and an old backlog, one with dead letters and a conflict, one that never reported,
 * and one whose name is markup (must be shown as text).
 */
const EVIL = '<img src=x onerror=alert(1)>';
const t = tempDir('fleet-page');
let platform: RunningPlatform;
let sql: pg.Client;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

async function post(path: string, auth: string, body: unknown): Promise<Response> {
  return fetch(`${platform.url}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function kioskWithEvents(label: string, name: string, n: number, extra?: (k: ReturnType<typeof openKiosk>) => void) {
  const k = openKiosk(join(t.dir, `${label}.db`));
  produce(k, n);
  if (extra) k.db.transaction(() => extra(k))();
  const envelopes = (k.db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[]).map((r) => rowToEnvelope(r, k.identity.installId));
  k.db.close();
  const res = await post('/v1/enrol', '', { code: await enrolmentCode(platform.url), installId: envelopes[0]?.installId, name });
  const creds = EnrolResponseSchema.parse(await res.json());
  ids[label] = creds.kioskId;
  return { auth: `Bearer ${creds.kioskId}:${creds.token}`, kioskId: creds.kioskId, envelopes };
}

function heartbeat(kioskId: string, backlog: number, ageMs: number | null, deadLetters: number): Heartbeat {
  const none = { count: 0, oldestAgeMs: null };
  return { kioskId, sentAt: new Date().toISOString(), backlog: { money: none, stock: none, analytics: { count: backlog, oldestAgeMs: ageMs } }, deadLetters, contentVersion: 7, appVersion: '1.4.2' };
}

describe.skipIf(!hasChromium())('fleet view (PostgreSQL)', () => {
  beforeAll(async () => {
    platform = await startTestPlatform(join(t.dir, 'platform'));
    sql = new pg.Client({ connectionString: await databaseFor(join(t.dir, 'platform')) });
    await sql.connect();
    const healthy = await kioskWithEvents('healthy', 'Yantian hall', 40);
    const lost = await kioskWithEvents('lost', 'Dongyuan corner', 260, (k) => k.events.append('shelf.health', { boardId: 'node-1', state: 'lost', detail: 'no heartbeat' }));
    const dead = await kioskWithEvents('dead', EVIL, 25);
    await kioskWithEvents('silent', 'Never reported', 5);
    for (const k of [healthy, lost, dead]) expect((await post('/v1/events', k.auth, { events: k.envelopes })).status).toBe(200);
    const first = dead.envelopes[0] as EventEnvelope;
    await post('/v1/events', dead.auth, { events: [{ ...first, payload: { ...(first.payload as object), changed: true } }] });
    await post('/v1/heartbeat', healthy.auth, heartbeat(healthy.kioskId, 0, null, 0));
    await post('/v1/heartbeat', lost.auth, heartbeat(lost.kioskId, 12, 2 * 3600_000, 0));
    await post('/v1/heartbeat', dead.auth, heartbeat(dead.kioskId, 3, 60_000, 2));
    browser = await launchChromium();
    page = await browser.newPage();
    await createAdminAccount(platform.url, ADMIN_TOKEN, 'fleet', ['fleet-admin']);
    await signInPage(page, platform.url, 'fleet');
  }, 90_000);

  afterAll(() => teardown([['browser', () => browser?.close()], ['sql', () => sql?.end()], ['platform', () => platform?.close()], ['temp', () => t.cleanup()]]));

  const cellOf = (label: string, field: string) => page.locator(`tr[data-kiosk-id="${ids[label]}"] td[data-field="${field}"]`).innerText();
  const num = async (q: string, params: unknown[] = []) => Number((await sql.query<{ n: string }>(q, params)).rows[0]?.n);

  it('shows each kiosk with the figures SQL computes from the raw tables', async () => {
    await page.goto(`${platform.url}/fleet`);
    expect(await page.locator('[data-summary="kiosks"]').innerText()).toBe(String(await num('SELECT count(*) AS n FROM kiosks')));
    expect(await page.locator('[data-summary="events"]').innerText()).toBe(String(await num('SELECT count(*) AS n FROM events')));
    const backlogSql = `SELECT COALESCE(sum((heartbeat::jsonb->'backlog'->'money'->>'count')::int + (heartbeat::jsonb->'backlog'->'stock'->>'count')::int
      + (heartbeat::jsonb->'backlog'->'analytics'->>'count')::int), 0) AS n FROM kiosks`;
    expect(await page.locator('[data-summary="backlogEvents"]').innerText()).toBe(String(await num(backlogSql)));
    const latest = `SELECT DISTINCT ON (kiosk_id, envelope->'payload'->>'boardId') kiosk_id, envelope->'payload'->>'state' AS state
      FROM events WHERE type = 'shelf.health' ORDER BY kiosk_id, envelope->'payload'->>'boardId', seq DESC`;
    const unhealthy = `SELECT count(*) AS n FROM (${latest}) b WHERE state NOT IN ('connected', 'recovered')`;
    expect(await page.locator('[data-summary="unhealthyBoards"]').innerText()).toBe(String(await num(unhealthy)));
    for (const label of ['healthy', 'lost', 'dead', 'silent']) {
      expect(await cellOf(label, 'events')).toBe(String(await num('SELECT count(*) AS n FROM events WHERE kiosk_id = $1', [ids[label]])));
    }
    expect(await cellOf('lost', 'boards')).toBe('node-1: lost');
    expect(await cellOf('healthy', 'boards')).toBe('node-1: connected');
    expect(await cellOf('lost', 'backlog')).toBe('12');
    expect(await cellOf('lost', 'backlog-age')).toBe('120 min');
    expect(await cellOf('lost', 'app')).toBe('1.4.2');
    expect(await cellOf('dead', 'dead-letters')).toBe('2');
    expect(await cellOf('dead', 'alerts')).toContain(`${await num('SELECT count(*) AS n FROM conflicts WHERE kiosk_id = $1', [ids.dead])} conflicts`);
    expect(await cellOf('silent', 'alerts')).toContain('offline');
    expect(await cellOf('silent', 'heartbeat')).toBe('never');
    expect(await cellOf('healthy', 'alerts')).toBe('');
    // Markup in a name is text: no element was made from it (sentinel: the row exists and shows it).
    expect(await cellOf('dead', 'kiosk')).toContain(EVIL);
    expect(await page.locator(`tr[data-kiosk-id="${ids.dead}"] img`).count()).toBe(0);
  });

  async function shownIds(): Promise<Array<string | null>> {
    const rows = page.locator('#fleet tbody tr[data-kiosk-id]');
    return Promise.all(Array.from({ length: await rows.count() }, (_, i) => rows.nth(i).getAttribute('data-kiosk-id')));
  }

  it('filters by status and by text', async () => {
    await page.goto(`${platform.url}/fleet?status=alerting`);
    const shown = await shownIds();
    expect(shown.sort()).toEqual([ids.lost, ids.dead, ids.silent].sort());
    await page.goto(`${platform.url}/fleet?status=ok`);
    expect(await page.locator('#fleet tbody tr[data-kiosk-id]').count()).toBe(1);
    await page.goto(`${platform.url}/fleet?q=dongyuan`);
    expect(await shownIds()).toEqual([ids.lost]);
  });

  it("shows a kiosk's event timeline, newest first, paged", async () => {
    await page.goto(`${platform.url}/fleet?q=dongyuan`);
    await Promise.all([page.waitForURL(/\/fleet\/kiosks\//), page.click(`tr[data-kiosk-id="${ids.lost}"] a`)]);
    const total = await num('SELECT count(*) AS n FROM events WHERE kiosk_id = $1', [ids.lost]);
    expect(total).toBe(261);
    expect(await page.locator('#timeline tbody tr').count()).toBe(200);
    const newest = await sql.query<{ id: string }>('SELECT id FROM events WHERE kiosk_id = $1 ORDER BY received_at DESC, seq DESC LIMIT 1', [ids.lost]);
    expect(await page.locator('#timeline tbody tr').first().getAttribute('data-event-id')).toBe(newest.rows[0]?.id);
    expect(await page.locator('#alerts').innerText()).toContain('board node-1 lost');
    await Promise.all([page.waitForURL(/before=/), page.click('#older')]);
    expect(await page.locator('#timeline tbody tr[data-event-id]').count()).toBe(total - 200);
  });
});
