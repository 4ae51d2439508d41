import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { ReleaseManifestSchema, ReleasePlanSchema, type ReleaseManifest, type ReleaseOutcome } from '../../contract/releases.ts';
import type { KioskCredentials, PublicKey } from '../../contract/sync.ts';
import { authHeader } from '../sync/http-client.ts';
import { verifyManifestSignature } from '../sync/content-verify.ts';
import type { Logger } from '../log.ts';
import { clearOutcome, failedHere, markFailedHere, readOutcome, writeOutcome, type ReleaseInfo } from './release-files.ts';

export interface UpdaterDeps {
  baseUrl: string;
  getCredentials(): Promise<KioskCredentials | null>;
  keys(): readonly PublicKey[];
  dataDir: string;
  /** Versioned app directories (the supervisor switches `<appsDir>/current` between them). */
  appsDir: string;
  current: ReleaseInfo;
  /** No shopper session open (nothing lifted): the only time an update may be applied. */
  isIdle(): boolean;
  /** A verified release is unpacked in `dir` and the kiosk is idle: the supervisor may switch. */
  applyNow(manifest: ReleaseManifest, dir: string): void;
  /** Staged but a shopper is using the kiosk: waiting (sent each check, for the supervisor's log and tests). */
  waiting(manifest: ReleaseManifest): void;
  /** The platform answered (counts as "platform reached" for a release trial). */
  reached?(): void;
  logger: Logger;
  fetch?: typeof fetch;
}

/**
 * The kiosk side of staged updates (issue 14): asks the platform for its plan, downloads the
 * release, checks its size, sha256 and the platform's signature (as for content packages),
 * unpacks it into its own versioned directory, and hands it to the supervisor only while no
 * shopper session is open. Outcomes the supervisor recorded are reported back.
 */
export function createUpdater(deps: UpdaterDeps) {
  const http = deps.fetch ?? fetch;
  let staged: { manifest: ReleaseManifest; dir: string } | null = null;
  let busy = false;

  const authed = async (): Promise<Record<string, string> | null> => {
    const c = await deps.getCredentials();
    return c === null ? null : { authorization: authHeader(c) };
  };

  async function reportOutcome(): Promise<void> {
    const outcome = readOutcome(deps.dataDir);
    const headers = outcome === null ? null : await authed();
    if (outcome === null || headers === null) return;
    const res = await http(`${deps.baseUrl}/v1/releases/report`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(outcome) });
    if (res.ok) {
      clearOutcome(deps.dataDir);
      deps.logger.info({ seq: outcome.seq, outcome: outcome.outcome }, 'reported a release outcome to the platform');
    }
  }

  async function reject(manifest: ReleaseManifest, detail: string): Promise<void> {
    deps.logger.error({ seq: manifest.seq, detail }, 'release rejected');
    markFailedHere(deps.dataDir, manifest.seq);
    const o: ReleaseOutcome = { seq: manifest.seq, version: manifest.version, outcome: 'rejected', detail };
    writeOutcome(deps.dataDir, o);
    await reportOutcome();
  }

  /** Downloads, verifies and unpacks a release; null when it was rejected or the download failed. */
  async function stage(manifest: ReleaseManifest): Promise<string | null> {
    const headers = await authed();
    if (headers === null) return null;
    const res = await http(`${deps.baseUrl}/v1/releases/${manifest.seq}/archive`, { headers });
    if (!res.ok) {
      deps.logger.warn({ seq: manifest.seq, status: res.status }, 'release download failed; will retry');
      return null;
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length !== manifest.size || createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
      await reject(manifest, 'archive does not match its signed size and sha256');
      return null;
    }
    const dir = path.join(deps.appsDir, `${manifest.seq}-${manifest.version.replace(/[^0-9A-Za-z.+-]/g, '')}`);
    const tmp = `${dir}.incoming-${randomBytes(4).toString('hex')}`;
    const archive = `${tmp}.tar.gz`;
    fs.mkdirSync(tmp, { recursive: true });
    try {
      fs.writeFileSync(archive, bytes);
      // tar refuses absolute paths and `..` entries by default: nothing lands outside `tmp`.
      await tar.x({ file: archive, cwd: tmp, strict: true });
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(tmp, dir);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      await reject(manifest, `archive could not be unpacked: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    } finally {
      fs.rmSync(archive, { force: true });
    }
    deps.logger.info({ seq: manifest.seq, version: manifest.version, dir }, 'release downloaded, verified and unpacked');
    return dir;
  }

  async function check(): Promise<void> {
    await reportOutcome();
    if (staged === null) {
      const headers = await authed();
      if (headers === null) return;
      const res = await http(`${deps.baseUrl}/v1/releases/plan`, { headers });
      if (!res.ok) return;
      deps.reached?.();
      const plan = ReleasePlanSchema.safeParse(await res.json());
      if (!plan.success || plan.data.release === null) return;
      const { manifest: text, signature } = plan.data.release;
      const verified = verifyManifestSignature(Buffer.from(text), signature, deps.keys());
      if (!verified.ok) {
        deps.logger.error({ reason: verified.message }, 'release plan signature does not verify: ignored');
        return;
      }
      const manifest = ReleaseManifestSchema.safeParse(JSON.parse(text));
      if (!manifest.success || manifest.data.seq <= deps.current.seq || failedHere(deps.dataDir).includes(manifest.data.seq)) return;
      const dir = await stage(manifest.data);
      if (dir === null) return;
      staged = { manifest: manifest.data, dir };
    }
    // Never while a shopper holds a product: the switch restarts the service.
    if (!deps.isIdle()) {
      deps.waiting(staged.manifest);
      return;
    }
    deps.logger.info({ seq: staged.manifest.seq }, 'kiosk idle: handing the release to the supervisor');
    deps.applyNow(staged.manifest, staged.dir);
  }

  return {
    /** One check; overlapping calls are skipped. Never throws. */
    async tick(): Promise<void> {
      if (busy) return;
      busy = true;
      try {
        await check();
      } catch (err) {
        deps.logger.warn({ err }, 'update check failed; will retry');
      } finally {
        busy = false;
      }
    },
  };
}
