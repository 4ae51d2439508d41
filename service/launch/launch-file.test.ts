import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserArgs } from './browser.ts';
import { launchDir, launchFileUrl, removeLaunchFiles, writeLaunchFile } from './launch-file.ts';
import { rootWarning } from './privileges.ts';

const BOOT = 'http://127.0.0.1:8787/#boot=SECRETCODE123';

describe('boot code delivery to the browser (issue 12, item 1)', () => {
  it('never puts a boot code in a browser command line', () => {
    expect(() => browserArgs(BOOT, '/p', { fullscreen: true, isRoot: false })).toThrow(/boot code/);
    expect(() => browserArgs('http://127.0.0.1:1/dev?boot=x', '/p', { fullscreen: true, isRoot: false })).toThrow();
  });

  it('hands the code over in a page only the kiosk account can read, and argv holds only its path', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'launch-'));
    try {
      const file = writeLaunchFile(data, BOOT, 'kiosk');
      expect(fs.statSync(launchDir(data)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const html = fs.readFileSync(file, 'utf8');
      expect(html).toContain('url=http://127.0.0.1:8787/#boot=SECRETCODE123');
      expect(html).toContain('no-referrer');
      const args = browserArgs(launchFileUrl(file), path.join(data, 'profile'), { fullscreen: true, isRoot: false });
      expect(args.join(' ')).not.toContain('SECRETCODE123');
      expect(args[0]).toBe(`--app=${launchFileUrl(file)}`);
      removeLaunchFiles(data);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  it('escapes the URL into the page', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'launch-'));
    try {
      const html = fs.readFileSync(writeLaunchFile(data, 'http://127.0.0.1:1/#boot="><script>'), 'utf8');
      expect(html).not.toContain('"><script>');
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });
});

describe('running as root (issue 12, item 10)', () => {
  it('warns for uid 0 outside tests, never for other users or under tests', () => {
    expect(rootWarning(0, {})).toMatch(/unprivileged user/);
    expect(rootWarning(0, { VITEST: 'true' })).toBeNull();
    expect(rootWarning(0, { NODE_ENV: 'test' })).toBeNull();
    expect(rootWarning(1000, {})).toBeNull();
    expect(rootWarning(null, {})).toBeNull();
  });
});
