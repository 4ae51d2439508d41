import { CAMPAIGN_METRICS, METRICS } from './metrics.ts';

/**
 * SQL fragments written from the fixed metric lists (metrics.ts), shared by both stores'
 * analytics. Only constants go into SQL text; values always travel as parameters.
 */
export const METRIC_COLUMNS = METRICS.join(', ');
/** Column definitions; `type` is INTEGER for SQLite (STRICT tables), BIGINT for PostgreSQL. */
export const metricDefs = (type: string) => METRICS.map((m) => `${m} ${type} NOT NULL DEFAULT 0`).join(',\n  ');
export const CAMPAIGN_COLUMNS = CAMPAIGN_METRICS.join(', ');
export const campaignDefs = (type: string) => CAMPAIGN_METRICS.map((m) => `${m} ${type} NOT NULL DEFAULT 0`).join(',\n  ');

/** `m = table.m + excluded.m, …` for an upsert that adds a delta. */
export function addExcluded(table: string, metrics: readonly string[]): string {
  return metrics.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ');
}

/** `sum(m) AS m, …` (the metric names are the JSON names); `cast` makes PostgreSQL's numeric sums bigint again. */
export function sums(metrics: readonly string[], cast = ''): string {
  return metrics.map((m) => `sum(${m})${cast} AS ${m}`).join(', ');
}

export const PRODUCT_KEY_SQL = 'day, product_id AS "productId"';
