import { randomUUID } from 'node:crypto';
import type { AccountRole } from '../../contract/staff.ts';
import { createStaffStore } from '../../db/staff.ts';
import type { Kiosk } from '../../service/kiosk.ts';
import { hashPin } from '../../service/staff/pin-hash.ts';
import { login, request } from './kiosk-in-process.ts';

/** PIN of accounts the tests create. */
export const TEST_PIN = '482915';

/** Adds an account straight to the kiosk's database (tests only: the product path is first set-up + supervisors). */
export async function addTestAccount(kiosk: Kiosk, role: AccountRole, pin = TEST_PIN): Promise<string> {
  const id = randomUUID();
  createStaffStore(kiosk.db).insert({ id, name: `test ${role} ${id.slice(0, 4)}`, role, createdAt: Date.now() }, await hashPin(pin));
  return id;
}

/** A session cookie signed in with `role` by PIN, as staff do on the kiosk (screen session + sign-in). */
export async function loginAs(kiosk: Kiosk, role: AccountRole): Promise<string> {
  const cookie = await login(kiosk);
  const accountId = await addTestAccount(kiosk, role);
  const res = await request(kiosk.port, { method: 'POST', path: '/api/staff/sign-in', headers: { cookie, origin: `http://127.0.0.1:${kiosk.port}` }, body: { accountId, pin: TEST_PIN } });
  if (res.status !== 200) throw new Error(`sign-in as ${role} failed: ${res.status} ${res.body}`);
  return cookie;
}
