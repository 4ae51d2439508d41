import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { LiveReadingsSchema } from '../../../../contract/staff.ts';

/** Seconds of readings the plot keeps. */
const WINDOW_S = 20;

/**
 * Live plot of one load-cell channel from the staff-only, throttled WebSocket
 * (/api/staff/live). Raw readings exist only here and in the service's memory.
 */
export function LivePlot({ boardId, channel, label }: { boardId: string; channel: number; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [points, setPoints] = useState(0);
  const [last, setLast] = useState<number | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs: number[] = [];
    const ys: number[] = [];
    const plot = new uPlot(
      { width: Math.max(300, el.clientWidth), height: 260, scales: { x: { time: true } }, series: [{}, { label, stroke: '#b0442a', width: 2 }], axes: [{}, { size: 70 }], legend: { show: false } },
      [xs, ys],
      el,
    );
    // Follow the box: the kiosk rotates, and a plot wider than its card would push the page sideways.
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height: 260 }));
    resize.observe(el);
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/staff/live`);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', boardId, channel }));
    ws.onmessage = (ev: MessageEvent) => {
      const msg = LiveReadingsSchema.safeParse(JSON.parse(String(ev.data)));
      if (!msg.success) return;
      for (const [at, g] of msg.data.points) {
        xs.push(at / 1000);
        ys.push(g);
      }
      const cutoff = (xs.at(-1) ?? 0) - WINDOW_S;
      while (xs.length > 0 && (xs[0] ?? 0) < cutoff) {
        xs.shift();
        ys.shift();
      }
      plot.setData([xs, ys]);
      setPoints(xs.length);
      setLast(ys.at(-1) ?? null);
    };
    return () => {
      ws.close();
      resize.disconnect();
      plot.destroy();
    };
  }, [boardId, channel, label]);
  return (
    <div className="live-plot" data-testid="live-plot" data-points={points}>
      <div ref={host} />
      <p className="big" data-testid="live-last">{last === null ? '—' : `${last.toFixed(1)} g`}</p>
    </div>
  );
}
