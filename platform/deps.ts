import type { SigningKey } from './content/signing-keys.ts';
import type { PlatformLimits, WindowCounter } from './limits.ts';
import type { PlatformStore } from './store/platform-store.ts';

/** Everything a route needs, passed in (no globals). */
export interface PlatformDeps {
  dataDir: string;
  adminToken: string;
  store: PlatformStore;
  key: SigningKey;
  now: () => number;
  /** How long a kiosk's previous token stays valid after it rotates (until the new one is used). */
  rotateGraceMs: number;
  limits: PlatformLimits;
  /** Requests per authenticated kiosk per minute. */
  kioskRequests: WindowCounter;
  /** Events per kiosk per hour (quota). */
  kioskEvents: WindowCounter;
}
