import type { LoginThrottle } from './accounts/login-throttle.ts';
import type { ContentNotices } from './content/content-notices.ts';
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
  /** PLATFORM_PUBLIC_URL's origin (what browsers see, e.g. behind a TLS proxy); null = from each request's Host. */
  publicOrigin: string | null;
  /** Failed sign-ins per address and per username. */
  loginThrottle: LoginThrottle;
  /** Wakes kiosks' open streams after a publish, here or in another process (content notices). */
  contentNotices: ContentNotices;
}
