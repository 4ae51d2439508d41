import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { findBrowser, hasDisplay } from './browser.ts';
import { launchFileUrl, removeLaunchFiles, writeLaunchFile } from './launch-file.ts';
import { currentUid, rootWarning } from './privileges.ts';
import { createFallbackSupervisor, serviceEntry } from './supervisor/fallback.ts';
import { appRoot } from '../config.ts';

/**
 * `npm start`: builds the renderer if needed, then runs the kiosk under Electron when its
 * binary is installed; otherwise supervises the service (Node child) and the screen (Chromium in
 * app mode) with the same supervisor the shell uses (issue 14), or runs the service alone and
 * prints the page to open when no window can be opened here.
 */
// The checkout, or the installed release (from dist/app/service/launch/start.js too).
const root = appRoot(path.resolve(import.meta.dirname, '..'));
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

/** Why no window can be opened here, in one line; null when one can. */
function noWindowReason(): string | null {
  if (process.env.KIOSK_NO_BROWSER === '1') return 'KIOSK_NO_BROWSER=1';
  if (findBrowser(process.env, process.platform) === null) return 'no Chromium/Chrome installed (set CHROME_PATH)';
  if (!hasDisplay(process.env, process.platform) && process.env.KIOSK_BROWSER_HEADLESS !== '1') return 'no display (DISPLAY/WAYLAND_DISPLAY unset)';
  return null;
}

function runFallback(): void {
  const reason = noWindowReason();
  const browser = findBrowser(process.env, process.platform);
  const { supervisor, service } = createFallbackSupervisor({
    root,
    dataDir,
    env: { KIOSK_STDOUT_LOG_LEVEL: 'warn', ...process.env },
    browser: reason === null && browser !== null ? { executablePath: browser, fullscreen: process.env.KIOSK_FULLSCREEN === '1', isRoot: currentUid() === 0, headless: process.env.KIOSK_BROWSER_HEADLESS === '1' } : null,
    stdio: 'inherit',
    // Versioned app directories (an installed kiosk, docs/kiosk-deployment.md): staged updates with trial and rollback.
    ...(process.env.KIOSK_APPS_DIR ? { apps: { dir: path.resolve(process.env.KIOSK_APPS_DIR), trialMs: Number(process.env.KIOSK_UPDATE_TRIAL_MS ?? 120_000) } } : {}),
    log: (level, msg) => (level === 'info' ? undefined : console.log(`kiosk ${level === 'warn' ? 'warning' : 'error'} (supervisor): ${msg}`)),
  });
  let printedLinks = false;
  supervisor.on((e) => {
    if (e.type !== 'service-ready' || printedLinks) return;
    printedLinks = true;
    void (async () => {
      // Boot codes never go in argv or on the terminal: each link is a 0600 page in <data>/launch/.
      const page = async (pathname: string, label: string) => launchFileUrl(writeLaunchFile(dataDir, await service.bootUrl(pathname), label));
      if (reason === null) console.log(`Kiosk opened in ${browser ?? 'Chromium'} (app mode), supervised: a crashed or hung screen or service is restarted.`);
      else console.log(`No kiosk window here (${reason}). Open this page (single use, valid 30 s) in Chromium/Chrome:\n  ${await page('/', 'kiosk')}`);
      console.log(`Simulated shelf dev panel (single use, 30 s): ${await page('/dev', 'dev')}`);
      console.log(`Shelf status page (single use, 30 s): ${await page('/status', 'status')}`);
      // The codes expire after 30 s; the pages go with them.
      setTimeout(() => removeLaunchFiles(dataDir), 35_000).unref();
    })().catch((err: unknown) => console.log(`kiosk error (launcher): ${err instanceof Error ? err.message : String(err)}`));
  });
  removeLaunchFiles(dataDir);
  const entry = serviceEntry(root, process.env);
  if (entry.stale) console.log('The compiled service (dist/app) is older than the sources: running from TypeScript instead (npm run build:app to refresh it).');
  else if (entry.execArgv.length > 0 && process.env.KIOSK_FROM_SOURCE !== '1') console.log('Running the service from TypeScript sources (npm run build:app makes a faster, compiled start).');
  supervisor.start();
  // systemd sends SIGTERM to every process of the unit at once; a terminal sends SIGINT to the group.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void supervisor.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const rootNote = rootWarning(currentUid(), process.env);
if (rootNote) console.warn(`WARNING: ${rootNote}`);
ensureRendererBuilt();
const electron = process.env.KIOSK_NO_ELECTRON === '1' ? null : electronBinary();
if (electron) runElectron(electron);
else {
  console.log('Electron binary not installed: running the kiosk service headless with a browser window instead.');
  runFallback();
}
