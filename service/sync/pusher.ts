import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { EventEnvelope, Priority } from '../../contract/events.ts';
import { PushResponseSchema, type BacklogEntry, type KioskCredentials } from '../../contract/sync.ts';
import type { Db } from '../../db/open.ts';
import { retryDelay } from './backoff.ts';
import { authHeader, requestJson } from './http-client.ts';
import { createOutboxRepo, type DeadLetter } from './outbox-repo.ts';
import { createSyncState, type SyncError } from './sync-state.ts';
import { silentLogger, type CredentialsSource, type FetchLike, type SyncLogger } from './sync-types.ts';

const gzipAsync = promisify(gzip);

export interface PusherOptions {
  db: Db;
  installId: string;
  /** Platform base URL, e.g. https://platform.example/ */
  baseUrl: string;
  /** Called at start and again after every 401 (the token may have been rotated). */
  getCredentials: CredentialsSource;
  logger?: SyncLogger;
  fetch?: FetchLike;
  /** Events per push (default 500); halved on 413, grown back after successes. */
  batchSize?: number;
  /**
   * Pushes in flight at once (default 2). Two hide the round trip on a slow link: the next
   * batch travels while the platform answers the previous one. Acks stay per event, so
   * order of answers does not matter.
   */
  concurrency?: number;
  /** Wait when the outbox is empty, unless `wake()` is called (default 2000 ms). */
  idlePollMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  requestTimeoutMs?: number;
  /** How many dead letters `status()` lists (default 20). */
  deadLetterLimit?: number;
  random?: () => number;
  now?: () => number;
}

/** What the staff ledger and the local API show. */
export interface SyncStatus {
  running: boolean;
  unsent: Record<Priority, BacklogEntry>;
  deadLetters: { count: number; items: DeadLetter[] };
  lastContact: number | null;
  lastError: SyncError | null;
  /** Platform clock minus device clock, ms, from the last exchange. */
  serverOffsetMs: number | null;
  batchSize: number;
}

export type PushStep = 'pushed' | 'shrunk' | 'reauthenticated' | 'idle' | 'retry' | 'unauthorized' | 'no-credentials';

/**
 * The outbox pusher: sends pending events in (priority, seq) order, gzip batches, and applies
 * the platform's per-event answers. Nothing leaves the outbox unacknowledged and nothing is
 * cleared at start, so a kill at any point only means some events are sent again (the platform
 * answers `duplicate`). The constructor starts nothing; `start()` / `stop()` do.
 */
