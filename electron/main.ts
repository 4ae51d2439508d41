import { app, powerSaveBlocker, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { NAVIGATION_EVENTS, deviceSelectionDecision, isAllowedNavigation, isDevicePermissionAllowed, isPermissionAllowed } from './policies.ts';
import { UtilityServiceHost } from './service-host.ts';
import { WindowScreenHost } from './screen-host.ts';
import { KioskSupervisor } from '../service/launch/supervisor/supervisor.ts';
import { DEFAULT_SCREEN_BUDGET, DEFAULT_SERVICE_BUDGET, DEFAULT_WATCHDOG } from '../service/launch/supervisor/policy.ts';
import { queueHealthEvent } from '../service/launch/supervisor/health-queue.ts';
import { writeErrorPage, writeStartingPage } from '../service/launch/supervisor/error-page.ts';
import { startElectronUpdates } from './updates.ts';

/**
 * Thin kiosk shell: the same supervisor as the browser fallback (service/launch/supervisor/)
 * with Electron adapters — the service in a utilityProcess, the screen in one kiosk window.
 */
const isProduction = app.isPackaged;
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = process.env.KIOSK_DATA_DIR ?? app.getPath('userData');
let kioskOrigin = '';

/** Packaged: the compiled service bundle (onlyLoadAppFromAsar); development: TypeScript via tsx. */
function serviceScript(): { script: string; execArgv: string[] } {
  const compiled = path.join(root, 'dist/app/service/main.js');
  if (isProduction || fs.existsSync(compiled)) return { script: compiled, execArgv: [] };
  return { script: path.join(root, 'service/main.ts'), execArgv: ['--import', 'tsx'] };
}

function startSupervisor(): KioskSupervisor {
  const supervisor = new KioskSupervisor({
    service: new UtilityServiceHost({ ...serviceScript(), env: { ...process.env, KIOSK_DATA_DIR: dataDir } }),
    screen: new WindowScreenHost({ isProduction, displayIndex: Number(process.env.KIOSK_DISPLAY ?? 0) }),
    serviceBudget: DEFAULT_SERVICE_BUDGET,
    screenBudget: DEFAULT_SCREEN_BUDGET,
    watchdog: DEFAULT_WATCHDOG,
    queueHealth: (e) => queueHealthEvent(dataDir, e),
    writeErrorPage: (part, failures) => writeErrorPage(dataDir, part, failures, new Date()),
    startingPage: () => writeStartingPage(dataDir),
    // eslint-disable-next-line no-console -- the shell has no logger of its own; the service logs to its file
    log: (level, msg, detail) => console.error(`[kiosk-shell ${level}] ${msg}`, detail ?? ''),
  });
  supervisor.on((e) => {
    if (e.type === 'service-ready') kioskOrigin = `http://127.0.0.1:${e.port}`;
  });
  supervisor.start();
  return supervisor;
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    // Links, server redirects and sub-frames navigating themselves: all held to the kiosk origin.
    // The staff error page is a local file the shell itself loads (loadFile is not a navigation event).
    const guard = (e: { preventDefault(): void }, url: string): void => {
      if (!isAllowedNavigation(url, kioskOrigin)) e.preventDefault();
    };
    contents.on(NAVIGATION_EVENTS[0], (e, url) => guard(e, url));
    contents.on(NAVIGATION_EVENTS[1], (e, url) => guard(e, url));
    contents.on(NAVIGATION_EVENTS[2], (details) => guard(details, details.url));
  });
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, permission, cb, details) => cb(isPermissionAllowed(permission, details.requestingUrl, kioskOrigin)));
    session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => isPermissionAllowed(permission, origin, kioskOrigin));
    session.defaultSession.setDevicePermissionHandler((d) => isDevicePermissionAllowed(d.deviceType, d.origin));
    session.defaultSession.on('select-serial-port', (e, _ports, _wc, cb) => {
      e.preventDefault();
      cb(deviceSelectionDecision());
    });
    session.defaultSession.on('select-hid-device', (e, _details, cb) => {
      e.preventDefault();
      cb(null);
    });
    session.defaultSession.on('select-usb-device', (e, _details, cb) => {
      e.preventDefault();
      cb();
    });
    powerSaveBlocker.start('prevent-display-sleep');
    const supervisor = startSupervisor();
    app.on('before-quit', () => void supervisor.stop());
    // Updates only from a configured platform, and only for the packaged app.
    const platformUrl = process.env.KIOSK_PLATFORM_URL;
    if (isProduction && platformUrl !== undefined) {
      let lastScreen = 'starting';
      supervisor.on((e) => {
        if (e.type === 'screen-beat') lastScreen = e.screen;
      });
      // eslint-disable-next-line no-console -- the shell has no logger of its own
      startElectronUpdates({ feedUrl: `${platformUrl}/v1/electron/${process.platform}-${process.arch}/`, isIdle: () => lastScreen === 'attract', log: (msg, detail) => console.error(`[kiosk-shell] ${msg}`, detail ?? '') });
    }
  });
  // The supervisor recreates a closed window; the app ends only on quit (SIGTERM from systemd).
  app.on('window-all-closed', () => undefined);
}
