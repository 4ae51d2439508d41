import { app, BrowserWindow, powerSaveBlocker, screen, session, utilityProcess, type UtilityProcess } from 'electron';
import path from 'node:path';
import { NAVIGATION_EVENTS, RestartPolicy, deviceSelectionDecision, isAllowedNavigation, isDevicePermissionAllowed, isPermissionAllowed, kioskWebPreferences, windowOpenDecision } from './policies.ts';
import { ParentMessageSchema } from '../service/launch/ipc.ts';

/** Thin kiosk shell: supervises the service utility process and one fullscreen kiosk window. */
const isProduction = app.isPackaged;
const root = path.resolve(import.meta.dirname, '../..');
const servicePolicy = new RestartPolicy({ baseMs: 250, capMs: 2000, maxInWindow: 10, windowMs: 10 * 60_000 });
const rendererPolicy = new RestartPolicy({ baseMs: 250, capMs: 2000, maxInWindow: 10, windowMs: 10 * 60_000 });
let service: UtilityProcess | null = null;
let win: BrowserWindow | null = null;
let kioskOrigin = '';
let nextId = 1;

function requestBootUrl(): void {
  service?.postMessage({ type: 'boot-request', id: nextId++, pathname: '/' });
}

function startService(): void {
  service = utilityProcess.fork(path.join(root, 'service/main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, KIOSK_DATA_DIR: process.env.KIOSK_DATA_DIR ?? app.getPath('userData') },
    serviceName: 'kiosk-service',
  });
  service.on('message', (raw: unknown) => {
    const msg = ParentMessageSchema.safeParse(raw);
    if (!msg.success) return;
    if (msg.data.type === 'ready') {
      kioskOrigin = `http://127.0.0.1:${msg.data.port}`;
      requestBootUrl();
    } else void win?.loadURL(msg.data.url);
  });
  service.on('exit', () => {
    const delay = servicePolicy.next();
    if (delay !== null) setTimeout(startService, delay);
    else app.exit(1);
  });
}

function createWindow(): void {
  const displays = screen.getAllDisplays();
  const target = displays[Number(process.env.KIOSK_DISPLAY ?? 0)] ?? screen.getPrimaryDisplay();
  win = new BrowserWindow({
    x: target.bounds.x,
    y: target.bounds.y,
    kiosk: isProduction,
    fullscreen: isProduction,
    backgroundColor: '#1d2a22',
    autoHideMenuBar: true,
    webPreferences: kioskWebPreferences(isProduction),
  });
  win.webContents.setWindowOpenHandler(windowOpenDecision);
  win.webContents.on('render-process-gone', () => {
    const delay = rendererPolicy.next();
    if (delay !== null) setTimeout(requestBootUrl, delay);
  });
  win.webContents.on('unresponsive', () => win?.webContents.forcefullyCrashRenderer());
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    // Links, server redirects and sub-frames navigating themselves: all held to the kiosk origin.
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
    createWindow();
    startService();
  });
  app.on('window-all-closed', () => app.quit());
}
