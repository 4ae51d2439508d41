import { AdminSettingsPatchSchema, AdminSettingsSchema, type AdminSettingKey, type AdminSettings, type AdminSettingsView } from '../../contract/admin-settings.ts';
import type { KioskSettings as SnapshotSettings } from '../../contract/api.ts';
import type { SettingsStore } from '../../db/settings.ts';
import type { KioskConfig } from '../config.ts';

const KEY = 'admin.settings';
const KEYS = Object.keys(AdminSettingsSchema.shape) as AdminSettingKey[];

export type SettingsResult = { ok: true; value: AdminSettingsView; changed: AdminSettingKey[] } | { ok: false; status: number; error: string; message: string };

/**
 * The kiosk's settings: environment (or caller) values win, then what an admin stored in the
 * database, then the defaults. Read at start (the platform URL) and live (locale, idle times,
 * zone, orientation: the next snapshot carries them).
 */
export class KioskSettings {
  private readonly atStart: AdminSettings;

  constructor(
    private readonly store: SettingsStore,
    private readonly config: KioskConfig,
  ) {
    this.atStart = this.values();
  }

  private stored(): Partial<AdminSettings> {
    const parsed = AdminSettingsPatchSchema.safeParse(this.store.get(KEY) ?? {});
    return parsed.success ? parsed.data : {};
  }

  private isFixed(key: AdminSettingKey): boolean {
    return this.config.fixed.includes(key);
  }

  private defaults(): AdminSettings {
    const c = this.config;
    return { displayIndex: c.displayIndex, orientation: c.orientation, defaultLocale: c.defaultLocale, idleMs: c.idleMs, staffIdleMs: c.staffIdleMs, zone: c.zone, platformUrl: c.platformUrl ?? '' };
  }

  values(): AdminSettings {
    const stored = this.stored();
    const d = this.defaults();
    const out = { ...d };
    for (const k of KEYS) if (!this.isFixed(k) && stored[k] !== undefined) Object.assign(out, { [k]: stored[k] });
    return out;
  }

  view(): AdminSettingsView {
    const stored = this.stored();
    const sources = Object.fromEntries(KEYS.map((k) => [k, this.isFixed(k) ? 'env' : stored[k] !== undefined ? 'stored' : 'default'] as const));
    return { values: this.values(), sources, restartNeeded: this.values().platformUrl !== this.atStart.platformUrl };
  }

  /** The platform URL the service started with (a change takes effect at the next start). */
  platformUrlAtStart(): string | undefined {
    return this.atStart.platformUrl === '' ? undefined : this.atStart.platformUrl;
  }

  snapshotSettings(): SnapshotSettings & { zone: AdminSettings['zone'] } {
    const v = this.values();
    return { defaultLocale: v.defaultLocale, idleMs: v.idleMs, orientation: v.orientation, zone: v.zone };
  }

  /** Stores a validated change; a key the environment sets is refused (it would have no effect). */
  update(patch: unknown): SettingsResult {
    const parsed = AdminSettingsPatchSchema.strict().safeParse(patch);
    if (!parsed.success) return { ok: false, status: 400, error: 'bad-request', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
    const keys = Object.keys(parsed.data) as AdminSettingKey[];
    const fixed = keys.filter((k) => this.isFixed(k));
    if (fixed.length > 0) return { ok: false, status: 409, error: 'set-by-environment', message: `set by the environment (automation), not changeable here: ${fixed.join(', ')}` };
    const before = this.values();
    this.store.put(KEY, { ...this.stored(), ...parsed.data });
    const after = this.values();
    return { ok: true, value: this.view(), changed: KEYS.filter((k) => before[k] !== after[k]) };
  }
}
