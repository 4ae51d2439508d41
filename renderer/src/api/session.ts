import { SessionExchangeResponseSchema } from '../../../contract/api.ts';
import type { Logger } from './logger.ts';
import { readBootCode } from './protocol.ts';

export type ExchangeResult = 'exchanged' | 'no-code' | 'rejected' | 'failed';

/**
 * Exchanges the single-use boot code from `#boot=<code>` for the HttpOnly session cookie,
 * then removes the fragment so the code never sits in history or a reload.
 * Without a code (a reload) there is nothing to do: the cookie may already be set.
 */
export async function exchangeBootCode(logger: Logger): Promise<ExchangeResult> {
  const code = readBootCode(window.location.hash);
  if (code === null) return 'no-code';
  // Drop the code first: it is single-use, so even a failed exchange must not leave it behind.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  try {
    const res = await fetch('/api/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (!res.ok) {
      logger.warn({ status: res.status }, 'boot code rejected');
      return 'rejected';
    }
    const body: unknown = await res.json().catch(() => null);
    if (!SessionExchangeResponseSchema.safeParse(body).success) logger.warn({}, 'unexpected session response body');
    return 'exchanged';
  } catch (err) {
    logger.error({ err: String(err) }, 'session exchange failed');
    return 'failed';
  }
}

/** Asks the service whether our session cookie is valid: a refused socket then means auth, not a restart. */
export async function sessionState(): Promise<'valid' | 'expired' | 'unreachable'> {
  try {
    const res = await fetch('/api/session', { cache: 'no-store', credentials: 'same-origin' });
    if (res.ok) return 'valid';
    return res.status === 401 ? 'expired' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
