import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ReleaseOutcomeSchema, type ReleaseOutcome } from '../../contract/releases.ts';

/**
 * Files the updater (in the service) and the update switch (in the supervisor) share under
 * `<data>/releases/`: the outcome to report, releases that failed here (never tried again) and
 * the trial in progress. Each is small JSON written atomically.
 */
export function releasesDir(dataDir: string): string {
  return path.join(dataDir, 'releases');
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const outcomeFile = (dataDir: string) => path.join(releasesDir(dataDir), 'outcome.json');
const badFile = (dataDir: string) => path.join(releasesDir(dataDir), 'failed-here.json');

/** The supervisor records how a trial ended; the service reports it and clears it. */
export const writeOutcome = (dataDir: string, o: ReleaseOutcome): void => writeJson(outcomeFile(dataDir), o);
export const readOutcome = (dataDir: string): ReleaseOutcome | null => readJson(outcomeFile(dataDir), ReleaseOutcomeSchema);
export const clearOutcome = (dataDir: string): void => fs.rmSync(outcomeFile(dataDir), { force: true });

/** Releases that were rolled back or rejected here: never staged again. */
export const failedHere = (dataDir: string): number[] => readJson(badFile(dataDir), z.array(z.number().int())) ?? [];
export function markFailedHere(dataDir: string, seq: number): void {
  writeJson(badFile(dataDir), [...new Set([...failedHere(dataDir), seq])]);
}

/** What the app directory says about itself (written into every release archive). */
export const ReleaseInfoSchema = z.object({ seq: z.number().int().nonnegative(), version: z.string() });
export type ReleaseInfo = z.infer<typeof ReleaseInfoSchema>;

/** The running app's release: `<appRoot>/release.json`, or seq 0 for a checkout. */
export function currentRelease(appRoot: string): ReleaseInfo {
  return readJson(path.join(appRoot, 'release.json'), ReleaseInfoSchema) ?? { seq: 0, version: 'dev' };
}
