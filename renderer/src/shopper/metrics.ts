/** One lift's path to the screen, wall-clock ms: service rx → service send → page receive → paint. */
export interface PaintMetric {
  liftId: string;
  rxAt: number | null;
  sentAt: number | null;
  receivedAt: number;
  paintedAt: number;
}

declare global {
  interface Window {
    __kioskMetrics?: PaintMetric[];
  }
}

const MAX_METRICS = 2000;

/** Appends to `window.__kioskMetrics` (read by the benchmark and e2e), bounded for long soaks. */
export function recordPaint(metric: PaintMetric): void {
  const list = (window.__kioskMetrics ??= []);
  list.push(metric);
  if (list.length > MAX_METRICS) list.splice(0, list.length - MAX_METRICS);
}

/**
 * Calls `cb` just after the next frame is painted: requestAnimationFrame runs before the
 * paint, and a message-channel task queued from it runs right after (faster than setTimeout(0),
 * which may be clamped). Returns a cancel function.
 */
export function afterNextPaint(cb: () => void): () => void {
  let cancelled = false;
  const raf = requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) cb();
    };
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(raf);
  };
}
