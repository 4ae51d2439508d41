import { z } from 'zod';
import { LocaleSchema } from './locale.ts';

/** Hall zones of an exhibition and sales centre (the seed articles' display, experience, live-stream and brand zones). */
export const ZONES = ['display', 'experience', 'live-stream', 'brand'] as const;
export const ZoneSchema = z.enum(ZONES);
export type Zone = z.infer<typeof ZoneSchema>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Kiosk settings an admin changes on the kiosk (stored in its database). Environment variables
 * still override each one, for automation; the answer says which ones are overridden.
 */
export const AdminSettingsSchema = z.object({
  /** Which display the kiosk window opens on (0 = primary), for the Electron shell. */
  displayIndex: z.number().int().min(0).max(7),
  orientation: z.enum(['auto', 'portrait', 'landscape']),
  defaultLocale: LocaleSchema,
  /** Shopper screen back to attract after this long without activity. */
  idleMs: z.number().int().min(10_000).max(3_600_000),
  /** Staff signed out after this long without input. */
  staffIdleMs: z.number().int().min(30_000).max(3_600_000),
  zone: ZoneSchema,
  /** The central platform; empty = offline. https only (http on a loopback host). */
  platformUrl: z
    .string()
    .max(512)
    .refine((s) => {
      if (s === '') return true;
      const u = URL.parse(s);
      return u !== null && (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname)));
    }, 'must be an https URL (http only on a loopback host), or empty'),
});
export type AdminSettings = z.infer<typeof AdminSettingsSchema>;
export type AdminSettingKey = keyof AdminSettings;

/** A change: any subset of the settings. */
export const AdminSettingsPatchSchema = AdminSettingsSchema.partial();

export const SettingSourceSchema = z.enum(['env', 'stored', 'default']);

export const AdminSettingsViewSchema = z.object({
  values: AdminSettingsSchema,
  sources: z.record(z.string(), SettingSourceSchema),
  /** Stored changes that take effect only after the service restarts (the platform URL). */
  restartNeeded: z.boolean(),
});
export type AdminSettingsView = z.infer<typeof AdminSettingsViewSchema>;

export const EnrolRequestSchema = z.object({ code: z.string().trim().min(8).max(128) });

/** Installing a package from a directory on this machine (a USB stick's mount point, a copied folder). */
export const InstallFromPathSchema = z.object({ path: z.string().min(1).max(4096) });

export const InstallProgressSchema = z.object({
  state: z.enum(['idle', 'verifying', 'copying', 'activating', 'done', 'failed']),
  path: z.string().nullable(),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
  version: z.number().int().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type InstallProgress = z.infer<typeof InstallProgressSchema>;

export const ContentAdminViewSchema = z.object({
  active: z.number().int().nullable(),
  /** The version a rollback would activate. */
  previous: z.number().int().nullable(),
  installed: z.array(z.object({ version: z.number().int(), source: z.string(), installedAt: z.number() })),
});
export type ContentAdminView = z.infer<typeof ContentAdminViewSchema>;