export function createPusher(opts: PusherOptions) {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const logger = opts.logger ?? silentLogger;
  const doFetch = opts.fetch ?? fetch;
  const repo = createOutboxRepo(opts.db, opts.installId);
  const state = createSyncState(opts.db);
  const url = new URL('/v1/events', opts.baseUrl).toString();
  const maxBatch = opts.batchSize ?? 500;
  let batchSize = maxBatch;
  let pushesSinceShrink = 0;
  let credentials: KioskCredentials | null = null;
  let retryAfterMs: number | null = null;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let abort = new AbortController();
  const waits = new Set<{ wakeable: boolean; fire: () => void }>();
  /** Ids of events in pushes not yet answered, so parallel pushes never send the same rows. */
  const inFlight = new Set<string>();

  function pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(fire, ms);
      const wait = { wakeable, fire };
      function fire() {
        clearTimeout(timer);
        waits.delete(wait);
        resolve();
      }
      waits.add(wait);
    });
  }

  function nextBatch() {
    const rows = repo.pending(batchSize + inFlight.size);
    return rows.filter((e) => !inFlight.has(e.id)).slice(0, batchSize);
  }

  async function reauthenticate(): Promise<PushStep> {
    const fresh = await opts.getCredentials();
    const changed = fresh !== null && (fresh.kioskId !== credentials?.kioskId || fresh.token !== credentials.token);
    credentials = fresh;
    logger.warn({ changed }, 'platform refused our credentials; re-read them');
    return changed ? 'reauthenticated' : 'unauthorized';
  }

  async function pushOnce(): Promise<PushStep> {
    const events = nextBatch();
    if (events.length === 0) return 'idle';
    for (const e of events) inFlight.add(e.id);
    try {
      return await send(events);
    } finally {
      for (const e of events) inFlight.delete(e.id);
    }
  }

  async function send(events: EventEnvelope[]): Promise<PushStep> {
    credentials ??= await opts.getCredentials();
    if (!credentials) {
      // Shown in the ledger: a kiosk that cannot sync must say so, not look merely idle.
      state.recordError(now(), 'not enrolled: no platform credentials (enrol the kiosk)');
      return 'no-credentials';
    }
    const body = await gzipAsync(JSON.stringify({ events }));
    const out = await requestJson({
      fetch: doFetch,
      url,
      method: 'POST',
      headers: { authorization: authHeader(credentials), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
      timeoutMs: opts.requestTimeoutMs ?? 30_000,
      schema: PushResponseSchema,
      now,
      signal: abort.signal,
    });
    switch (out.kind) {
      case 'ok': {
        const counts = repo.apply(events, out.value.results, out.value.serverTime, now());
        state.recordContact(now(), out.value.serverTime, out.roundTripMs);
        if (counts.dead > 0) logger.warn({ dead: counts.dead }, 'events dead-lettered by the platform');
        if (batchSize < maxBatch && ++pushesSinceShrink >= 10) {
          batchSize = Math.min(maxBatch, batchSize * 2);
          pushesSinceShrink = 0;
        }
        return 'pushed';
      }
      case 'unauthorized':
        state.recordError(now(), `unauthorized: ${out.message}`);
        return reauthenticate();
      case 'too-large':
        return shrink(events.map((e) => e.id));
      case 'no-content':
      case 'retry': {
        const message = out.kind === 'retry' ? out.message : 'unexpected 204 from the platform';
        repo.recordFailure(events.map((e) => e.id), message);
        state.recordError(now(), message);
        retryAfterMs = out.kind === 'retry' ? out.retryAfterMs : null;
        logger.info({ message, retryAfterMs }, 'push failed; backing off');
        return 'retry';
      }
    }
  }

  /** 413: halve the batch; an event refused alone is dead-lettered so it cannot block the queue. */
  function shrink(ids: string[]): PushStep {
    if (ids.length > 1) {
      batchSize = Math.max(1, Math.floor(ids.length / 2));
      pushesSinceShrink = 0;
      logger.info({ batchSize }, 'platform said 413; halving the batch');
      return 'shrunk';
    }
    const [id] = ids;
    if (id !== undefined) repo.deadLetter(id, 'too large: the platform refused this event on its own (413)', now());
    return 'pushed';
  }

  async function worker(): Promise<void> {
    let attempt = 0;
    while (running) {
      let step: PushStep;
      try {
        step = await pushOnce();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        logger.error({ err: message }, 'push crashed; backing off');
        state.recordError(now(), message);
        step = 'retry';
      }
      if (!running) return;
      if (step === 'pushed' || step === 'shrunk' || step === 'reauthenticated') {
        attempt = 0;
      } else if (step === 'idle') {
        attempt = 0;
        await pause(opts.idlePollMs ?? 2000, true);
      } else {
        await pause(retryDelay(attempt++, retryAfterMs, opts.backoffBaseMs ?? 500, opts.backoffCapMs ?? 60_000, random), false);
        retryAfterMs = null;
      }
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      abort = new AbortController();
      loopDone = Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, () => worker())).then(() => undefined);
    },
    /** Stops after aborting any request in flight; unacknowledged rows simply stay. */
    async stop(): Promise<void> {
      running = false;
      abort.abort();
      for (const w of [...waits]) w.fire();
      await loopDone;
    },
    /** New events were written: push now instead of at the next idle poll. */
    wake(): void {
      for (const w of [...waits]) if (w.wakeable) w.fire();
    },
    /** One push attempt (for tests and manual "sync now"). */
    pushOnce,
    status(deadLetterLimit = opts.deadLetterLimit ?? 20): SyncStatus {
      return {
        running,
        unsent: repo.backlog(now()),
        deadLetters: { count: repo.deadLetterCount(), items: repo.deadLetters(deadLetterLimit) },
        lastContact: state.lastContact(),
        lastError: state.lastError(),
        serverOffsetMs: state.serverOffsetMs(),
        batchSize,
      };
    },
    /** Puts dead letters back into the queue (after the cause was fixed on the platform). */
    requeueDeadLetters: (ids: readonly string[]) => repo.requeue(ids),
  };
}
export type Pusher = ReturnType<typeof createPusher>;
