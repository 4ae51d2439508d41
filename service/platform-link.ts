import type { Db } from '../db/open.ts';
import type { EventStore } from '../db/events.ts';
import fs from 'node:fs';
import path from 'node:path';
import { secureDir } from './data-dir.ts';
import { createContentPuller, createHeartbeat, createOutboxRepo, createPusher, createSyncState, enrolKiosk, type ContentPuller, type Pusher, type SyncStatus } from './sync/index.ts';
import type { ContentSignature } from '../contract/content.ts';
import type { Catalogue } from './content/catalogue.ts';
import type { ShopperSession } from './shelf/shopper-session.ts';
import type { Logger } from './log.ts';
import type { Trust } from './sync/trust.ts';

export interface PlatformLinkDeps {
  db: Db;
  installId: string;
  dataDir: string;
  platformUrl: string | undefined;
  enrolCode: string | undefined;
  /** The content-signing keys this kiosk trusts (pinned, shipped, announced). */
  trust: Trust;
  events: EventStore;
  catalogue: Catalogue;
  session: ShopperSession;
  /** Called after a new package became active, so screens resync. */
  onContentActivated(version: number): void;
  /** How often the platform is asked for newer content (60 s; KIOSK_CONTENT_POLL_MS for automation). */
  contentPollMs?: number;
  logger: Logger;
}

/**
 * The kiosk's link to the central platform: enrolment, the outbox pusher, the content puller
 * and the heartbeat. Without a platform URL the kiosk works offline and the outbox just grows
 * (it is never cleared unacknowledged).
 */
