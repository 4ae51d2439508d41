/**
 * Kiosk shell policies as pure functions (Electron security checklist, docs/electron-security.md).
 * The glue in main.ts only wires these into Electron's hooks.
 */

/**
 * webPreferences for the kiosk window: isolated, sandboxed, no Node. No preload at all: the page
 * talks to the service over HTTP/WebSocket only, so there is nothing to expose.
 */
export function kioskWebPreferences(isProduction: boolean) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !isProduction,
    backgroundThrottling: false,
  } as const;
}

/** Only the local kiosk origin may be loaded; everything else (links, redirects, file:) is refused. */
export function isAllowedNavigation(target: string, kioskOrigin: string): boolean {
  try {
    return new URL(target).origin === kioskOrigin;
  } catch {
    return false;
  }
}

/** The kiosk never opens new windows. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permissions the kiosk page may get: none (no camera, mic, geolocation, notifications…). */
export function isPermissionAllowed(_permission: string, _requestingOrigin: string, _kioskOrigin: string): boolean {
  return false;
}

/**
 * Navigation events a guard must cover: a link (`will-navigate`), a server redirect
 * (`will-redirect`) and a sub-frame navigating itself (`will-frame-navigate`). Each is
 * refused unless {@link isAllowedNavigation} holds for its target.
 */
export const NAVIGATION_EVENTS = ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const;

/**
 * Device access (WebSerial, WebHID, WebUSB, Bluetooth): none. The shelf boards belong to the
 * service, never to the page, so a page script can neither list nor open a port.
 */
export function isDevicePermissionAllowed(_deviceType: string, _origin: string): boolean {
  return false;
}

/**
 * Answer to a `select-serial-port` / `select-hid-device` / `select-usb-device` request: the
 * empty id cancels the chooser, so no device is ever handed to the page.
 */
export function deviceSelectionDecision(): '' {
  return '';
}

/** IPC from the renderer is accepted only from the kiosk window's main frame on the kiosk origin. */
export function isTrustedSender(senderUrl: string, isMainFrame: boolean, kioskOrigin: string): boolean {
  return isMainFrame && isAllowedNavigation(senderUrl, kioskOrigin);
}
