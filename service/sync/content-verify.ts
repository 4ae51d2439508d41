import { createPublicKey, verify } from 'node:crypto';
import type { ContentSignature } from '../../contract/content.ts';
import type { PublicKey } from '../../contract/sync.ts';

export type VerifyResult = { ok: true; keyId: string } | { ok: false; message: string };

/**
 * Checks the ed25519 signature over the exact manifest bytes against the kiosk's public keys
 * (shipped with the app plus those received at enrolment). The kiosk holds no private key.
 */
export function verifyManifestSignature(bytes: Buffer, sig: ContentSignature, keys: readonly PublicKey[]): VerifyResult {
  const candidates = keys.filter((k) => k.keyId === sig.keyId);
  if (candidates.length === 0) return { ok: false, message: `signed by unknown key ${sig.keyId}` };
  const signature = Buffer.from(sig.sig, 'base64');
  for (const k of candidates) {
    try {
      const key = createPublicKey({ key: Buffer.from(k.spki, 'base64'), format: 'der', type: 'spki' });
      if (verify(null, bytes, key, signature)) return { ok: true, keyId: k.keyId };
    } catch {
      // A malformed key or signature is simply not a match; the next key may be.
    }
  }
  return { ok: false, message: `signature does not verify with key ${sig.keyId}` };
}
