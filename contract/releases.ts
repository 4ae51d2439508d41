import { z } from 'zod';
import { ContentSignatureSchema } from './content.ts';

/**
 * Staged app updates (issue 14). A release is an archive of the app plus a manifest signed by
 * the platform's key (the same ed25519 key and check as content packages); `seq` orders
 * releases, `version` is the label people read.
 */
export const ReleaseManifestSchema = z.object({
  seq: z.number().int().positive(),
  version: z.string().min(1).max(32),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  createdAt: z.string(),
});
export type ReleaseManifest = z.infer<typeof ReleaseManifestSchema>;

/** The platform's answer to "what should this kiosk run": a signed manifest (exact bytes) or nothing. */
export const ReleasePlanSchema = z.object({
  release: z
    .object({
      /** The manifest's exact JSON text: the signature covers these bytes. */
      manifest: z.string().max(4096),
      signature: ContentSignatureSchema,
    })
    .nullable(),
});
export type ReleasePlan = z.infer<typeof ReleasePlanSchema>;

/** How a kiosk's attempt at a release ended. */
export const ReleaseOutcomeSchema = z.object({
  seq: z.number().int().positive(),
  version: z.string().max(32),
  outcome: z.enum(['applied', 'rolled-back', 'rejected']),
  detail: z.string().max(300),
});
export type ReleaseOutcome = z.infer<typeof ReleaseOutcomeSchema>;

/** A rollout as an admin sets it: a share of the fleet and/or named kiosks; paused or halted stops it. */
export const RolloutSchema = z.object({
  seq: z.number().int().positive(),
  percent: z.number().min(0).max(100),
  kiosks: z.array(z.string().max(64)).max(1000),
  state: z.enum(['active', 'paused', 'halted']),
  /** Halt when failures / reports exceeds this share … */
  failureThreshold: z.number().min(0).max(1),
  /** … once at least this many kiosks reported. */
  minReports: z.number().int().min(1),
  /** Mixed into the percentage bucket, so a new rollout can pick a different share of kiosks. */
  salt: z.string().max(64),
});
export type Rollout = z.infer<typeof RolloutSchema>;
