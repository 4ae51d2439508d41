/**
 * A kiosk pusher in its own process, so tests can kill -9 it at any point.
 * Env: KIOSK_DB, PLATFORM_URL, CREDS_FILE (JSON {kioskId, token}, re-read after 401), BATCH.
 */
import { readFileSync } from 'node:fs';
import { KioskCredentialsSchema } from '../../contract/sync.ts';
import { openDatabase } from '../../db/open.ts';
import { createPusher } from '../../service/sync/pusher.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const { db, identity } = openDatabase(env('KIOSK_DB'));
const pusher = createPusher({
  db,
  installId: identity.installId,
  baseUrl: env('PLATFORM_URL'),
  getCredentials: () => Promise.resolve(KioskCredentialsSchema.parse(JSON.parse(readFileSync(env('CREDS_FILE'), 'utf8')))),
  batchSize: Number(process.env.BATCH ?? 500),
  idlePollMs: 50,
  backoffBaseMs: 20,
  backoffCapMs: 500,
  requestTimeoutMs: 10_000,
});
pusher.start();
process.send?.('ready');
process.once('SIGTERM', () => {
  void pusher.stop().then(() => {
    db.close();
    process.exit(0);
  });
});
