import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ReleaseManifestSchema, ReleaseOutcomeSchema, RolloutSchema, type ReleaseManifest, type ReleaseOutcome, type Rollout } from '../../contract/releases.ts';
import type { ContentSignatureSchema } from '../../contract/content.ts';
import type { SigningKey } from '../content/signing-keys.ts';

type Signature = z.infer<typeof ContentSignatureSchema>;

/**
 * App releases and their rollout on the reference platform (issue 14). Kept in its own files
 * under `<data>/releases/` (archives by seq, `state.json`), not in PlatformStore: one platform
 * process owns them (there is no PostgreSQL variant yet — docs/kiosk-deployment.md).
 */
const StateSchema = z.object({
  releases: z.array(z.object({ manifestText: z.string(), signature: z.custom<Signature>() })),
  rollout: RolloutSchema.nullable(),
  reports: z.array(ReleaseOutcomeSchema.extend({ kioskId: z.string(), at: z.number() })),
});
type State = z.infer<typeof StateSchema>;

/** Which share of the fleet a kiosk falls in for a rollout: 0–99, stable per (salt, kiosk). */
export function rolloutBucket(kioskId: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${kioskId}`).digest().readUInt32BE(0) % 100;
}

/** Whether a rollout offers its release to a kiosk. */
export function isInRollout(kioskId: string, rollout: Rollout): boolean {
  if (rollout.state !== 'active') return false;
  return rollout.kiosks.includes(kioskId) || rolloutBucket(kioskId, rollout.salt) < rollout.percent;
}

export class ReleaseStore {
  private readonly dir: string;
  private state: State;

  constructor(
    dataDir: string,
    private readonly key: SigningKey,
    private readonly now: () => number,
  ) {
    this.dir = path.join(dataDir, 'releases');
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, 'state.json');
    this.state = fs.existsSync(file) ? StateSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : { releases: [], rollout: null, reports: [] };
  }

  private save(): void {
    const file = path.join(this.dir, 'state.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(this.state));
    fs.renameSync(`${file}.tmp`, file);
  }

  archivePath(seq: number): string {
    return path.join(this.dir, `${seq}.tar.gz`);
  }

  /** Publishes an archive as the next release; returns its signed manifest. */
  publish(version: string, archive: Buffer): ReleaseManifest {
    const seq = Math.max(0, ...this.state.releases.map((r) => ReleaseManifestSchema.parse(JSON.parse(r.manifestText)).seq)) + 1;
    const manifest: ReleaseManifest = { seq, version, sha256: createHash('sha256').update(archive).digest('hex'), size: archive.length, createdAt: new Date(this.now()).toISOString() };
    fs.writeFileSync(this.archivePath(seq), archive);
    const manifestText = JSON.stringify(manifest);
    this.state.releases.push({ manifestText, signature: this.key.sign(Buffer.from(manifestText)) });
    this.save();
    return manifest;
  }

  release(seq: number): { manifest: ReleaseManifest; manifestText: string; signature: Signature } | null {
    for (const r of this.state.releases) {
      const manifest = ReleaseManifestSchema.parse(JSON.parse(r.manifestText));
      if (manifest.seq === seq) return { manifest, manifestText: r.manifestText, signature: r.signature };
    }
    return null;
  }

  rollout(): Rollout | null {
    return this.state.rollout;
  }

  /** Sets (or replaces) the rollout; a new seq starts with no reports counted. */
  setRollout(rollout: Rollout): void {
    if (this.release(rollout.seq) === null) throw new Error(`no release ${rollout.seq}`);
    this.state.rollout = rollout;
    this.save();
  }

  /** What a kiosk should run now: the rollout's release if the kiosk is in it, else nothing. */
  planFor(kioskId: string): { manifest: string; signature: Signature } | null {
    const r = this.state.rollout;
    if (r === null || !isInRollout(kioskId, r)) return null;
    const rel = this.release(r.seq);
    return rel === null ? null : { manifest: rel.manifestText, signature: rel.signature };
  }

  /** Records a kiosk's outcome (the latest per kiosk and release counts); halts a failing rollout. */
  report(kioskId: string, outcome: ReleaseOutcome): { halted: boolean } {
    this.state.reports = this.state.reports.filter((x) => !(x.kioskId === kioskId && x.seq === outcome.seq));
    this.state.reports.push({ ...outcome, kioskId, at: this.now() });
    const r = this.state.rollout;
    let halted = false;
    if (r !== null && r.seq === outcome.seq && r.state === 'active') {
      const reports = this.state.reports.filter((x) => x.seq === r.seq);
      const failures = reports.filter((x) => x.outcome !== 'applied').length;
      if (reports.length >= r.minReports && failures / reports.length > r.failureThreshold) {
        this.state.rollout = { ...r, state: 'halted' };
        halted = true;
      }
    }
    this.save();
    return { halted };
  }

  reports(seq: number): Array<ReleaseOutcome & { kioskId: string; at: number }> {
    return this.state.reports.filter((x) => x.seq === seq);
  }
}
