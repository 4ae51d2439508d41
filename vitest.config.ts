import { defineConfig } from 'vitest/config';
import { findPgBin } from './tests/support/pg-cluster.ts';

/** The platform suites that run a second time against PostgreSQL (one throwaway cluster per run). */
const PG_SUITES = [
  'tests/sync/platform.test.ts',
  'tests/sync/pusher.test.ts',
  'tests/sync/kiosk-platform.test.ts',
  'tests/sync/content.test.ts',
  'tests/sync/kill-push.test.ts',
  'tests/sync/fleet-store.test.ts',
  'tests/sync/enrolment-security.test.ts',
  'tests/sync/platform-limits.test.ts',
  'tests/sync/platform-accounts.test.ts',
  'tests/sync/catalogue-import.test.ts',
  'tests/sync/authoring-api.test.ts',
  'tests/sync/content-notice.test.ts',
  'tests/sync/authoring-more.test.ts',
  'tests/platform-pg/**/*.test.ts',
  'tests/orders/orders-api.test.ts',
  'tests/orders/money.test.ts',
  'tests/orders/kill-callbacks.test.ts',
  'tests/orders/counter-paid.test.ts',
  'tests/orders/local-days.test.ts',
  'tests/orders/order-prices.test.ts',
  'tests/analytics/**/*.test.ts',
];

const hasPg = findPgBin() !== null;
if (!hasPg) {
  // CI must exercise PostgreSQL: missing binaries there are a failure, not a skip.
  if (process.env.CI === 'true') throw new Error('CI=true but PostgreSQL is not installed (.ci/run installs it)');
  process.stderr.write('PostgreSQL not found under /usr/lib/postgresql: skipping the PostgreSQL variants of the platform tests\n');
}

// expect.poll waits for a state, never a fixed time: its default 1 s is too short on a busy
// 2-core machine, so every poll gets 10 s unless a test says otherwise (docs/testing.md).
const shared = { testTimeout: 30_000, hookTimeout: 120_000, pool: 'forks' as const, expect: { poll: { timeout: 10_000 } } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', 'tests/platform-pg/**'],
        },
      },
      ...(hasPg
        ? [{ test: { ...shared, name: 'pg', include: PG_SUITES, globalSetup: ['tests/support/pg-global-setup.ts'], env: { PLATFORM_TEST_STORE: 'pg' } } }]
        : []),
    ],
  },
});
