import { createHash, createPublicKey } from 'node:crypto';
import { PublicKeySchema, type PublicKey } from '../../contract/content.ts';
import type { Db } from '../../db/open.ts';

/**
 * Content-signing keys of the production platform, shipped with the app (base64 SPKI). Empty in
 * this repository: a release fills it, or the key is entered at set-up (`KIOSK_PLATFORM_KEYS`).
 */
export const SHIPPED_PLATFORM_KEYS: readonly string[] = [];

const MAX_ANNOUNCED = 16;

/** An ed25519 SPKI (base64) as a PublicKey, its keyId derived as the platform does; null if it is not one. */
export function publicKeyFromSpki(spki: string): PublicKey | null {
  try {
    const der = Buffer.from(spki, 'base64');
    if (createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyType !== 'ed25519') return null;
    return { keyId: createHash('sha256').update(der).digest('hex').slice(0, 16), alg: 'ed25519', spki: der.toString('base64') };
  } catch {
    return null;
  }
}

const same = (a: PublicKey, b: PublicKey) => a.keyId === b.keyId && a.spki === b.spki;

export type TrustCheck = { ok: true } | { ok: false; error: { code: 'untrusted-platform-key'; message: string } };

/**
 * The keys this kiosk trusts for content: shipped with the app, pinned in its configuration,
 * and announced by packages that verified with an already trusted key (rotation). Keys in an
 * enrolment answer are never trusted for themselves: they must be among these.
 */
export function createTrust(opts: { db: Db; pinned: readonly string[]; shipped?: readonly string[] }) {
  const get = opts.db.prepare("SELECT value FROM sync_state WHERE key = 'announced_keys'").pluck();
  const put = opts.db.prepare("INSERT INTO sync_state (key, value) VALUES ('announced_keys', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const base = [...(opts.shipped ?? SHIPPED_PLATFORM_KEYS), ...opts.pinned].flatMap((s) => publicKeyFromSpki(s) ?? []);

  function announced(): PublicKey[] {
    const raw = get.get() as string | undefined;
    if (raw === undefined) return [];
    const parsed = PublicKeySchema.array().safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  }

  function keys(): PublicKey[] {
    const all = [...base, ...announced()];
    return all.filter((k, i) => all.findIndex((o) => same(o, k)) === i);
  }

  return {
    keys,
    /** Enrolment: the platform must present at least one key, and only keys we already trust. */
    checkEnrolmentKeys(offered: readonly PublicKey[]): TrustCheck {
      const trusted = keys();
      if (trusted.length === 0) return { ok: false, error: { code: 'untrusted-platform-key', message: 'no platform key is pinned (set KIOSK_PLATFORM_KEYS at set-up)' } };
      const stranger = offered.find((k) => !trusted.some((t) => same(t, k)));
      if (offered.length === 0 || stranger) {
        return { ok: false, error: { code: 'untrusted-platform-key', message: `the platform presented ${stranger ? `key ${stranger.keyId.slice(0, 16)}, which` : 'no key, which'} does not match the pinned keys` } };
      }
      return { ok: true };
    },
    /** Keys announced by a package that verified with a trusted key; each must be a real ed25519 key under its own id. */
    announce(offered: readonly PublicKey[]): PublicKey[] {
      const valid = offered.flatMap((k) => {
        const derived = publicKeyFromSpki(k.spki);
        return derived && derived.keyId === k.keyId ? [derived] : [];
      });
      const current = announced();
      const added = valid.filter((k) => !keys().some((t) => same(t, k)));
      if (added.length > 0) put.run(JSON.stringify([...current, ...added].slice(-MAX_ANNOUNCED)));
      return added;
    },
  };
}
export type Trust = ReturnType<typeof createTrust>;
