import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../styles/sales.css';
import type { ContentManifest } from '../../../../contract/content.ts';
import type { ReportPeriod, StoreReport } from '../../../../contract/sales.ts';
import { formatCount, formatPrice } from '../../state/format.ts';
import { ReportChart } from '../sales/ReportChart.tsx';
import { exportUrl, salesApi } from '../sales/sales-api.ts';
import { usePolled, useProductName } from './shared.tsx';

/** Bucket labels in the UI language: hours "08:00" for today, short weekdays for the week. */
function bucketLabels(report: StoreReport, lang: string): string[] {
  if (report.period === 'today') return report.buckets.map((b) => `${b.label}:00`);
  return report.buckets.map((b) => new Date(`${b.label}T12:00:00Z`).toLocaleDateString(lang, { weekday: 'short', timeZone: 'UTC' }));
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="report-figure">
      <span>{label}</span>
      <strong data-testid={testId}>{value}</strong>
    </div>
  );
}

/** Store report (staff): today or this week — sales, refunds, orders, top products, conversion, a chart, exports. */
export function ReportsScreen({ content }: { content: ContentManifest | null }) {
  const { t, i18n } = useTranslation();
  const name = useProductName(content);
  const [period, setPeriod] = useState<ReportPeriod>('today');
  const load = useCallback(() => salesApi.report(period), [period]);
  const { data } = usePolled(load, 15_000);
  const report = data?.period === period ? data : null;
  const labels = useMemo(() => (report ? bucketLabels(report, i18n.language) : []), [report, i18n.language]);
  const names = useMemo(() => ({ time: t('sale.time'), sales: t('reports.chartSales'), orders: t('reports.chartOrders') }), [t]);
  return (
    <div className="staff-screen reports" data-testid="screen-reports" data-period={period}>
      <div className="row-actions">
        {(['today', 'week'] as const).map((p) => (
          <button key={p} type="button" className={`staff-btn ${p === period ? 'is-selected' : ''}`} onClick={() => setPeriod(p)} data-testid={`period-${p}`}>{t(`reports.${p}`)}</button>
        ))}
        <span className="spacer" />
        <a className="staff-btn" href={exportUrl(period, 'csv', i18n.language)} download data-testid="export-csv">{t('reports.csv')}</a>
        <a className="staff-btn" href={exportUrl(period, 'xlsx', i18n.language)} download data-testid="export-xlsx">{t('reports.xlsx')}</a>
      </div>
      {report ? (
        <>
          <p className="hint">{t('reports.range', { from: report.fromDay, to: report.toDay })}</p>
          <div className="report-figures" data-testid="report-figures">
            <Figure label={t('reports.salesCount')} value={formatCount(report.salesCount)} testId="r-sales-count" />
            <Figure label={t('reports.salesFen')} value={formatPrice(report.salesFen)} testId="r-sales-fen" />
            <Figure label={t('reports.refunds')} value={formatPrice(report.saleRefundsFen)} testId="r-refunds-fen" />
            <Figure label={t('reports.ordersCount')} value={formatCount(report.ordersCount)} testId="r-orders" />
            <Figure label={t('reports.ordersPaid')} value={formatCount(report.ordersPaidCount)} testId="r-orders-paid" />
            <Figure label={t('reports.ordersPaidFen')} value={formatPrice(report.ordersPaidFen)} testId="r-orders-paid-fen" />
            <Figure label={t('reports.net')} value={formatPrice(report.netFen)} testId="r-net" />
          </div>
          <section className="staff-card">
            <h2>{t('reports.chart')}</h2>
            <ReportChart report={report} labels={labels} names={names} />
          </section>
          <section className="staff-card">
            <h2>{t('reports.products')}</h2>
            {report.products.length === 0 ? <p>{t('reports.noData')}</p> : null}
            <table className="staff-table" data-testid="report-products">
              <thead>
                <tr>
                  <th>{t('reports.product')}</th>
                  <th className="num">{t('reports.sold')}</th>
                  <th className="num">{t('reports.soldFen')}</th>
                  <th className="num">{t('reports.ordered')}</th>
                  <th className="num">{t('reports.lifts')}</th>
                  <th className="num">{t('reports.conversion')}</th>
                </tr>
              </thead>
              <tbody>
                {report.products.map((p) => (
                  <tr key={p.productId} data-testid="report-product" data-product={p.productId}>
                    <td>{name(p.productId)}</td>
                    <td className="num" data-testid="rp-sold">{p.soldQty}</td>
                    <td className="num" data-testid="rp-sold-fen">{formatPrice(p.soldFen)}</td>
                    <td className="num">{p.orderedQty}</td>
                    <td className="num">{p.lifts}</td>
                    <td className="num">{p.conversion === null ? '—' : `${Math.round(p.conversion * 100)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </div>
  );
}
