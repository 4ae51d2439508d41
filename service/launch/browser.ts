import fs from 'node:fs';
import path from 'node:path';

const CANDIDATES_LINUX = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
const CANDIDATES_WIN = ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'];
const CANDIDATES_MAC = ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

/** The first installed Chromium-family browser: $CHROME_PATH, then the usual install locations. */
export function findBrowser(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, exists: (p: string) => boolean = fs.existsSync): string | null {
  if (env.CHROME_PATH && exists(env.CHROME_PATH)) return env.CHROME_PATH;
  const list = platform === 'win32' ? CANDIDATES_WIN : platform === 'darwin' ? CANDIDATES_MAC : CANDIDATES_LINUX;
  return list.find((p) => exists(p)) ?? null;
}

/** Whether a graphical session exists to open a window in. */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY ?? env.WAYLAND_DISPLAY);
}

/**
 * Arguments for an app-mode kiosk window with its own profile. `url` is the launch page
 * (launch-file.ts), never the boot URL: argv is readable by every local account, so a boot
 * code there could be used by another user before the page uses it.
 */
export function browserArgs(url: string, profileDir: string, opts: { fullscreen: boolean; isRoot: boolean }): string[] {
  if (/[#?&]boot=/.test(url)) throw new Error('refusing to put a boot code in a browser command line');
  return [
    `--app=${url}`,
    `--user-data-dir=${path.resolve(profileDir)}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate',
    '--autoplay-policy=no-user-gesture-required',
    ...(opts.fullscreen ? ['--kiosk'] : ['--window-size=1080,1200']),
    ...(opts.isRoot ? ['--no-sandbox'] : []),
  ];
}
