import { HeartbeatResponseSchema, type Heartbeat } from '../../contract/sync.ts';
import { authHeader, requestJson } from './http-client.ts';
import type { SyncStatus } from './pusher.ts';
import { silentLogger, type CredentialsSource, type FetchLike, type SyncLogger } from './sync-types.ts';

export interface HeartbeatOptions {
  baseUrl: string;
  getCredentials: CredentialsSource;
  /** The pusher's status (backlog, dead letters, last error). */
  syncStatus: () => SyncStatus;
  contentVersion: () => number | null;
  appVersion?: string;
  intervalMs?: number;
  logger?: SyncLogger;
  fetch?: FetchLike;
}

/** Builds the heartbeat body from the pusher's status. */
export function heartbeatBody(kioskId: string, status: SyncStatus, contentVersion: number | null, appVersion: string | undefined, now: number): Heartbeat {
  return {
    kioskId,
    sentAt: new Date(now).toISOString(),
    backlog: status.unsent,
    deadLetters: status.deadLetters.count,
    contentVersion,
    lastError: status.lastError?.message ?? null,
    appVersion,
  };
}

/** Tells the platform's fleet page how this kiosk is doing (backlog per priority, dead letters, content). */
export function createHeartbeat(opts: HeartbeatOptions) {
  const logger = opts.logger ?? silentLogger;
  let timer: NodeJS.Timeout | null = null;

  async function sendOnce(): Promise<boolean> {
    const c = await opts.getCredentials();
    if (!c) return false;
    const body = heartbeatBody(c.kioskId, opts.syncStatus(), opts.contentVersion(), opts.appVersion, Date.now());
    const out = await requestJson({
      fetch: opts.fetch ?? fetch,
      url: new URL('/v1/heartbeat', opts.baseUrl).toString(),
      method: 'POST',
      headers: { authorization: authHeader(c), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: 15_000,
      schema: HeartbeatResponseSchema,
      now: Date.now,
    });
    if (out.kind !== 'ok') logger.debug({ outcome: out.kind }, 'heartbeat not delivered');
    return out.kind === 'ok';
  }

  return {
    start(): void {
      if (timer) return;
      timer = setInterval(() => void sendOnce(), opts.intervalMs ?? 60_000);
      void sendOnce();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
    sendOnce,
  };
}
