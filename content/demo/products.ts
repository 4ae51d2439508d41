import { DONGYUAN_PRODUCTS } from './products-dongyuan.ts';
import { GANSU_PRODUCTS } from './products-gansu.ts';
import { MAOBA_PRODUCTS } from './products-maoba.ts';
import { PARTNER_COUNTY_PRODUCTS } from './products-partner-counties.ts';
import type { DemoEntry } from './types.ts';

/**
 * The demo catalogue, in shelf order. Facts in stories come from the seed articles
 * (story.source.ref names the article); producers, batches, prices and weights are demo.
 * Product ids are stable: a planogram or a recorded event may refer to them.
 */
export const DEMO_PRODUCTS: readonly DemoEntry[] = [...DONGYUAN_PRODUCTS, ...MAOBA_PRODUCTS, ...GANSU_PRODUCTS, ...PARTNER_COUNTY_PRODUCTS];
