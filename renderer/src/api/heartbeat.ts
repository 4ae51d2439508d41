import type { ClientMessage } from '../../../contract/api.ts';

type HeartbeatMessage = Extract<ClientMessage, { type: 'heartbeat' }>;
type ScreenName = HeartbeatMessage['screen'];

/** Heartbeat period; the supervisor's watchdog allows several missed beats (issue 14). */
export const HEARTBEAT_MS = 1000;

const SCREENS: readonly ScreenName[] = ['attract', 'product', 'compare'];

/** What the page shows right now, read from the painted DOM (`.shell[data-screen]`). */
export function currentScreen(doc: Document): ScreenName {
  const shown = doc.querySelector('.shell')?.getAttribute('data-screen');
  return SCREENS.find((s) => s === shown) ?? 'starting';
}

/**
 * Sends a heartbeat every second over the kiosk socket, plus one right after a frame is painted
 * whenever the socket (re)opens, so the supervisor learns at once that attract is on screen. A
 * page stuck in a busy loop sends nothing — that silence is what the watchdog looks for. Long
 * tasks (PerformanceObserver `longtask`) are reported so a page that freezes for seconds at a
 * time, then recovers, is reloaded too.
 */
export function startHeartbeat(send: (msg: HeartbeatMessage) => boolean): { beatAfterPaint(): void; stop(): void } {
  let longest = 0;
  let observer: PerformanceObserver | null = null;
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('longtask')) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
  }
  const beat = (): void => {
    if (send({ type: 'heartbeat', screen: currentScreen(document), longTaskMs: Math.round(longest) })) longest = 0;
  };
  const timer = setInterval(beat, HEARTBEAT_MS);
  return {
    beatAfterPaint() {
      // Two frames: the first callback runs before the paint, the second after it.
      requestAnimationFrame(() => requestAnimationFrame(beat));
    },
    stop() {
      clearInterval(timer);
      observer?.disconnect();
    },
  };
}
