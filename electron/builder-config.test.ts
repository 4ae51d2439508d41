import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');

interface BuilderConfigModule {
  validateConfiguration: (config: unknown, debugLogger: { add: (k: string, v: unknown) => void }) => Promise<void>;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as BuilderConfigModule;
    const config: unknown = JSON.parse(fs.readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8'));
    await expect(validateConfiguration(config, { add: () => undefined })).resolves.toBeUndefined();
  });

  it('rejects an invalid configuration (the validator is really running)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as BuilderConfigModule;
    await expect(validateConfiguration({ appId: 'x', notAnOption: true }, { add: () => undefined })).rejects.toThrow();
  });

  it('flips the Electron fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption; app only from an integrity-checked asar', () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8')) as { asar?: boolean; electronFuses?: Record<string, boolean> };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages compiled JavaScript only, unpacks native modules and the Firmata child, builds x64 and arm64 (issue 14)', () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8')) as { files: string[]; asarUnpack: string[]; linux: { target: Array<{ target: string; arch: string[] }> }; win: { target: Array<{ target: string }> } };
    // onlyLoadAppFromAsar: the service must be compiled JS inside the asar, no TypeScript sources.
    expect(config.files.some((f) => /^(service|hardware|db|contract|content)\//.test(f))).toBe(false);
    expect(config.files).toContain('dist/app/**');
    for (const native of ['node_modules/better-sqlite3/**', 'node_modules/better-sqlite3-napi/**', 'node_modules/@serialport/bindings-cpp/**']) expect(config.asarUnpack).toContain(native);
    expect(config.linux.target).toEqual([{ target: 'AppImage', arch: ['x64', 'arm64'] }, { target: 'deb', arch: ['x64', 'arm64'] }]);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
  });
});
