import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite.ts';
import { startPtyPair, type PtyPair } from '../../hardware/sim/pty.ts';
import { ShelfNodeSim } from '../../hardware/sim/shelf-node-sim.ts';
import { isInRollout } from '../../platform/releases/release-store.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { currentTarget, switchCurrent } from '../../service/launch/supervisor/app-dirs.ts';
import { createFallbackSupervisor } from '../../service/launch/supervisor/fallback.ts';
import type { KioskSupervisor, SupervisorEvent } from '../../service/launch/supervisor/supervisor.ts';
import type { Rollout } from '../../contract/releases.ts';
import { ADMIN_TOKEN, enrolmentCode, startTestPlatform, waitFor } from '../sync/helpers.ts';
import { freePort } from '../support/supervised-kiosk.ts';
import { teardown } from '../support/teardown.ts';

/**
 * Staged updates over real processes (issue 14): a real platform, three kiosks — each a
 * supervisor with versioned app directories, its service as a Node child running the compiled
 * release, a shelf-node simulator on a socat pty. v2 goes to 50 % of the fleet and is applied
 * only while no product is lifted; v3 (its service dies at start) rolls back by itself and the
 * platform halts its rollout.
 */
const root = path.resolve(import.meta.dirname, '../..');
const RENDERER = path.join(root, 'dist/renderer');
// Under the checkout, so the releases' compiled service finds the checkout's node_modules.
const work = path.join(root, '.tmp', `staged-update-${process.pid}`);
const TRIAL_MS = 30_000;

interface SimKiosk {
  name: string;
  dataDir: string;
  appsDir: string;
  sim: ShelfNodeSim;
  pty: PtyPair;
  supervisor: KioskSupervisor;
  events: SupervisorEvent[];
  kioskId: string;
  output: () => string;
}

let platform: RunningPlatform;
const kiosks: SimKiosk[] = [];

async function archive(seq: number, version: string, build: string, broken: boolean): Promise<Buffer> {
  const stage = path.join(work, `stage-${seq}`);
  fs.mkdirSync(path.join(stage, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(stage, 'release.json'), JSON.stringify({ seq, version }));
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name: 'smart-shelf-kiosk-release', version, type: 'module', private: true }));
  fs.cpSync(build, path.join(stage, 'dist/app'), { recursive: true });
  fs.cpSync(RENDERER, path.join(stage, 'dist/renderer'), { recursive: true });
  // A release whose service dies at start (a missing module, a bad migration, …).
  if (broken) fs.writeFileSync(path.join(stage, 'dist/app/service/main.js'), "throw new Error('broken release');\n");
  const file = path.join(work, `release-${seq}.tar.gz`);
  await tar.c({ gzip: true, file, cwd: stage, portable: true }, ['.']);
  return fs.readFileSync(file);
}

