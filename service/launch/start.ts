import { fork, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ParentMessageSchema, type BootRequest } from './ipc.ts';
import { browserArgs, findBrowser, hasDisplay } from './browser.ts';
import { launchFileUrl, removeLaunchFiles, writeLaunchFile } from './launch-file.ts';
import { currentUid, rootWarning } from './privileges.ts';

/**
 * `npm start`: builds the renderer if needed, then runs the kiosk under Electron when its
 * binary is installed; otherwise runs the service headless and opens it in an installed
 * Chromium/Chrome in app mode, or prints the URL to open.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.resolve(process.env.KIOSK_DATA_DIR ?? path.join(root, 'data'));

function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(root, 'dist/renderer/index.html'))) return;
  console.log('Building the kiosk screens (first start)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pathFile = path.join(path.dirname(require.resolve('electron/package.json')), 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const bin = path.join(path.dirname(pathFile), 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function runElectron(bin: string): void {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'electron/tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('electron shell failed to compile');
  const child = spawn(bin, [path.join(root, 'dist/electron/electron/main.js')], { cwd: root, stdio: 'inherit', env: { ...process.env, KIOSK_DATA_DIR: dataDir } });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function runHeadless(): void {
  const service = fork(path.join(root, 'service/main.ts'), [], { execArgv: ['--import', 'tsx'], env: { KIOSK_STDOUT_LOG_LEVEL: 'warn', ...process.env, KIOSK_DATA_DIR: dataDir }, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, (url: string) => void>();
  const bootUrl = (pathname: string): Promise<string> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      service.send({ type: 'boot-request', id, pathname } satisfies BootRequest);
    });
  service.on('message', (raw) => {
    const msg = ParentMessageSchema.safeParse(raw);
    if (!msg.success) return;
    if (msg.data.type === 'boot-url') {
      pending.get(msg.data.id)?.(msg.data.url);
      pending.delete(msg.data.id);
      return;
    }
    void onReady();
  });
  service.on('exit', (code) => process.exit(code ?? 1));
  process.on('SIGINT', () => service.kill('SIGTERM'));

  async function onReady(): Promise<void> {
    // Boot codes never go in argv or on the terminal: each link is a 0600 page in <data>/launch/.
    removeLaunchFiles(dataDir);
    const page = async (pathname: string, label: string) => writeLaunchFile(dataDir, await bootUrl(pathname), label);
    const browser = findBrowser(process.env, process.platform);
    if (browser && hasDisplay(process.env, process.platform) && process.env.KIOSK_NO_BROWSER !== '1') {
      const file = await page('/', 'kiosk');
      const isRoot = currentUid() === 0;
      spawn(browser, browserArgs(launchFileUrl(file), path.join(dataDir, 'browser-profile'), { fullscreen: process.env.KIOSK_FULLSCREEN === '1', isRoot }), { stdio: 'ignore', detached: false });
      console.log(`Kiosk opened in ${browser} (app mode).`);
    } else {
      console.log(`No Electron, and no browser window can be opened here. Open this page (single use, valid 30 s) in Chromium/Chrome:\n  ${await page('/', 'kiosk')}`);
    }
    console.log(`Simulated shelf dev panel (single use, 30 s): ${await page('/dev', 'dev')}`);
    console.log(`Shelf status page (single use, 30 s): ${await page('/status', 'status')}`);
    // The codes expire after 30 s; the pages go with them.
    setTimeout(() => removeLaunchFiles(dataDir), 35_000).unref();
  }
}

const rootNote = rootWarning(currentUid(), process.env);
if (rootNote) console.warn(`WARNING: ${rootNote}`);
ensureRendererBuilt();
const electron = process.env.KIOSK_NO_ELECTRON === '1' ? null : electronBinary();
if (electron) runElectron(electron);
else {
  console.log('Electron binary not installed: running the kiosk service headless with a browser window instead.');
  runHeadless();
}
