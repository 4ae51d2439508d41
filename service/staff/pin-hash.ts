import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost (N = 2^14, r = 8, p = 1: ~16 MiB and tens of ms per check) — slow enough to make guessing a stolen hash costly. */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt b64>$<key b64>`: the parameters travel with the hash so they can be raised later. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash of a random PIN: sign-in checks it for unknown accounts so timing does not tell which accounts exist. */
export const DUMMY_HASH_PROMISE: Promise<string> = hashPin(randomBytes(8).toString('hex'));

/** Constant-time check of `pin` against a stored hash; false for a malformed hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!Number.isInteger(n) || !Number.isInteger(r) || !Number.isInteger(p) || expected.length !== KEY_BYTES) return false;
  const key = await derive(pin, salt, n, r, p);
  return timingSafeEqual(key, expected);
}
