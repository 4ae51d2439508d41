import { useCallback, useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { ClientMessage } from '../../../contract/api.ts';
import { wallNow } from '../api/kiosk-client.ts';
import { idleRemainingMs, isIdleDue } from '../state/idle.ts';
import type { KioskStore } from '../state/kiosk-store.ts';
import { afterNextPaint, recordPaint } from './metrics.ts';

/** Tracks a CSS media query. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/**
 * After the commit that puts a lift's product on screen, waits for the frame to be painted,
 * then reports it (`painted` to the service, `window.__kioskMetrics` for benchmarks).
 * Runs in a layout effect so the frame callback is queued before that frame is produced.
 */
export function usePaintReporting(liftIdsKey: string, store: KioskStore, send: (m: ClientMessage) => void): void {
  useLayoutEffect(() => {
    if (liftIdsKey === '') return undefined;
    const cancels: Array<() => void> = [];
    for (const liftId of liftIdsKey.split(',')) {
      const pending = store.pending.get(liftId);
      if (pending === undefined) continue;
      cancels.push(
        afterNextPaint(() => {
          store.pending.delete(liftId);
          const paintedAt = wallNow();
          recordPaint({ ...pending, paintedAt });
          send({ type: 'painted', liftId, paintedAt });
        }),
      );
    }
    return () => cancels.forEach((c) => c());
  }, [liftIdsKey, store, send]);
}

/**
 * Calls `onIdle` once after `idleMs` with nothing lifted and no touch or key press.
 * A lift counts as activity: the countdown restarts when the last product is put back.
 */
export function useIdleReset(hasLifted: boolean, idleMs: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (hasLifted) return undefined;
    let lastActivityAt = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const inputs = () => ({ now: performance.now(), lastActivityAt, liftedCount: 0, idleMs });
    const fire = (): void => {
      if (isIdleDue(inputs())) onIdleRef.current();
      else arm();
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(fire, idleRemainingMs(inputs()) ?? idleMs);
    };
    const onActivity = (): void => {
      lastActivityAt = performance.now();
      arm();
    };
    window.addEventListener('pointerdown', onActivity, { passive: true });
    window.addEventListener('keydown', onActivity);
    arm();
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', onActivity);
      window.removeEventListener('keydown', onActivity);
    };
  }, [hasLifted, idleMs]);
}
