import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite.ts';
import { E2E_READY } from '../support/e2e.ts';
import { freePort } from '../support/supervised-kiosk.ts';

/**
 * `npm start` as a store runs it, stopped as systemd stops it: SIGTERM to every process of the
 * group at once (issue 14). The simulator's socat may die before the service has handled its
 * own SIGTERM; that must not be recorded as a lost board. Also: a newcomer's first run on a
 * machine without a display prints plain lines, never raw JSON.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null && c.pid !== undefined) process.kill(-c.pid, 'SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function startKioskGroup(env: Record<string, string>): { child: ChildProcess; dataDir: string; output: () => string; exited: Promise<number | null> } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-stop-'));
  dirs.push(dataDir);
  const base = { ...process.env };
  delete base.DISPLAY;
  delete base.WAYLAND_DISPLAY;
  // detached: its own process group, as a systemd unit's processes are one group to stop.
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/launch/start.ts'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...base, KIOSK_DATA_DIR: dataDir, KIOSK_NO_ELECTRON: '1', ...env } });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, dataDir, output: () => out, exited };
}

function healthEvents(dataDir: string): string[] {
  const db = openSqlite(path.join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT payload FROM events WHERE type = 'shelf.health' ORDER BY seq").all() as Array<{ payload: string }>).map((r) => (JSON.parse(r.payload) as { state: string }).state);
  } finally {
    db.close();
  }
}

/** Pids of socat processes whose parent is `ppid` (the service's simulator pty). */
function socatChildrenOf(ppid: number): number[] {
  return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).flatMap((e) => {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return stat.includes('(socat)') && Number(fields[1]) === ppid ? [Number(e)] : [];
    } catch {
      return [];
    }
  });
}

function childrenOf(ppid: number): number[] {
  return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).flatMap((e) => {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid ? [Number(e)] : [];
    } catch {
      return [];
    }
  });
}

describe.skipIf(!E2E_READY)('stopping the kiosk like systemd does', () => {
  it.each([
    ['the whole group at once', false],
    ['the simulator\u2019s socat first, then the group', true],
  ])('SIGTERM to %s records no lost board, exits 0 and prints no raw JSON', async (_name, socatFirst) => {
    const k = startKioskGroup({ KIOSK_PORT: String(await freePort()), KIOSK_BROWSER_HEADLESS: '1', KIOSK_HARDWARE: 'sim' });
    await expect.poll(() => k.output(), { timeout: 60_000 }).toContain('Shelf status page');
    await expect.poll(() => (fs.existsSync(path.join(k.dataDir, 'kiosk.db')) ? healthEvents(k.dataDir) : []), { timeout: 30_000 }).toContain('connected');
    const pgid = k.child.pid ?? 0;
    if (socatFirst) {
      const services = childrenOf(pgid);
      const socat = services.flatMap((s) => socatChildrenOf(s));
      expect(socat.length).toBeGreaterThan(0);
      for (const p of socat) process.kill(p, 'SIGTERM');
    }
    process.kill(-pgid, 'SIGTERM');
    expect(await k.exited).toBe(0);
    const log = (): string => fs.readFileSync(path.join(k.dataDir, 'logs/kiosk.log'), 'utf8');
    expect(healthEvents(k.dataDir), `${k.output()}\n${log()}`).not.toContain('lost');
    expect(k.output().split('\n').filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
  });

  it('a first run without a display says so in one line and serves the kiosk', async () => {
    const k = startKioskGroup({ KIOSK_PORT: String(await freePort()) });
    await expect.poll(() => k.output(), { timeout: 60_000 }).toContain('Shelf status page');
    expect(k.output()).toMatch(/No kiosk window here \(no display \(DISPLAY\/WAYLAND_DISPLAY unset\)\)\. Open this page/);
    expect(k.output().split('\n').filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
    process.kill(-(k.child.pid ?? 0), 'SIGTERM');
    expect(await k.exited).toBe(0);
  });
});