async function publish(version: string, bytes: Buffer): Promise<number> {
  const res = await fetch(`${platform.url}/v1/admin/releases?version=${version}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/gzip' }, body: bytes });
  expect(res.status).toBe(200);
  return ((await res.json()) as { manifest: { seq: number } }).manifest.seq;
}

async function setRollout(r: Rollout): Promise<void> {
  const res = await fetch(`${platform.url}/v1/admin/rollout`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(r) });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function rolloutState(): Promise<{ rollout: Rollout | null; reports: Array<{ kioskId: string; outcome: string }> }> {
  const res = await fetch(`${platform.url}/v1/admin/rollout`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return (await res.json()) as { rollout: Rollout | null; reports: Array<{ kioskId: string; outcome: string }> };
}

function kioskIdOf(dataDir: string): string | null {
  if (!fs.existsSync(path.join(dataDir, 'kiosk.db'))) return null;
  const db = openSqlite(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    // The file exists before its migrations have run: no table yet means not enrolled yet.
    const v = db.prepare("SELECT value FROM sync_state WHERE key = 'credentials'").pluck().get() as string | undefined;
    return v === undefined ? null : (JSON.parse(v) as { kioskId: string }).kioskId;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

async function startKiosk(name: string, v1: Buffer): Promise<SimKiosk> {
  const dataDir = path.join(work, name, 'data');
  const appsDir = path.join(work, name, 'apps');
  fs.mkdirSync(path.join(appsDir, '1-1.0.0'), { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(work, `${name}-v1.tar.gz`), v1);
  await tar.x({ file: path.join(work, `${name}-v1.tar.gz`), cwd: path.join(appsDir, '1-1.0.0') });
  switchCurrent(appsDir, path.join(appsDir, '1-1.0.0'));
  const pty = await startPtyPair(dataDir);
  const sim = new ShelfNodeSim({ path: pty.devicePath, boardId: 'shelf-A', channels: 12 });
  await sim.start();
  let output = '';
  const events: SupervisorEvent[] = [];
  const { supervisor } = createFallbackSupervisor({
    root,
    dataDir,
    env: {
      ...process.env,
      KIOSK_PORT: String(await freePort()),
      KIOSK_LOG_LEVEL: 'info',
      KIOSK_STDOUT_LOG_LEVEL: 'warn',
      KIOSK_HARDWARE: 'serial',
      KIOSK_SERIAL_PATH: pty.hostPath,
      KIOSK_PLATFORM_URL: platform.url,
      KIOSK_ENROL_CODE: await enrolmentCode(platform.url),
      KIOSK_PLATFORM_KEYS: platform.deps.key.publicKey.spki,
      KIOSK_UPDATE_CHECK_MS: '500',
    },
    browser: null,
    stdio: 'pipe',
    apps: { dir: appsDir, trialMs: TRIAL_MS },
    log: (level, msg, detail) => (output = `${output}[supervisor ${level}] ${msg} ${JSON.stringify(detail ?? {})}\n`.slice(-30_000)),
    onServiceOutput: (c) => (output = (output + c).slice(-30_000)),
  });
  supervisor.on((e) => void events.push(e));
  supervisor.start();
  await waitFor(() => kioskIdOf(dataDir) !== null, 60_000, `${name} enrolled`);
  return { name, dataDir, appsDir, sim, pty, supervisor, events, kioskId: kioskIdOf(dataDir) ?? '', output: () => output };
}

const logOf = (k: SimKiosk): string => {
  try {
    return fs.readFileSync(path.join(k.dataDir, 'logs/kiosk.log'), 'utf8').split('\n').filter((l) => l.includes('"update"') || l.includes('"level":50') || l.includes('"level":40')).slice(-30).join('\n');
  } catch {
    return '';
  }
};
const releaseOf = (k: SimKiosk): string => path.basename(currentTarget(k.appsDir) ?? '');
const count = (k: SimKiosk, type: SupervisorEvent['type']): number => k.events.filter((e) => e.type === type).length;

describe('staged updates (real platform, kiosks, processes)', () => {
  let v2: Buffer;
  let v3: Buffer;
  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    const build = path.join(work, 'build');
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.app.json'), '--outDir', build], { cwd: root, stdio: 'inherit' });
    platform = await startTestPlatform(path.join(work, 'platform'));
    const v1 = await archive(1, '1.0.0', build, false);
    v2 = await archive(2, '2.0.0', build, false);
    v3 = await archive(3, '3.0.0', build, true);
    expect(await publish('1.0.0', v1)).toBe(1);
    for (const name of ['k1', 'k2', 'k3']) kiosks.push(await startKiosk(name, v1));
  }, 300_000);

  afterAll(async () => {
    await teardown([
      ...kiosks.flatMap((k) => [
        [`${k.name} supervisor`, () => k.supervisor.stop()] as const,
        [`${k.name} simulator`, () => k.sim.stop()] as const,
        [`${k.name} socat`, () => k.pty.stop()] as const,
      ]),
      ['platform', () => platform?.close()],
      ['work dir', () => fs.rmSync(work, { recursive: true, force: true })],
    ]);
  });

  it('v2 to 50 %: the kiosks in the share update while idle, never while a product is lifted; v3 fails its trial, rolls back and the rollout halts', async () => {
    expect(await publish('2.0.0', v2)).toBe(2);
    // A salt that splits these three kiosks (at least one in, one out), as any real fleet would be.
    const base = { seq: 2, percent: 50, kiosks: [], state: 'active' as const, failureThreshold: 0.2, minReports: 1 };
    const salt = Array.from({ length: 200 }, (_, i) => `s${i}`).find((s) => {
      const n = kiosks.filter((k) => isInRollout(k.kioskId, { ...base, salt: s })).length;
      return n >= 1 && n <= 2;
    });
    if (salt === undefined) throw new Error('no splitting salt');
    const rollout: Rollout = { ...base, salt };
    const inShare = kiosks.filter((k) => isInRollout(k.kioskId, rollout));
    const outShare = kiosks.filter((k) => !isInRollout(k.kioskId, rollout));
    // A shopper holds a product at the first kiosk in the share.
    const busy = inShare[0];
    if (busy === undefined) throw new Error('no kiosk in the share');
    await busy.sim.lift(0);
    await setRollout(rollout);

    // The busy kiosk stages v2 but waits while the product is lifted …
    await expect.poll(() => count(busy, 'update-waiting'), { timeout: 60_000, message: `${busy.output()}\n${logOf(busy)}` }).toBeGreaterThanOrEqual(3);
    expect(count(busy, 'update-switched')).toBe(0);
    expect(releaseOf(busy)).toBe('1-1.0.0');
    // … the others in the share apply it and prove it healthy …
    for (const k of inShare.filter((x) => x !== busy)) await expect.poll(() => count(k, 'update-applied'), { timeout: 90_000, message: k.output() }).toBe(1);
    // … and once the product is put back, the busy kiosk applies it too.
    await busy.sim.put(0);
    await expect.poll(() => count(busy, 'update-applied'), { timeout: 90_000, message: busy.output() }).toBe(1);
    for (const k of inShare) expect(releaseOf(k)).toBe('2-2.0.0');
    await expect.poll(async () => (await rolloutState()).reports.map((r) => `${r.kioskId}:${r.outcome}`).sort(), { timeout: 30_000 }).toEqual(inShare.map((k) => `${k.kioskId}:applied`).sort());
    // Kiosks outside the share were never offered v2 (sentinel: every kiosk in the share has reported).
    for (const k of outShare) {
      expect(count(k, 'update-switched')).toBe(0);
      expect(releaseOf(k)).toBe('1-1.0.0');
    }

    // v3 to everyone: its service dies at start, the kiosk rolls back by itself and reports it;
    // one failure out of one report is over the 20 % threshold, so the platform halts the rollout.
    const before = new Map(kiosks.map((k) => [k.name, releaseOf(k)]));
    expect(await publish('3.0.0', v3)).toBe(3);
    await setRollout({ seq: 3, percent: 100, kiosks: [], state: 'active', failureThreshold: 0.2, minReports: 1, salt: 'v3' });
    await expect.poll(async () => (await rolloutState()).rollout?.state, { timeout: 120_000 }).toBe('halted');
    const rolledBack = kiosks.filter((k) => count(k, 'update-rolled-back') > 0);
    expect(rolledBack.length).toBeGreaterThanOrEqual(1);
    expect((await rolloutState()).reports.some((r) => r.outcome === 'rolled-back')).toBe(true);
    // Every kiosk runs what it ran before v3, and its service is up again.
    for (const k of kiosks) {
      await expect.poll(() => releaseOf(k), { timeout: 30_000 }).toBe(before.get(k.name));
      await expect.poll(() => k.supervisor.servicePort(), { timeout: 60_000 }).not.toBeNull();
    }
  }, 400_000);
});
