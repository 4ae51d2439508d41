import { z } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import { LocaleSchema } from '../contract/locale.ts';
import { HardwareModeSchema } from '../contract/hardware.ts';
import { isSecurePlatformUrl } from '../contract/sync.ts';
import { ZoneSchema } from '../contract/admin-settings.ts';

const PortSchema = z.coerce.number().int().min(0).max(65535);

/** Kiosk service configuration: typed, validated once at start, overridable by environment. */
export const ConfigSchema = z.object({
  dataDir: z.string().min(1),
  port: PortSchema,
  hardware: HardwareModeSchema,
  /**
   * Serial device of one extra shelf-node board in `serial` mode (optional: boards normally
   * come from the database, configured in set-up).
   */
  serialPath: z.string().optional(),
  defaultLocale: LocaleSchema,
  idleMs: z.coerce.number().int().min(1000).max(3_600_000),
  /** Staff are signed out after this long without input (issue 9: 2 minutes). */
  staffIdleMs: z.coerce.number().int().min(1000).max(3_600_000),
  rendererDir: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** The central platform (sync + content). Unset: the kiosk works offline. */
  platformUrl: z.string().url().refine(isSecurePlatformUrl, 'must be https (http only on loopback)').optional(),
  /**
   * The platform's content-signing public keys this kiosk trusts (`KIOSK_PLATFORM_KEYS`: comma-
   * separated base64 SPKI, entered at set-up or shipped with the app). Enrolment refuses a
   * platform whose keys are not among them; packages must verify against them.
   */
  platformKeys: z.array(z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(512)).max(16),
  /** One-time enrolment code from the platform admin, used at first start if not enrolled. */
  enrolCode: z.string().min(8).max(128).optional(),
  /** A content package directory installed at start when newer than the active content (side-loading). */
  contentDir: z.string().optional(),
  /** In `sim` mode, also run an emulated Firmata (Uno) board beside the shelf-node simulator. */
  simFirmata: z.boolean(),
  /** How often the day ledger (`ledger.day`) is sent when money moved (KIOSK_LEDGER_FLUSH_MS; 5 min). */
  ledgerFlushMs: z.coerce.number().int().min(1000).max(3_600_000).optional(),
  /** How long a shopper has to pay an order on the phone (KIOSK_ORDER_TTL_MS; 15 min; tests shorten it). */
  orderTtlMs: z.coerce.number().int().min(10_000).max(24 * 3_600_000).optional(),
  /** How often the platform is asked for newer content (KIOSK_CONTENT_POLL_MS; 60 s; tests and automation shorten it). */
  contentPollMs: z.coerce.number().int().min(1000).max(24 * 3_600_000).optional(),
  /** Versioned app directories the supervisor switches between (staged updates, issue 14); unset: no updates here. */
  appsDir: z.string().optional(),
  /** How often the kiosk asks the platform for its release plan. */
  updateCheckMs: z.coerce.number().int().min(200).max(24 * 3600_000),
  /** Hall zone (KIOSK_ZONE), screen orientation (KIOSK_ORIENTATION), display (KIOSK_DISPLAY): admin settings with env overrides. */
  zone: ZoneSchema.default('display'),
  orientation: z.enum(['auto', 'portrait', 'landscape']).default('auto'),
  displayIndex: z.coerce.number().int().min(0).max(7).default(0),
  /**
   * Config keys set by the environment or by the caller (automation): the admin settings stored
   * in the kiosk's database never override these (service/admin/kiosk-settings.ts).
   */
  fixed: z.array(z.string()).default([]),
});
export type KioskConfig = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The app's root: the nearest folder above this module with a package.json. From sources that
 * is the checkout; from the compiled build (dist/app/service/config.js) too; in an installed
 * release directory, the release itself.
 */
export function appRoot(from: string): string {
  for (let dir = path.resolve(from, '..'); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}
/** The environment variable behind each config key an admin can also set on the kiosk. */
const ENV_OF: Readonly<Record<string, string>> = {
  defaultLocale: 'KIOSK_LOCALE',
  idleMs: 'KIOSK_IDLE_MS',
  staffIdleMs: 'KIOSK_STAFF_IDLE_MS',
  platformUrl: 'KIOSK_PLATFORM_URL',
  zone: 'KIOSK_ZONE',
  orientation: 'KIOSK_ORIENTATION',
  displayIndex: 'KIOSK_DISPLAY',
};

/** Reads config from the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<KioskConfig> = {}): KioskConfig {
  const root = appRoot(import.meta.dirname);
  const raw = {
    dataDir: path.resolve(env.KIOSK_DATA_DIR ?? path.join(root, 'data')),
    port: env.KIOSK_PORT ?? 8787,
    hardware: env.KIOSK_HARDWARE ?? 'sim',
    serialPath: env.KIOSK_SERIAL_PATH,
    defaultLocale: env.KIOSK_LOCALE ?? 'zh-CN',
    idleMs: env.KIOSK_IDLE_MS ?? 60_000,
    staffIdleMs: env.KIOSK_STAFF_IDLE_MS ?? 120_000,
    rendererDir: env.KIOSK_RENDERER_DIR ?? path.join(root, 'dist', 'renderer'),
    logLevel: env.KIOSK_LOG_LEVEL ?? 'info',
    platformUrl: env.KIOSK_PLATFORM_URL,
    enrolCode: env.KIOSK_ENROL_CODE,
    platformKeys: (env.KIOSK_PLATFORM_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k !== ''),
    simFirmata: env.KIOSK_SIM_FIRMATA === '1',
    ledgerFlushMs: env.KIOSK_LEDGER_FLUSH_MS,
    orderTtlMs: env.KIOSK_ORDER_TTL_MS,
    contentPollMs: env.KIOSK_CONTENT_POLL_MS,
    appsDir: env.KIOSK_APPS_DIR === undefined || env.KIOSK_APPS_DIR === '' ? undefined : path.resolve(env.KIOSK_APPS_DIR),
    updateCheckMs: env.KIOSK_UPDATE_CHECK_MS ?? 10 * 60_000,
    contentDir: env.KIOSK_CONTENT_DIR === undefined || env.KIOSK_CONTENT_DIR === '' ? undefined : path.resolve(env.KIOSK_CONTENT_DIR),
    zone: env.KIOSK_ZONE,
    orientation: env.KIOSK_ORIENTATION,
    displayIndex: env.KIOSK_DISPLAY,
    ...overrides,
  };
  const fixed = Object.entries(ENV_OF).filter(([key, name]) => (env[name] !== undefined && env[name] !== '') || key in overrides).map(([key]) => key);
  const parsed = ConfigSchema.safeParse({ ...raw, fixed: overrides.fixed ?? fixed });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid kiosk configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
