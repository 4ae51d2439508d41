import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderViewSchema } from '../../contract/api.ts';
import { loadConfig } from '../../service/config.ts';
import { startKiosk, type Kiosk } from '../../service/kiosk.ts';
import { createLogger } from '../../service/log.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { login, request } from '../support/kiosk-in-process.ts';
import { loginAs } from '../support/staff-login.ts';
import { teardown } from '../support/teardown.ts';
import { enrolmentCode, startTestPlatform, tempDir, waitFor } from '../sync/helpers.ts';

/**
 * A store sets its platform on the admin settings screen (no KIOSK_PLATFORM_URL): after the
 * restart the settings ask for, the kiosk's orders are registered with that platform — the
 * order client talks to the same platform as the sync link (it once read only the variable).
 */
describe('a platform set on the admin settings screen', () => {
  const t = tempDir('settings-platform');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-settings-platform-'));
  const rendererDir = path.join(dataDir, 'renderer');
  let platform: RunningPlatform | undefined;
  let kiosk: Kiosk | undefined;

  afterAll(() =>
    teardown([
      ['kiosk', () => kiosk?.stop()],
      ['platform', () => platform?.close()],
      ['dirs', () => [dataDir, t.dir].forEach((d) => fs.rmSync(d, { recursive: true, force: true }))],
    ]),
  );

  const start = async (enrolCode?: string): Promise<Kiosk> => {
    const config = loadConfig({}, { dataDir, port: 0, hardware: 'sim', rendererDir, logLevel: 'silent', platformKeys: platform ? [platform.deps.key.publicKey.spki] : [], ...(enrolCode ? { enrolCode } : {}) });
    return startKiosk(config, createLogger({ level: 'error', stdout: true }));
  };

  it('registers orders with it after the restart', async () => {
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    platform = await startTestPlatform(path.join(t.dir, 'platform'));
    kiosk = await start();
    const admin = await loginAs(kiosk, 'admin');
    const origin = `http://127.0.0.1:${kiosk.port}`;
    const put = await request(kiosk.port, { method: 'PUT', path: '/api/admin/settings', headers: { cookie: admin, origin }, body: { platformUrl: platform.url } });
    expect(put.status, put.body).toBe(200);
    expect(JSON.parse(put.body)).toMatchObject({ restartNeeded: true });
    await kiosk.stop();

    kiosk = await start(await enrolmentCode(platform.url));
    const k = kiosk;
    const cookie = await login(k);
    const active = k.catalogue.active();
    const p = active?.manifest.products[0];
    if (!active || !p) throw new Error('demo catalogue missing');
    const res = await request(k.port, { method: 'POST', path: '/api/orders', headers: { cookie, origin: `http://127.0.0.1:${k.port}` }, body: { contentVersion: active.manifest.version, locale: 'zh-CN', lines: [{ productId: p.id, quantity: 1, unitPriceFen: p.priceFen }] } });
    expect(res.status, res.body).toBe(201);
    const { orderId } = OrderViewSchema.parse(JSON.parse(res.body));
    let payUrl: string | null = null;
    await waitFor(async () => {
      const got = OrderViewSchema.parse(JSON.parse((await request(k.port, { path: `/api/orders/${orderId}`, headers: { cookie } })).body));
      payUrl = got.payUrl;
      return payUrl !== null;
    }, 30_000, 'the order registered with the platform set in the settings');
    expect(String(payUrl)).toContain(orderId);
    expect(await platform.deps.store.getOrder(orderId)).not.toBeNull();
  }, 90_000);
});
