import { useEffect } from 'react';

/**
 * Which mounted editors hold unsaved edits. The router asks before leaving one of them
 * (route.ts), and the tab asks the browser's own question (`beforeunload`) before closing or
 * going to another page.
 */
const unsaved = new Set<symbol>();

export function hasUnsavedEdits(): boolean {
  return unsaved.size > 0;
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older Chromium needs returnValue set for the prompt to show.
  event.returnValue = '';
}

/** Marks the calling editor as holding unsaved edits while `dirty` is true (and never once it unmounts). */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const token = Symbol('unsaved editor');
    unsaved.add(token);
    if (unsaved.size === 1) window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      unsaved.delete(token);
      if (unsaved.size === 0) window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);
}
