import type { PoolClient } from 'pg';
import type { RedeemOutcome, RedeemRequest } from './platform-store.ts';

/**
 * One enrolment attempt with a code, decided and recorded in the caller's transaction — the
 * PostgreSQL twin of the SQLite store's rule (issue 12): a code may be scoped to one kiosk, a
 * known installId needs its current token or such a scoped code, and the same code from the
 * same installId may be retried within the window without spending another use. The code's
 * row is locked, so two platform processes redeeming the last use at once spend it once.
 */
export async function redeemPg(c: PoolClient, r: RedeemRequest): Promise<RedeemOutcome> {
  const code = (
    await c.query<{ expires_at: number; uses_left: number; kiosk_id: string | null }>('SELECT expires_at, uses_left, kiosk_id FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE', [r.codeHash])
  ).rows[0];
  if (!code) return 'unknown';
  const redeemed = (await c.query<{ at: number }>('SELECT at FROM enrolment_redemptions WHERE code_hash = $1 AND install_id = $2', [r.codeHash, r.installId])).rows[0];
  if (redeemed !== undefined && redeemed.at > r.now - r.retryWindowMs) return 'retry';
  if (code.expires_at <= r.now || code.uses_left <= 0) return 'unknown';
  if (code.kiosk_id !== null && code.kiosk_id !== r.existingKioskId) return 'wrong-kiosk';
  if (code.kiosk_id === null && r.existingKioskId !== null && !r.authenticated) return 'needs-token';
  await c.query('UPDATE enrolment_codes SET uses_left = uses_left - 1 WHERE code_hash = $1', [r.codeHash]);
  await c.query(
    `INSERT INTO enrolment_redemptions (code_hash, install_id, at) VALUES ($1, $2, $3)
     ON CONFLICT (code_hash, install_id) DO UPDATE SET at = excluded.at`,
    [r.codeHash, r.installId, r.now],
  );
  return 'ok';
}
