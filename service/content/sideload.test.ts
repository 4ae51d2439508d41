import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildPackage } from '../../content/build-package.ts';
import { demoManifestInput } from '../../content/build-demo.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { createContentStore } from '../../db/content.ts';
import { REDACT, type Logger } from '../log.ts';
import { Catalogue, MAX_VERSION_JUMP } from './catalogue.ts';
import { installSideloadedContent } from './sideload.ts';
import { signPackage, testSigningKey } from '../../tests/support/signing.ts';

const key = testSigningKey();
const stranger = testSigningKey();

interface LogLine {
  level: number;
  msg: string;
  errorCode?: string;
  reason?: string;
}

/** A real pino logger with the service's redaction, writing into an array. */
function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug', redact: REDACT }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  return { logger, lines };
}

async function buildDemoAt(dir: string, version: number, signer = key): Promise<void> {
  const { input, mediaFiles } = demoManifestInput();
  await buildPackage({ ...input, version }, mediaFiles, dir);
  signPackage(dir, signer);
}

describe('installSideloadedContent (KIOSK_CONTENT_DIR)', () => {
  let tmp: string;
  let db: Db;
  let catalogue: Catalogue;
  let log: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sideload-'));
    db = openDatabase(path.join(tmp, 'kiosk.db')).db;
    log = captureLogger();
    catalogue = new Catalogue(createContentStore(db), path.join(tmp, 'media'), log.logger, () => [key.publicKey]);
    await buildDemoAt(path.join(tmp, 'v1'), 1);
    const first = await catalogue.install(path.join(tmp, 'v1'), { source: 'demo', activate: true });
    expect(first.ok).toBe(true);
  });

  afterEach(() => {
    db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const run = (dir: string | undefined) => installSideloadedContent({ catalogue, dir, logger: log.logger });

  it('does nothing without a directory', async () => {
    expect(await run(undefined)).toEqual({ kind: 'none' });
    expect(catalogue.active()?.manifest.version).toBe(1);
  });

  it('installs and activates a newer package, and skips it on the next start', async () => {
    await buildDemoAt(path.join(tmp, 'v2'), 2);
    expect(await run(path.join(tmp, 'v2'))).toEqual({ kind: 'installed', version: 2 });
    expect(catalogue.active()?.manifest.version).toBe(2);
    // The next start sees the same directory: nothing to do, and nothing logged as an error.
    const again = new Catalogue(createContentStore(db), path.join(tmp, 'media'), log.logger, () => [key.publicKey]);
    await again.loadActive();
    const outcome = await installSideloadedContent({ catalogue: again, dir: path.join(tmp, 'v2'), logger: log.logger });
    expect(outcome).toEqual({ kind: 'already-current', version: 2, activeVersion: 2 });
    expect(log.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('rejects a package whose media does not match its hash, logs the code, keeps the old content', async () => {
    const dir = path.join(tmp, 'bad-media');
    await buildDemoAt(dir, 2);
    const mediaDir = path.join(dir, 'media');
    const victim = fs.readdirSync(mediaDir)[0];
    if (victim === undefined) throw new Error('demo package has no media');
    const bytes = fs.readFileSync(path.join(mediaDir, victim));
    const at = bytes.length - 2;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01; // same size, different hash
    fs.writeFileSync(path.join(mediaDir, victim), bytes);

    const outcome = await run(dir);
    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.error.code).toBe('media-hash-mismatch');
    expect(catalogue.active()?.manifest.version).toBe(1);
    const err = log.lines.find((l) => l.level >= 50);
    expect(err?.errorCode).toBe('media-hash-mismatch');
    expect(err?.msg).toMatch(/keeping the active content/);
  });

  it('rejects a manifest that is not JSON, and a missing directory, keeping the old content', async () => {
    const dir = path.join(tmp, 'bad-json');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"format": "kiosk-content/1", "version": 9,');
    signPackage(dir, key);
    const bad = await run(dir);
    expect(bad.kind === 'rejected' && bad.error.code).toBe('manifest-invalid-json');
    const missing = await run(path.join(tmp, 'no-such-dir'));
    expect(missing.kind === 'rejected' && missing.error.code).toBe('manifest-missing');
    expect(catalogue.active()?.manifest.version).toBe(1);
    expect(log.lines.filter((l) => l.level >= 50).map((l) => l.errorCode)).toEqual(['manifest-invalid-json', 'manifest-missing']);
  });

  it('refuses a package at or below the active version even when it is broken', async () => {
    // Version 1 is active: a broken "version 1" package is simply not newer, so it is skipped.
    const dir = path.join(tmp, 'old');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: 1 }));
    expect((await run(dir)).kind).toBe('already-current');
    expect(catalogue.active()?.manifest.version).toBe(1);
  });

  describe('signatures and version jumps (issue 12, item 4)', () => {
    const rejectedCode = async (dir: string) => {
      const out = await run(dir);
      expect(catalogue.active()?.manifest.version).toBe(1);
      return out.kind === 'rejected' ? out.error.code : out.kind;
    };

    it('refuses an unsigned side-loaded package', async () => {
      await buildDemoAt(path.join(tmp, 'unsigned'), 2);
      fs.rmSync(path.join(tmp, 'unsigned', 'signature.json'));
      expect(await rejectedCode(path.join(tmp, 'unsigned'))).toBe('signature-invalid');
    });

    it('refuses a package signed by a key the kiosk does not trust', async () => {
      await buildDemoAt(path.join(tmp, 'stranger'), 2, stranger);
      expect(await rejectedCode(path.join(tmp, 'stranger'))).toBe('signature-invalid');
    });

    it('refuses a manifest changed after signing', async () => {
      const dir = path.join(tmp, 'tampered');
      await buildDemoAt(dir, 2);
      const file = path.join(dir, 'manifest.json');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"priceFen": ', '"priceFen": 1'));
      expect(await rejectedCode(dir)).toBe('signature-invalid');
    });

    it('refuses a version jump that would block every later update, and takes a sane one', async () => {
      await buildDemoAt(path.join(tmp, 'huge'), 1 + MAX_VERSION_JUMP + 1);
      expect(await rejectedCode(path.join(tmp, 'huge'))).toBe('version-jump');
      await buildDemoAt(path.join(tmp, 'ok'), 1 + MAX_VERSION_JUMP);
      expect(await run(path.join(tmp, 'ok'))).toEqual({ kind: 'installed', version: 1 + MAX_VERSION_JUMP });
    });
  });
});

