/**
 * Idle reset: after `idleMs` with nothing lifted and no touch, the screen returns to its
 * resting state (attract, default locale, default accessibility). Pure so tests can drive the clock.
 */
export interface IdleInputs {
  now: number;
  lastActivityAt: number;
  liftedCount: number;
  idleMs: number;
}

/** Milliseconds until the idle reset is due, or null while a product is lifted (a lift is activity). */
export function idleRemainingMs(i: IdleInputs): number | null {
  if (i.liftedCount > 0) return null;
  return Math.max(0, i.lastActivityAt + i.idleMs - i.now);
}

/** True when the reset should happen now. */
export function isIdleDue(i: IdleInputs): boolean {
  return idleRemainingMs(i) === 0;
}
