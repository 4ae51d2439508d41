import path from 'node:path';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { startPlatform } from '../../platform/server.ts';
import { startTestKiosk } from '../support/kiosk-in-process.ts';
import { tempDir, waitFor } from '../sync/helpers.ts';
import { percentile, round, type Metric } from './stats.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const RUNS = 10;

/**
 * `publish_to_kiosk_ms`: an administrator's publish call (the demo catalogue built, signed and
 * stored, for all kiosks) → an enrolled kiosk's active content version changed, with the kiosk's
 * content poll at its 60 s default — so the content notice on its order stream is what moves it.
 * Median and p95 of 10 publishes; SQLite platform and kiosk service in this process, loopback.
 */
export async function runPublishBench(): Promise<Metric[]> {
  const t = tempDir('bench-publish');
  const platform = await startPlatform({ dataDir: path.join(t.dir, 'platform'), adminToken: TOKEN });
  const api = async (p: string, body: unknown) => fetch(`${platform.url}${p}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let kiosk: Awaited<ReturnType<typeof startTestKiosk>> | null = null;
  try {
    await buildDemoPackage(path.join(t.dir, 'demo'));
    await api('/v1/admin/catalogue/seed', { dir: path.join(t.dir, 'demo') });
    const { code } = (await (await api('/v1/admin/enrolment-codes', { uses: 1 })).json()) as { code: string };
    kiosk = await startTestKiosk({ platformUrl: platform.url, enrolCode: code, platformKeys: [platform.deps.key.publicKey.spki] });
    const k = kiosk.kiosk;
    await k.link.checkContentNow();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const before = k.catalogue.active()?.manifest.version;
      const start = performance.now();
      const res = await api('/v1/admin/catalogue/publish', { target: { kind: 'all' } });
      if (res.status !== 200) throw new Error(`publish: ${res.status} ${await res.text()}`);
      await waitFor(() => k.catalogue.active()?.manifest.version !== before, 30_000, `publish ${i + 1} active on the kiosk`);
      samples.push(performance.now() - start);
    }
    return [
      { name: 'publish_to_kiosk_ms', value: round(percentile(samples, 50), 0), unit: 'ms', goal: 'publish call → kiosk active version changed (60 s poll; the stream notice), median of 10' },
      { name: 'publish_to_kiosk_ms_p95', value: round(percentile(samples, 95), 0), unit: 'ms', goal: 'a few seconds' },
    ];
  } finally {
    await kiosk?.stop();
    await platform.close();
    t.cleanup();
  }
}
