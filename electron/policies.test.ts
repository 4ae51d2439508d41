import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { NAVIGATION_EVENTS, deviceSelectionDecision, isAllowedNavigation, isDevicePermissionAllowed, isPermissionAllowed, isTrustedSender, kioskWebPreferences, windowOpenDecision } from './policies.ts';

const origin = 'http://127.0.0.1:8787';

describe('kiosk shell policies (Electron security checklist)', () => {
  it('isolates and sandboxes the page, no Node, devtools only outside production', () => {
    const prod = kioskWebPreferences(true);
    expect(prod).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false });
    expect('preload' in prod).toBe(false);
    expect(kioskWebPreferences(false).devTools).toBe(true);
  });

  it('allows navigation only within the exact kiosk origin', () => {
    expect(isAllowedNavigation(`${origin}/`, origin)).toBe(true);
    expect(isAllowedNavigation(`${origin}/dev?x=1`, origin)).toBe(true);
    for (const bad of ['http://127.0.0.1:8788/', 'http://localhost:8787/', 'https://127.0.0.1:8787/', 'file:///etc/passwd', 'https://evil.example/', 'javascript:alert(1)', 'not a url', '']) {
      expect(isAllowedNavigation(bad, origin)).toBe(false);
    }
    expect(isAllowedNavigation(`${origin}/`, '')).toBe(false);
  });

  it('denies new windows and every permission', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) expect(isPermissionAllowed(p, origin, origin)).toBe(false);
  });

  it('drops messages from foreign senders and sub-frames', () => {
    expect(isTrustedSender(`${origin}/`, true, origin)).toBe(true);
    expect(isTrustedSender(`${origin}/`, false, origin)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true, origin)).toBe(false);
  });

  it('guards links, redirects and sub-frame navigations, and main.ts wires each guard', () => {
    expect([...NAVIGATION_EVENTS]).toEqual(['will-navigate', 'will-redirect', 'will-frame-navigate']);
    // The glue cannot run here (no Electron binary): check it hooks every guard and device handler.
    const main = fs.readFileSync(path.join(import.meta.dirname, 'main.ts'), 'utf8');
    for (let i = 0; i < NAVIGATION_EVENTS.length; i++) expect(main).toContain(`contents.on(NAVIGATION_EVENTS[${i}]`);
    for (const hook of ['setDevicePermissionHandler', "'select-serial-port'", "'select-hid-device'", "'select-usb-device'"]) expect(main).toContain(hook);
  });

  it('denies device permissions and cancels every serial/HID/USB chooser', () => {
    for (const d of ['serial', 'hid', 'usb', 'bluetooth']) expect(isDevicePermissionAllowed(d, origin)).toBe(false);
    expect(deviceSelectionDecision()).toBe('');
  });
});
