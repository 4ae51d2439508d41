import pino from 'pino';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPlatformConfig } from './config.ts';
import { publishPackage } from './content/publish.ts';
import { loadOrCreateSigningKey } from './content/signing-keys.ts';
import { DEFAULT_AUTHORING_DIR } from './routes/authoring-app.ts';
import { startPlatform } from './server.ts';
import { openPgStore } from './store/pg-store.ts';
import { openSqliteStore } from './store/sqlite-store.ts';

/**
 * In a checkout (vite installed) the authoring app is built on first start, as `npm start` builds
 * the kiosk's screens; an installed platform ships `dist/authoring` built (else /author/ says so).
 */
function buildAuthoringIfMissing(): void {
  const root = resolve(import.meta.dirname, '..');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  if (existsSync(join(DEFAULT_AUTHORING_DIR, 'authoring.html')) || !existsSync(vite)) return;
  console.log('building the authoring app (dist/authoring) …');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.authoring.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error('the authoring app did not build: /author/ answers 503 until `npm run build:renderer` succeeds');
}

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
  buildAuthoringIfMissing();
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
