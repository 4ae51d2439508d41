import type { Migration } from '../migrate.ts';

/**
 * PLACEHOLDER for the orders migration (issue 10, built on another branch). Migrations must be
 * contiguous, so the sales migration (0012) needs a 0011 to follow. On merge take the orders
 * branch's 0011-orders.ts and drop this file; it creates nothing, so no database depends on it.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'orders',
  minReaderVersion: 1,
  up() {},
};
