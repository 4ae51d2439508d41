import { lazy, Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KioskStore } from '../state/kiosk-store.ts';
import { EntryGesture, isInCorner } from './entry-gesture.ts';

// The staff surface loads only when opened: shoppers never pay for its code.
const StaffApp = lazy(() => import('./StaffApp.tsx').then((m) => ({ default: m.StaffApp })));

/** Ctrl+Alt+S (a keyboard in the cabinet) opens the staff surface too. */
function isEntryKey(e: KeyboardEvent): boolean {
  return e.ctrlKey && e.altKey && e.key.toLowerCase() === 's';
}

/**
 * Over the shopper screen: the hidden entry (5 taps in the top-left corner within 3 s, or
 * Ctrl+Alt+S), the staff surface itself, and a discreet marker when staff alerts are open.
 */
export function StaffLayer({ store }: { store: KioskStore }) {
  const [open, setOpen] = useState(false);
  const gesture = useRef(new EntryGesture());
  const alerts = useSyncExternalStore(store.subscribe, () => store.getState().snapshot?.staffAlerts ?? 0);
  const content = useSyncExternalStore(store.subscribe, () => store.getState().snapshot?.content ?? null);

  useEffect(() => {
    if (open) return;
    // e.timeStamp is when the finger touched (the platform's input time), not when a busy
    // page got round to the event: five quick taps stay quick however loaded the kiosk is.
    const onPointer = (e: PointerEvent): void => {
      if (gesture.current.tap(e.timeStamp, isInCorner(e.clientX, e.clientY, window.innerWidth, window.innerHeight))) setOpen(true);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (isEntryKey(e)) setOpen(true);
    };
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const close = useCallback(() => setOpen(false), []);

  return (
    <>
      {alerts > 0 && !open ? <span className="staff-marker" data-testid="staff-marker" aria-hidden="true" /> : null}
      {open ? (
        <Suspense fallback={null}>
          <StaffApp content={content} onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
