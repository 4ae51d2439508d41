import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRelease } from '../../build/release.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { teardown } from '../support/teardown.ts';

const root = path.resolve(import.meta.dirname, '../..');
const RENDERER = path.join(root, 'dist/renderer');
const rendererBuilt = fs.existsSync(path.join(RENDERER, 'index.html'));
if (!rendererBuilt && process.env.CI === 'true') throw new Error('the release test needs a built renderer (npm run build:renderer) in CI');

/**
 * A release archive (build/release.ts) runs on its own: unpacked far from this checkout (so no
 * module can resolve to the checkout's node_modules), the compiled service starts with plain
 * node from the archive's own production node_modules — native SQLite included — and serves
 * the screen; dev tools are not in it.
 */
describe.skipIf(!rendererBuilt)('a kiosk release archive', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'release-build-'));
  let service: ServiceProcess | undefined;
  afterAll(() => teardown([['service', () => service?.stop()], ['work dir', () => fs.rmSync(work, { recursive: true, force: true })]]));

  it('carries its production node_modules and starts from them alone', async () => {
    const appDir = path.join(work, 'app-build');
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.app.json'), '--outDir', appDir], { cwd: root, stdio: 'inherit' });
    const built = await buildRelease({ seq: 7, version: '7.0.0', outDir: path.join(work, 'out'), appDir, rendererDir: RENDERER });
    expect(path.basename(built.file)).toBe('smart-shelf-7-7.0.0.tar.gz');
    console.info(`release archive: ${(built.bytes / 1024 / 1024).toFixed(1)} MiB, ${built.packages} production packages`);

    const unpacked = path.join(work, 'apps', '7-7.0.0');
    fs.mkdirSync(unpacked, { recursive: true });
    await tar.x({ file: built.file, cwd: unpacked, strict: true });
    expect(JSON.parse(fs.readFileSync(path.join(unpacked, 'release.json'), 'utf8'))).toEqual({ seq: 7, version: '7.0.0' });
    const modules = path.join(unpacked, 'node_modules');
    for (const prod of ['better-sqlite3', 'fastify', 'serialport', 'zod', 'pino']) expect(fs.existsSync(path.join(modules, prod, 'package.json')), prod).toBe(true);
    for (const dev of ['vitest', 'eslint', 'electron-builder', 'vite', 'dependency-cruiser']) expect(fs.existsSync(path.join(modules, dev)), dev).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'))).not.toHaveProperty('devDependencies');

    const dataDir = path.join(work, 'data');
    service = await startServiceProcess({ KIOSK_DATA_DIR: dataDir, KIOSK_HARDWARE: 'sim', NODE_PATH: '' }, { main: path.join(unpacked, 'dist/app/service/main.js'), execArgv: [] });
    const res = await fetch(`http://127.0.0.1:${service.port}/status`);
    expect(res.status).toBe(200);
    // The SQLite database was created by the archive's own better-sqlite3.
    expect(fs.statSync(path.join(dataDir, 'kiosk.db')).size).toBeGreaterThan(0);
    // And the screen: the built renderer inside the archive.
    expect(await (await fetch(`http://127.0.0.1:${service.port}/`)).text()).toContain('<div id="root">');
  }, 240_000);
});
