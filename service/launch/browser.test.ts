import { describe, expect, it } from 'vitest';
import { browserArgs, findBrowser, hasDisplay } from './browser.ts';

describe('browser fallback launcher', () => {
  it('prefers CHROME_PATH, then the usual locations, else null', () => {
    const exists = (p: string) => p === '/opt/chrome' || p === '/usr/bin/google-chrome';
    expect(findBrowser({ CHROME_PATH: '/opt/chrome' }, 'linux', exists)).toBe('/opt/chrome');
    expect(findBrowser({}, 'linux', exists)).toBe('/usr/bin/google-chrome');
    expect(findBrowser({}, 'linux', () => false)).toBeNull();
    expect(findBrowser({ CHROME_PATH: '/missing' }, 'linux', () => false)).toBeNull();
  });

  it('needs a display on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });

  it('opens an app-mode window with its own profile and no background networking', () => {
    const args = browserArgs('file:///data/launch/kiosk-1.html', '/data/profile', { fullscreen: true, isRoot: false });
    expect(args[0]).toBe('--app=file:///data/launch/kiosk-1.html');
    expect(args).toContain('--user-data-dir=/data/profile');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--disable-background-networking');
    expect(args).not.toContain('--no-sandbox');
    expect(browserArgs('u', '/p', { fullscreen: false, isRoot: true })).toContain('--no-sandbox');
  });
});
