import type { AccountQueries } from './account-store.ts';
import type { CatalogueQueries, TargetQueries } from './catalogue-store.ts';
import type { ImportJobQueries } from './import-job-store.ts';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import type { FleetQueries } from './fleet-store.ts';
import type { OrderStore } from '../orders/order-store.ts';

/**
 * Storage of the reference platform. Every method is async so a PostgreSQL store can
 * implement the same interface; the SQLite store (sqlite-store.ts) is the default.
 */

export interface KioskRecord {
  kioskId: string;
  installId: string;
  name: string | null;
  tokenHash: string;
  /** The token before the last rotation, valid until `prevValidUntil` or the new token's first use. */
  prevTokenHash: string | null;
  prevValidUntil: number | null;
  enrolledAt: number;
  lastContact: number | null;
  heartbeat: string | null;
  heartbeatAt: number | null;
}

/** An event accepted for storage: already validated and hashed. */
export interface IncomingEvent {
  id: string;
  streamId: string;
  seq: number;
  type: string;
  v: number;
  deviceTime: string;
  hash: string;
  /** The envelope as received, canonical JSON. */
  json: string;
}

/** `rejected`: the event's stream belongs to another kiosk (streams are bound to the kiosk that first wrote them). */
export type IngestOutcome = { status: 'ok' } | { status: 'duplicate' } | { status: 'conflict'; storedHash: string } | { status: 'rejected'; reason: string };

export interface ConflictRecord {
  eventId: string;
  kioskId: string;
  kind: 'payload' | 'seq-reuse';
  storedHash: string;
  receivedHash: string;
  at: number;
}

export interface StreamRecord {
  streamId: string;
  kioskId: string;
  maxSeq: number;
  count: number;
  /** Sequence numbers below maxSeq not yet received (maxSeq - distinct seqs held). */
  missing: number;
}

export interface StoredEventSummary {
  id: string;
  kioskId: string;
  type: string;
  streamId: string;
  seq: number;
  deviceTime: string;
  receivedAt: number;
  hash: string;
}

export interface ContentVersionRecord {
  version: number;
  publishedAt: number;
  keyId: string;
  /** JSON array of {sha256, bytes}. */
  media: Array<{ sha256: string; bytes: number }>;
}

/**
 * What redeeming an enrolment code decided: `ok` (one use spent), `retry` (this installId
 * redeemed this code within the retry window: allowed again, nothing spent), `unknown`
 * (no such code, expired or used up), `needs-token` (the installId is enrolled and the code is
 * not scoped to it, nor did the request carry its current token), `wrong-kiosk` (the code is
 * scoped to another kiosk).
 */
export type RedeemOutcome = 'ok' | 'retry' | 'unknown' | 'needs-token' | 'wrong-kiosk';

export interface RedeemRequest {
  codeHash: string;
  installId: string;
  /** The kiosk already bound to installId, if any. */
  existingKioskId: string | null;
  /** The request carried that kiosk's current token. */
  authenticated: boolean;
  now: number;
  retryWindowMs: number;
}

/** The store's own database, for the analytics rollups (platform/analytics/), which keep their own tables and migrations. */
export type StoreDatabase = { kind: 'sqlite'; db: Database.Database } | { kind: 'pg'; pool: Pool };

export interface PlatformStore extends FleetQueries, OrderStore, AccountQueries, CatalogueQueries, TargetQueries, ImportJobQueries {
  /** `kioskId` scopes the code to re-enrolling that one kiosk (null: any new kiosk). */
  createEnrolmentCode(codeHash: string, expiresAt: number, uses: number, kioskId: string | null): Promise<void>;
  /** Decides and records one enrolment attempt with a code, in one transaction. */
  redeemEnrolmentCode(r: RedeemRequest): Promise<RedeemOutcome>;

  /** Binds kioskId to installId (re-enrolment of a known installId keeps its kioskId and replaces the token). */
  upsertKiosk(k: { kioskId: string; installId: string; name: string | null; tokenHash: string; now: number }): Promise<KioskRecord>;
  getKiosk(kioskId: string): Promise<KioskRecord | null>;
  getKioskByInstall(installId: string): Promise<KioskRecord | null>;
  listKiosks(): Promise<KioskRecord[]>;
  rotateToken(kioskId: string, newHash: string, prevValidUntil: number | null): Promise<void>;
  /** Called on the new token's first use: the old one stops working. */
  dropPreviousToken(kioskId: string): Promise<void>;
  touchKiosk(kioskId: string, now: number): Promise<void>;
  saveHeartbeat(kioskId: string, heartbeatJson: string, now: number): Promise<void>;

  /** Stores each new event once (by id, forever); answers per event in input order, in one transaction. */
  ingest(kioskId: string, events: IncomingEvent[], now: number): Promise<IngestOutcome[]>;
  countEvents(): Promise<number>;
  recentEvents(limit: number): Promise<StoredEventSummary[]>;
  eventHashes(): Promise<Map<string, string>>;
  conflicts(limit: number): Promise<ConflictRecord[]>;
  streams(): Promise<StreamRecord[]>;

  latestContent(): Promise<ContentVersionRecord | null>;
  addContentVersion(rec: ContentVersionRecord): Promise<void>;

  database(): Promise<StoreDatabase>;

  close(): Promise<void>;
}
