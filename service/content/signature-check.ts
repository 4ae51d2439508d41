import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ContentSignatureSchema, type PublicKey } from '../../contract/content.ts';
import type { PackageError } from '../../content/verify-package.ts';
import { verifyManifestSignature } from '../sync/content-verify.ts';

/** Beside manifest.json: the platform's ed25519 signature over its exact bytes (what downloads carry too). */
export const SIGNATURE_FILE = 'signature.json';
const MAX_SIGNATURE_BYTES = 64 * 1024;

/**
 * The `verifySignature` hook for readPackage: the package's signature.json must verify over the
 * exact manifest bytes with one of `keys()`. Runs before the manifest is parsed.
 */
export function signatureVerifier(keys: () => readonly PublicKey[]) {
  return async (manifestBytes: Buffer, dir: string): Promise<PackageError | null> => {
    const file = path.join(dir, SIGNATURE_FILE);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return { code: 'signature-invalid', message: `no ${SIGNATURE_FILE}: only the built-in demo may be unsigned` };
    if (info.size > MAX_SIGNATURE_BYTES) return { code: 'signature-invalid', message: `${SIGNATURE_FILE} is too large` };
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      return { code: 'signature-invalid', message: `${SIGNATURE_FILE} is not JSON` };
    }
    const sig = ContentSignatureSchema.safeParse(json);
    if (!sig.success) return { code: 'signature-invalid', message: `${SIGNATURE_FILE} does not match its schema` };
    const verified = verifyManifestSignature(manifestBytes, sig.data, keys());
    return verified.ok ? null : { code: 'signature-invalid', message: verified.message };
  };
}
