import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../platform/server.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from './helpers.ts';

/** First run of the authoring app: an empty catalogue can start from the demo catalogue, once. */
describe('seeding the demo catalogue', () => {
  const t = tempDir('seed-demo');
  let platform: RunningPlatform;
  const post = (p: string) => fetch(`${platform.url}${p}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });

  beforeAll(async () => {
    platform = await startTestPlatform(path.join(t.dir, 'platform'));
  });
  afterAll(() => teardown([['platform', () => platform?.close()], ['temp dir', () => t.cleanup()]]));

  it('fills an empty catalogue, then refuses to overwrite it', async () => {
    const first = await post('/v1/admin/catalogue/seed-demo');
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toMatchObject({ products: 27 });
    const cat = (await (await fetch(`${platform.url}/v1/admin/authoring/catalogue`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { products: unknown[]; meta: unknown };
    expect(cat.products).toHaveLength(27);
    expect(cat.meta).not.toBeNull();
    const again = await post('/v1/admin/catalogue/seed-demo');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'not-empty' } });
    const audit = await platform.deps.store.listAudit(10);
    expect(audit.filter((a) => a.action === 'catalogue.seed')).toHaveLength(1);
  });
});
