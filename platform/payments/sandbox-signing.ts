import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header that carries the sandbox's signature: `t=<ms>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';
/** A signature older (or further in the future) than this is refused: a replayed capture. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export function signSandbox(secret: string, body: string, at: number): string {
  const mac = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return `t=${at},v1=${mac}`;
}

export type SignatureCheck = 'ok' | 'bad' | 'stale';

/** Verifies a signature header over the exact body bytes, in constant time. */
export function checkSandboxSignature(secret: string, header: string | undefined, body: string, now: number): SignatureCheck {
  const m = /^t=(\d{1,16}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m?.[1] || !m[2]) return 'bad';
  const expected = Buffer.from(createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex'));
  const given = Buffer.from(m[2]);
  if (!timingSafeEqual(expected, given)) return 'bad';
  return Math.abs(now - Number(m[1])) <= SIGNATURE_TOLERANCE_MS ? 'ok' : 'stale';
}
