import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentSignature } from '../../contract/content.ts';
import type { PublicKey } from '../../contract/sync.ts';

/** The platform's content signing key: ed25519, private half kept in the data dir (mode 0600). */
export interface SigningKey {
  keyId: string;
  publicKey: PublicKey;
  /** Signs the exact manifest bytes. */
  sign(bytes: Buffer): ContentSignature;
}

/** keyId = first 16 hex digits of sha256 over the SPKI DER bytes. */
export function keyIdOf(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('hex').slice(0, 16);
}

function fromPrivate(priv: KeyObject): SigningKey {
  const spki = createPublicKey(priv).export({ type: 'spki', format: 'der' });
  const keyId = keyIdOf(spki);
  return {
    keyId,
    publicKey: { keyId, alg: 'ed25519', spki: spki.toString('base64') },
    sign: (bytes) => ({ alg: 'ed25519', keyId, sig: sign(null, bytes, priv).toString('base64') }),
  };
}

/** Loads `<dataDir>/content-signing-key.pem`, creating a new key pair at first start. */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = join(dataDir, 'content-signing-key.pem');
  if (existsSync(file)) return fromPrivate(createPrivateKey(readFileSync(file)));
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return fromPrivate(privateKey);
}
