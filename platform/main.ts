import pino from 'pino';
import { join } from 'node:path';
import { loadPlatformConfig } from './config.ts';
import { publishPackage } from './content/publish.ts';
import { loadOrCreateSigningKey } from './content/signing-keys.ts';
import { startPlatform } from './server.ts';
import { openPgStore } from './store/pg-store.ts';
import { openSqliteStore } from './store/sqlite-store.ts';

/**
 * `npm run platform` starts the reference platform;
 * `npm run platform -- publish <package-dir>` signs and publishes a content package.
 */
async function main(): Promise<void> {
  const config = loadPlatformConfig(process.env);
  const [command, arg] = process.argv.slice(2);
  if (command === 'publish') {
    if (!arg) throw new Error('usage: npm run platform -- publish <package-dir>');
    const store = config.databaseUrl ? await openPgStore(config.databaseUrl) : openSqliteStore(join(config.dataDir, 'platform.sqlite'));
    const key = loadOrCreateSigningKey(config.dataDir);
    const result = await publishPackage(arg, { dataDir: config.dataDir, store, key, now: Date.now() });
    await store.close();
    console.log(result.ok ? `published version ${result.value.version} (key ${result.value.keyId})` : `rejected: ${result.error.code}: ${result.error.message}`);
    process.exitCode = result.ok ? 0 : 1;
    return;
  }
  const logger = pino({ name: 'platform', redact: ['req.headers.authorization', 'req.headers.cookie'] });
  const running = await startPlatform({ dataDir: config.dataDir, adminToken: config.adminToken, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), limits: config.limits, orders: config.orders, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}), port: config.port, host: process.env.PLATFORM_HOST ?? '127.0.0.1', logger });
  console.log(`platform listening on ${running.url} (data in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})`);
  console.log(config.adminTokenFile ? `admin token stored in ${config.adminTokenFile}` : 'admin token from PLATFORM_ADMIN_TOKEN');
  if ((await running.deps.store.countAccounts()) === 0) console.log(`no administrator account yet: open ${running.url}/setup and create the first one with the admin token`);
  // Public, but pin it on kiosks from here (or a release), not from the network it protects.
  console.log(`content-signing public key for KIOSK_PLATFORM_KEYS: ${running.deps.key.publicKey.spki}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
