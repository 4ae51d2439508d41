import type { Page } from 'playwright-core';
import { buildDemoPackage } from '../../content/build-demo.ts';
import type { AdminRole } from '../../platform/store/account-store.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates an administrator account through the JSON API with the admin token (automation). */
export async function createAdminAccount(baseUrl: string, adminToken: string, username: string, roles: AdminRole[], password = TEST_PASSWORD): Promise<{ accountId: string }> {
  const res = await fetch(`${baseUrl}/v1/admin/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username, displayName: username, roles, password }),
  });
  if (res.status !== 201) throw new Error(`creating account ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accountId: string };
}

/** Signs in over HTTP as a browser would (form post with Origin); returns the `name=value` cookie. */
export async function signIn(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in as ${username}: ${res.status}`);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

/** Signs in on the platform's sign-in page in a browser. */
export async function signInPage(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('#sign-in')]);
}

/** Builds the demo content package in `dir` and seeds the platform's catalogue from it with the admin token. */
export async function seedDemoCatalogue(baseUrl: string, adminToken: string, dir: string): Promise<void> {
  await buildDemoPackage(dir);
  const res = await fetch(`${baseUrl}/v1/admin/catalogue/seed`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dir }),
  });
  if (res.status !== 200) throw new Error(`seeding the demo catalogue: ${res.status} ${await res.text()}`);
}

/**
 * A request as a signed-in browser makes it: the session cookie, an Origin on every write (the
 * platform's CSRF check), a JSON body, or raw bytes sent as they are (uploads).
 */
export function sessionRequest(baseUrl: string, cookie: string, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const json = body !== undefined && !Buffer.isBuffer(body);
  return fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { cookie, ...(method === 'GET' ? {} : { origin: baseUrl }), ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body === undefined ? {} : { body: json ? JSON.stringify(body) : body }),
  });
}
