/** Retry-After values above this are treated as this (a confused server must not park a kiosk for days). */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * Full-jitter exponential backoff: a uniform random wait in [0, min(cap, base·2^attempt)).
 * Jitter spreads a fleet that lost the network together so it does not return in lockstep.
 */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** Parses Retry-After (delta seconds or an HTTP date) into ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - nowMs;
  if (Number.isNaN(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** The wait before the next try: never shorter than the server asked for. */
export function retryDelay(attempt: number, retryAfterMs: number | null, baseMs: number, capMs: number, random: () => number): number {
  const jitter = fullJitterDelay(attempt, baseMs, capMs, random);
  return retryAfterMs === null ? jitter : Math.max(retryAfterMs, jitter);
}
