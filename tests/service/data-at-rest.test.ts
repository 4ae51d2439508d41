import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCredentials } from '../../contract/sync.ts';
import { startPlatform } from '../../platform/server.ts';
import { loadConfig } from '../../service/config.ts';
import { startKiosk } from '../../service/kiosk.ts';
import { createLogger } from '../../service/log.ts';
import { ADMIN_TOKEN, enrolmentCode, waitFor } from '../sync/helpers.ts';
import { startTestKiosk } from '../support/kiosk-in-process.ts';
import { teardown } from '../support/teardown.ts';

const root = path.resolve(import.meta.dirname, '../..');
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await teardown(cleanups.splice(0).map((c, i) => [`cleanup ${i}`, c] as const));
});

describe('data at rest (issue 12, item 5)', () => {
  it('keeps the data directory 0700 and the database, its WAL and SHM, logs and exports 0600', async () => {
    const t = await startTestKiosk();
    cleanups.push(() => t.stop());
    // The in-process kiosk runs under the test's umask (022): the modes come from the code, not the umask.
    fs.chmodSync(t.dataDir, 0o755);
    const logger = createLogger({ dataDir: t.dataDir, level: 'info', stdout: false });
    logger.info('hello');
    // The log file opens asynchronously (sonic-boom, sync: false): wait for the line to land.
    const logFile = path.join(t.dataDir, 'logs', 'kiosk.log');
    await waitFor(() => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes('hello'), 20_000, 'the log line written');
    expect(mode(t.dataDir)).toBe(0o700);
    expect(mode(path.join(t.dataDir, 'logs'))).toBe(0o700);
    expect(mode(path.join(t.dataDir, 'logs', 'kiosk.log'))).toBe(0o600);
    for (const f of ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm']) expect(mode(path.join(t.dataDir, f)), f).toBe(0o600);
    const exported = t.kiosk.link.exportUnsent();
    expect(mode(exported)).toBe(0o600);
    expect(mode(path.dirname(exported))).toBe(0o700);
  });
});

describe('the kiosk token never reaches the log (issue 12, item 5)', () => {
  it('enrolment, pushes and a credential rotation log no token, at debug level', async () => {
    const platform = await startPlatform({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'token-platform-')), adminToken: ADMIN_TOKEN });
    cleanups.push(() => platform.close());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-kiosk-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const rendererDir = path.join(dataDir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    const logger = createLogger({ dataDir, level: 'debug', stdout: false });
    const config = loadConfig({}, { dataDir, port: 0, hardware: 'sim', rendererDir, platformUrl: platform.url, enrolCode: await enrolmentCode(platform.url), platformKeys: [platform.deps.key.publicKey.spki] });
    const kiosk = await startKiosk(config, logger);
    cleanups.unshift(() => kiosk.stop());
    expect(kiosk.link.status().enrolled).toBe(true);
    const creds = JSON.parse(kiosk.db.prepare("SELECT value FROM sync_state WHERE key = 'credentials'").pluck().get() as string) as KioskCredentials;
    // The places a token could leak: the credentials object, an authorization header, an HTTP error message.
    logger.info({ credentials: creds, headers: { authorization: `Bearer ${creds.kioskId}:${creds.token}` } }, 'diagnostic dump');
    kiosk.events.append('shelf.health', { boardId: 'node-1', state: 'connected' });
    kiosk.link.wake();
    await waitFor(() => (kiosk.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number) === 0, 20_000, 'outbox drained');
    const logPath = path.join(dataDir, 'logs', 'kiosk.log');
    await waitFor(() => fs.existsSync(logPath) && fs.readFileSync(logPath, 'utf8').includes('diagnostic dump'), 20_000, 'the diagnostic dump written');
    const log = fs.readFileSync(logPath, 'utf8');
    expect(log).toContain('diagnostic dump');
    expect(log).toContain('enrolled with the platform');
    expect(log).not.toContain(creds.token);
  });
});

describe('boot code never in the log (issue 12, item 1)', () => {
  it('a standalone service hands out its boot link as a 0600 page and logs only the page path', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-standalone-'));
    const rendererDir = path.join(dataDir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'service/main.ts')], {
      cwd: root,
      env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: '0', KIOSK_LOG_LEVEL: 'info', KIOSK_RENDERER_DIR: rendererDir, KIOSK_HARDWARE: 'sim' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`service exited ${code}: ${out}`)));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const hit = out.split('\n').find((l) => l.includes('open the kiosk'));
        if (hit) resolve(hit);
      });
    });
    const { launchFile } = JSON.parse(line) as { launchFile: string };
    expect(fs.readFileSync(launchFile, 'utf8')).toMatch(/#boot=[A-Za-z0-9_-]{20,}/);
    expect(mode(launchFile)).toBe(0o600);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    expect(out).not.toMatch(/boot=/);
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8')).not.toMatch(/boot=/);
    expect(mode(dataDir)).toBe(0o700);
  });
});
