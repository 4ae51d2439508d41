import { KioskCredentialsSchema, type KioskCredentials, type PublicKey, PublicKeySchema } from '../../contract/sync.ts';
import type { Db } from '../../db/open.ts';

export interface SyncError {
  at: number;
  message: string;
}

/** Key/value sync bookkeeping in `sync_state` (migration 0002): contact, clock offset, errors, credentials. */
export function createSyncState(db: Db) {
  const get = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const put = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const read = <T>(key: string): T | null => {
    const v = get.get(key) as string | undefined;
    return v === undefined ? null : (JSON.parse(v) as T);
  };
  const write = (key: string, value: unknown) => void put.run(key, JSON.stringify(value));

  return {
    /** A successful exchange: when, and how far the platform's clock is from ours (server − device). */
    recordContact(now: number, serverTime: string, roundTripMs: number): void {
      const server = Date.parse(serverTime);
      db.transaction(() => {
        write('last_contact', now);
        write('last_server_time', serverTime);
        // The server stamped its time somewhere in the round trip; assume the middle.
        if (!Number.isNaN(server)) write('server_offset_ms', Math.round(server - (now - roundTripMs / 2)));
      })();
    },
    recordError(now: number, message: string): void {
      write('last_error', { at: now, message: message.slice(0, 500) } satisfies SyncError);
    },
    lastContact: () => read<number>('last_contact'),
    lastError: () => read<SyncError>('last_error'),
    serverOffsetMs: () => read<number>('server_offset_ms'),
    /** Credentials from enrolment (secret: never log them). */
    loadCredentials(): KioskCredentials | null {
      const parsed = KioskCredentialsSchema.safeParse(read<unknown>('credentials'));
      return parsed.success ? parsed.data : null;
    },
    saveCredentials: (c: KioskCredentials) => write('credentials', c),
    /** Platform public keys received at enrolment, beside the ones shipped with the app. */
    loadPublicKeys(): PublicKey[] {
      const parsed = PublicKeySchema.array().safeParse(read<unknown>('public_keys'));
      return parsed.success ? parsed.data : [];
    },
    savePublicKeys: (keys: PublicKey[]) => write('public_keys', keys),
  };
}
export type SyncState = ReturnType<typeof createSyncState>;
