import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Debian install script and systemd unit for the browser fallback (issue 14). They cannot
 * run here (no systemd as PID 1, no display manager): this checks the script parses and the
 * unit says what docs/kiosk-deployment.md promises.
 */
const dir = path.resolve(import.meta.dirname, '../../build/linux');

describe('kiosk install files', () => {
  it('the install script is valid POSIX sh', () => {
    expect(() => execFileSync('sh', ['-n', path.join(dir, 'install-kiosk.sh')])).not.toThrow();
  });

  it('the unit runs the compiled launcher from the current release as the kiosk user, stops the whole group, restarts always', () => {
    const unit = fs.readFileSync(path.join(dir, 'smart-shelf-kiosk.service'), 'utf8');
    for (const line of ['User=kiosk', 'ExecStart=/usr/bin/node /opt/smart-shelf/current/dist/app/service/launch/start.js', 'Environment=KIOSK_APPS_DIR=/opt/smart-shelf', 'KillMode=control-group', 'Restart=always']) expect(unit).toContain(line);
  });
});