export function createPlatformLink(deps: PlatformLinkDeps) {
  const state = createSyncState(deps.db);
  const outbox = createOutboxRepo(deps.db, deps.installId);
  const exportRows = deps.db.prepare('SELECT e.id, e.stream_id, e.seq, e.type, e.v, e.device_time, e.payload, o.priority, o.dead_reason FROM outbox o JOIN events e ON e.id = o.event_id ORDER BY o.priority, o.seq');
  const logger = deps.logger.child({ component: 'sync' });
  const getCredentials = () => Promise.resolve(state.loadCredentials());
  let pusher: Pusher | null = null;
  let puller: ContentPuller | null = null;
  let heartbeat: ReturnType<typeof createHeartbeat> | null = null;
  let pendingVersion: number | null = null;

  /** The newest version this kiosk holds or waits to activate — not the active one: a package an admin rolled back from is not fetched again. */
  const knownVersion = () => pendingVersion ?? deps.catalogue.newestInstalledVersion() ?? deps.catalogue.active()?.manifest.version ?? null;

  /** Activates a package installed while a shopper was mid-session, once the shelf is quiet. */
  async function activatePending(): Promise<void> {
    if (pendingVersion === null || deps.session.isActive()) return;
    const version = pendingVersion;
    pendingVersion = null;
    const previous = deps.catalogue.active()?.manifest.version ?? null;
    if (await deps.catalogue.activate(version)) {
      deps.events.append('content.activated', { version, previous });
      deps.onContentActivated(version);
    }
  }

  /** The ledger staff see when no platform is configured: the same numbers, read from the outbox. */
  function offlineLedger(): SyncStatus {
    return {
      running: false,
      unsent: outbox.backlog(Date.now()),
      deadLetters: { count: outbox.deadLetterCount(), items: outbox.deadLetters(20) },
      lastContact: state.lastContact(),
      lastError: state.lastError(),
      serverOffsetMs: state.serverOffsetMs(),
      batchSize: 0,
    };
  }

  async function install(dir: string, signature: ContentSignature) {
    const previous = deps.catalogue.active()?.manifest.version ?? null;
    const activateNow = !deps.session.isActive();
    const result = await deps.catalogue.install(dir, { source: 'platform', signature: JSON.stringify(signature), activate: activateNow });
    if (!result.ok) return result;
    if (activateNow) {
      deps.events.append('content.activated', { version: result.version, previous });
      deps.onContentActivated(result.version);
    } else pendingVersion = result.version;
    return { ok: true as const };
  }

  /**
   * Enrols (or re-enrols, sending the current token). The platform's keys must match the pinned
   * ones, else nothing is saved. If the answer is lost (power cut), the same code from this
   * installId may be retried within the platform's retry window.
   */
  async function enrol(baseUrl: string, code: string): Promise<{ ok: true; kioskId: string } | { ok: false; error: { code: string; message: string } }> {
    const r = await enrolKiosk({ baseUrl, code, installId: deps.installId, credentials: state.loadCredentials() });
    if (!r.ok) return r;
    const trusted = deps.trust.checkEnrolmentKeys(r.value.publicKeys);
    if (!trusted.ok) return trusted;
    state.saveCredentials({ kioskId: r.value.kioskId, token: r.value.token });
    logger.info({ kioskId: r.value.kioskId }, 'enrolled with the platform');
    return { ok: true, kioskId: r.value.kioskId };
  }

  let enrolTimer: NodeJS.Timeout | null = null;
  let enrolDelayMs = 5_000;

  /** Until enrolled: try the configured code, record "not enrolled" as the ledger's error, retry with capped backoff. */
  async function ensureEnrolled(baseUrl: string): Promise<void> {
    enrolTimer = null;
    if (state.loadCredentials()) return;
    if (!deps.enrolCode) {
      state.recordError(Date.now(), 'not enrolled: no enrolment code (set KIOSK_ENROL_CODE or enrol from the admin screen)');
      return;
    }
    const r = await enrol(baseUrl, deps.enrolCode);
    if (r.ok) return;
    state.recordError(Date.now(), `not enrolled: ${r.error.code}: ${r.error.message}`);
    // `errorCode`, not `code`: the logger redacts every field named `code` (enrolment codes).
    logger.error({ errorCode: r.error.code, reason: r.error.message }, 'enrolment failed; working offline and retrying');
    if (stopped) return;
    enrolTimer = setTimeout(() => void ensureEnrolled(baseUrl), enrolDelayMs);
    enrolDelayMs = Math.min(enrolDelayMs * 2, 5 * 60_000);
  }
  let stopped = false;

  return {
    async start(): Promise<void> {
      const baseUrl = deps.platformUrl;
      if (!baseUrl) {
        logger.info('no platform configured (KIOSK_PLATFORM_URL): working offline, events stay in the outbox');
        return;
      }
      await ensureEnrolled(baseUrl);
      pusher = createPusher({ db: deps.db, installId: deps.installId, baseUrl, getCredentials, logger });
      puller = createContentPuller({
        baseUrl,
        dataDir: deps.dataDir,
        getCredentials,
        publicKeys: () => deps.trust.keys(),
        onKeysAnnounced: (keys) => {
          const added = deps.trust.announce(keys);
          if (added.length > 0) logger.info({ keyIds: added.map((k) => k.keyId) }, 'trusting content-signing keys announced by a verified package');
        },
        activeVersion: knownVersion,
        install,
        onRejected: (r) => {
          try {
            deps.events.append('content.rejected', { version: r.version, reason: `${r.code}: ${r.message}` });
          } catch (err) {
            logger.error({ err }, 'could not record a content rejection');
          }
        },
        logger,
        pollMs: deps.contentPollMs ?? 60_000,
      });
      heartbeat = createHeartbeat({ baseUrl, getCredentials, syncStatus: () => pusher!.status(), contentVersion: () => deps.catalogue.active()?.manifest.version ?? null, logger });
      pusher.start();
      puller.start();
      heartbeat.start();
    },
    /** Called on every idle tick and after a put: finishes a deferred activation. */
    tick: () => activatePending(),
    /** Nudges the pusher after new events. */
    wake: () => pusher?.wake(),
    checkContentNow: () => puller?.checkOnce(),
    /**
     * A content notice from the platform's stream: for a version above the one held, check now
     * instead of at the next poll. The check verifies signature, hash and version as always, and
     * activation still waits while a product is lifted; the poll stays the fallback.
     */
    onContentNotice(version: number): void {
      const known = knownVersion() ?? 0;
      if (!puller || version <= known) return;
      logger.info({ version, known }, 'content notice: checking the platform for the new package now');
      void puller.checkNow();
    },
    enrol,
    /** The kiosk's platform credentials, or null before enrolment (read fresh: enrolment may happen while running). */
    credentials: () => state.loadCredentials(),
    status: () => ({
      platformUrl: deps.platformUrl ?? null,
      enrolled: state.loadCredentials() !== null,
      ledger: pusher?.status() ?? offlineLedger(),
      content: puller?.status() ?? null,
      pendingContentVersion: pendingVersion,
      lastContact: state.lastContact(),
      lastError: state.lastError(),
    }),
    /** Writes every unacknowledged event to a JSON-lines file in the data directory; returns its path. */
    exportUnsent(): string {
      const dir = path.join(deps.dataDir, 'exports');
      secureDir(dir);
      const file = path.join(dir, `unsent-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
      const fd = fs.openSync(file, 'w', 0o600);
      try {
        for (const row of exportRows.iterate()) fs.writeSync(fd, `${JSON.stringify(row)}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return file;
    },
    async stop(): Promise<void> {
      stopped = true;
      if (enrolTimer) clearTimeout(enrolTimer);
      heartbeat?.stop();
      await puller?.stop();
      await pusher?.stop();
    },
  };
}
export type PlatformLink = ReturnType<typeof createPlatformLink>;
