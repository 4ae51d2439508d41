import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateSigningKey, type SigningKey } from '../../platform/content/signing-keys.ts';

/** A fresh ed25519 content-signing key, as the platform makes one (its pem in a temp dir). */
export function testSigningKey(): SigningKey {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signing-key-'));
  try {
    return loadOrCreateSigningKey(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs a package directory's exact manifest bytes into its signature.json. */
export function signPackage(dir: string, key: SigningKey): void {
  const bytes = fs.readFileSync(path.join(dir, 'manifest.json'));
  fs.writeFileSync(path.join(dir, 'signature.json'), JSON.stringify(key.sign(bytes)));
}
