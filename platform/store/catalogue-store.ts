import type { AuditRecord } from './account-store.ts';

/**
 * The platform's working catalogue: what editors and imports change and what a publish turns
 * into a signed package. One row per product (its `Product` as JSON) and one meta document
 * (title, QR URL bases, campaigns, media list) with a revision that every change raises.
 */
export interface CatalogueProductRow {
  productId: string;
  /** The product as JSON (contract ProductSchema). */
  doc: string;
}

/** Authoring records kept beside the products (contract/authoring.ts); a batch's id is `batchKey()`. */
export type CatalogueRecordKind = 'producer' | 'pairing' | 'batch';

export interface CatalogueRecordRow {
  kind: CatalogueRecordKind;
  id: string;
  /** The record as JSON (ProducerSchema, PairingSchema or BatchSchema). */
  doc: string;
}

export interface CatalogueChange {
  /** The revision the change was computed against: a change on a stale base is refused. */
  expectedRevision: number;
  products: CatalogueProductRow[];
  /** Product ids to delete (after the upserts). */
  deleteProducts?: string[];
  /** Authoring records to insert or replace. */
  records?: CatalogueRecordRow[];
  /** Authoring records to delete (after the upserts). */
  deleteRecords?: Array<{ kind: CatalogueRecordKind; id: string }>;
  /** A new meta document, or undefined to keep it. */
  meta?: string;
  /** Written in the same transaction as the change. */
  audit: AuditRecord[];
}

/** Called after each product row is written, inside the transaction (tests kill the process here). */
export type ApplyProbe = (index: number) => void;

export interface CatalogueQueries {
  catalogueRevision(): Promise<number>;
  catalogueMeta(): Promise<string | null>;
  catalogueProducts(): Promise<CatalogueProductRow[]>;
  /** Every authoring record, by kind then id. */
  catalogueRecords(): Promise<CatalogueRecordRow[]>;
  /** Applies every row or none (one transaction); 'stale' when the revision moved on. */
  applyCatalogue(change: CatalogueChange, probe?: ApplyProbe): Promise<'ok' | 'stale'>;
}

/** Who a published version is for: every kiosk, the kiosks of a group, or one kiosk. */
export type PublishTarget = { kind: 'all' } | { kind: 'group'; group: string } | { kind: 'kiosk'; kioskId: string };

/** A published version (the same shape as platform-store's ContentVersionRecord; kept here to avoid an import cycle). */
export interface TargetedVersion {
  version: number;
  publishedAt: number;
  keyId: string;
  media: Array<{ sha256: string; bytes: number }>;
}

export interface TargetQueries {
  /** Recorded before the version itself, so a version is never visible without its target. */
  setContentTarget(version: number, target: PublishTarget): Promise<void>;
  /** The newest version meant for this kiosk (a version without a target is for all). */
  latestContentFor(kioskId: string): Promise<TargetedVersion | null>;
  setKioskGroups(kioskId: string, groups: string[]): Promise<void>;
  kioskGroups(kioskId: string): Promise<string[]>;
}
