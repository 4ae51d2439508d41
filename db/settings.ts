import type { Db } from './open.ts';

/** Key → JSON settings; callers validate values with their schema. */
export function createSettingsStore(db: Db) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key: string): unknown => {
      const v = get.get(key) as string | undefined;
      return v === undefined ? undefined : (JSON.parse(v) as unknown);
    },
    put: (key: string, value: unknown) => put.run(key, JSON.stringify(value)),
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
