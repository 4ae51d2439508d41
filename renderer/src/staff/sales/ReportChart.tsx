import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { StoreReport } from '../../../../contract/sales.ts';
import { formatPrice } from '../../state/format.ts';

const HEIGHT = 300;

/** Counter sales (bars) and paid orders (line) per hour of today or per day of the week, in yuan. */
export function ReportChart({ report, labels, names }: { report: StoreReport; labels: string[]; names: { time: string; sales: string; orders: string } }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = report.buckets.map((_, i) => i);
    const sales = report.buckets.map((b) => b.salesFen / 100);
    const orders = report.buckets.map((b) => b.ordersPaidFen / 100);
    const bars = uPlot.paths.bars?.({ size: [0.6, 60] });
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: false, range: [-0.5, xs.length - 0.5] } },
        series: [
          { label: names.time, value: (_u, i: number | null) => (i === null ? '' : (labels[i] ?? '')) },
          { label: names.sales, stroke: '#b0442a', fill: 'rgba(176, 68, 42, 0.55)', width: 1, ...(bars ? { paths: bars } : {}), value: (_u, v: number | null) => (v === null ? '' : formatPrice(Math.round(v * 100))) },
          { label: names.orders, stroke: '#2f4a38', width: 2, value: (_u, v: number | null) => (v === null ? '' : formatPrice(Math.round(v * 100))) },
        ],
        axes: [{ values: (_u, splits: number[]) => splits.map((i) => labels[i] ?? ''), space: 48 }, { size: 70, values: (_u, splits: number[]) => splits.map((v) => `¥${v}`) }],
      },
      [xs, sales, orders],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [report, labels, names]);
  return (
    <div className="report-chart live-plot" data-testid="report-chart" data-sales-fen={report.buckets.map((b) => b.salesFen).join(',')} data-orders-fen={report.buckets.map((b) => b.ordersPaidFen).join(',')}>
      <div ref={host} />
    </div>
  );
}
