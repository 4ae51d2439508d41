import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PlatformOptions, RunningPlatform } from '../../platform/server.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, enrol, openKiosk, startTestPlatform, tempDir, type TestKiosk } from '../sync/helpers.ts';
import { kioskApi, type KioskApi } from './order-client.ts';

export * from './order-client.ts';

/** The admin API's headers (the platform's admin token). */
export const ADMIN_HEADERS = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** The staff member a kiosk's money events name as their actor. */
export const STAFF_ACTOR = { accountId: 'a1', name: '王芳', role: 'staff' };

/** A newly enrolled kiosk's order API client. */
export async function enrolKioskApi(p: RunningPlatform): Promise<KioskApi> {
  return kioskApi(p.url, await enrol(p.url, randomUUID()));
}

/** A test platform and one kiosk database enrolled with it, in their own temp directory. */
export interface OrdersRig {
  p: RunningPlatform;
  /** The kiosk's own database: its events are what a test pushes. */
  kiosk: TestKiosk;
  /** The kiosk's order API client, with its credentials. */
  api: KioskApi;
  /** Another kiosk database enrolled with the same platform (closed with the rig). */
  addKiosk(name: string): Promise<{ kiosk: TestKiosk; api: KioskApi }>;
  /** Closes the platform and the kiosk databases and removes the temp directory. */
  close(): Promise<void>;
}

/** Starts a platform (SQLite, or PostgreSQL in the `pg` project) with `options` and enrols one kiosk database with it. */
export async function startOrdersRig(prefix: string, options: Partial<PlatformOptions> = {}): Promise<OrdersRig> {
  const t = tempDir(prefix);
  const p = await startTestPlatform(join(t.dir, 'platform'), options);
  const kiosks: TestKiosk[] = [];
  const addKiosk = async (name: string) => {
    const kiosk = openKiosk(join(t.dir, `${name}.db`));
    kiosks.push(kiosk);
    return { kiosk, api: kioskApi(p.url, await enrol(p.url, kiosk.identity.installId)) };
  };
  const { kiosk, api } = await addKiosk('kiosk');
  const close = () =>
    teardown([
      ['platform', () => p.close()],
      ...kiosks.map((k) => [`kiosk db ${k.file}`, () => k.db.close()] as const),
      ['temp dir', () => t.cleanup()],
    ]);
  return { p, kiosk, api, addKiosk, close };
}
