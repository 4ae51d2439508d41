import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
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

/** Staff surface roles as the kiosk page marks them (`[data-testid=staff][data-role=…]`). */
const staffSurface = (page: Page, role: AccountRole) => page.locator(`[data-testid="staff"][data-role="${role}"]`);

/**
 * First set-up in the kiosk page with the keyboard, as staff do on a kiosk with one: Ctrl+Alt+S,
 * "first set-up", the one-time code read off the screen, the PIN twice. Resolves once the admin
 * it creates is signed in. `atPad` runs while the code pad is showing (screenshots).
 */
export async function firstSetupInPage(page: Page, pin: string, atPad?: () => Promise<void>): Promise<void> {
  await page.keyboard.press('Control+Alt+s');
  await page.getByTestId('first-setup').click();
  const code = (await page.getByTestId('setup-code').textContent()) ?? '';
  await atPad?.();
  for (const digits of [code, pin, pin]) {
    await page.keyboard.type(digits);
    await page.keyboard.press('Enter');
  }
  await staffSurface(page, 'admin').waitFor();
}

/**
 * Signs `name` in with the keyboard from the shopper screen (Ctrl+Alt+S, the account, the PIN),
 * then waits for the staff surface in `role` when one is given. `atPad` runs while the account
 * list is showing (screenshots).
 */
export async function signInInPage(page: Page, name: string, pin: string, opts: { role?: AccountRole; atPad?: () => Promise<void> } = {}): Promise<void> {
  await page.keyboard.press('Control+Alt+s');
  await page.getByTestId('staff-signin').waitFor();
  await opts.atPad?.();
  await page.locator('[data-testid="account"]', { hasText: name }).click();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  if (opts.role) await staffSurface(page, opts.role).waitFor();
}
