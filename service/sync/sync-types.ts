import type { KioskCredentials } from '../../contract/sync.ts';

/** The pino-compatible logger the sync client writes to (injected; no console). */
export interface SyncLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Reads the kiosk's current credentials (again after a 401); null while not enrolled. */
export type CredentialsSource = () => Promise<KioskCredentials | null>;

/** The `fetch` shape the sync client uses; injected so tests can wrap it. */
export type FetchLike = typeof fetch;

export const silentLogger: SyncLogger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
