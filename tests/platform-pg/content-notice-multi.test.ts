import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { databaseFor } from '../support/pg-database.ts';
import { startTestKiosk } from '../support/kiosk-in-process.ts';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { teardown } from '../support/teardown.ts';
import { openStatusStream } from '../orders/order-client.ts';
import { ADMIN_TOKEN, tempDir, waitFor } from '../sync/helpers.ts';

/**
 * Two real platform processes on one PostgreSQL database (PostgreSQL only: SQLite is one
 * process): a kiosk whose stream is held by process B hears of a publish done through process A,
 * by B's poll of the newest version on the order stream's tick — its own content poll stays at
 * the 60 s default.
 */
const t = tempDir('pg-content-notice');
let a: PlatformProcess;
let b: PlatformProcess;
let kiosk: Awaited<ReturnType<typeof startTestKiosk>>;

async function admin(base: string, pathname: string, body: unknown): Promise<Response> {
  return fetch(`${base}${pathname}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  const dataDir = join(t.dir, 'platform');
  const env = { PLATFORM_DATABASE_URL: await databaseFor(dataDir), PLATFORM_DATA_DIR: dataDir, PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN };
  // The first one runs the migrations and writes the signing key; the second finds both.
  a = await startPlatformProcess(env);
  b = await startPlatformProcess(env);
  await buildDemoPackage(join(t.dir, 'demo'));
  const seeded = await admin(a.url, '/v1/admin/catalogue/seed', { dir: join(t.dir, 'demo') });
  expect(seeded.status, await seeded.clone().text()).toBe(200);
  const { code } = (await (await admin(a.url, '/v1/admin/enrolment-codes', { uses: 1 })).json()) as { code: string };
  const { keys } = (await (await fetch(`${b.url}/v1/keys`)).json()) as { keys: Array<{ spki: string }> };
  kiosk = await startTestKiosk({ platformUrl: b.url, enrolCode: code, platformKeys: keys.map((k) => k.spki) });
  await kiosk.kiosk.link.checkContentNow();
}, 120_000);

afterAll(() =>
  teardown([
    ['kiosk', () => kiosk?.stop()],
    ['platform a', () => a?.stop()],
    ['platform b', () => b?.stop()],
    ['temp dir', () => t.cleanup()],
  ]),
);

it('brings a publish done through process A to a kiosk connected to process B within seconds', async () => {
  const creds = kiosk.kiosk.link.credentials();
  if (!creds) throw new Error('kiosk not enrolled');
  const observer = openStatusStream(b.url, creds);
  const start = performance.now();
  const res = await admin(a.url, '/v1/admin/catalogue/publish', { target: { kind: 'all' } });
  expect(res.status, await res.clone().text()).toBe(200);
  const { version } = (await res.json()) as { version: number };
  await waitFor(() => kiosk.kiosk.catalogue.active()?.manifest.version === version, 20_000, `version ${version} on the kiosk`);
  console.log(`publish on process A → kiosk on process B active: ${Math.round(performance.now() - start)} ms`);
  await waitFor(() => observer.events.some((e) => e.event === 'content'), 10_000, 'the notice on B');
  await observer.close();
  expect(observer.events.filter((e) => e.event === 'content').map((e) => e.data)).toEqual([{ version }]);

  // A stream opened on B after the publish starts with that version.
  const late = openStatusStream(b.url, creds);
  await waitFor(() => late.events.some((e) => e.event === 'content'), 10_000, 'the notice on connect');
  await late.close();
  expect(late.events.map((e) => [e.event, e.id, e.data])).toEqual([['content', '', { version }]]);
});
