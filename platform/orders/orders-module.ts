import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { join } from 'node:path';
import type { PlatformDeps } from '../deps.ts';
import { SandboxProvider } from '../payments/sandbox-provider.ts';
import { registerSandboxRoutes } from '../payments/sandbox-routes.ts';
import { openSandboxStore } from '../payments/sandbox-store.ts';
import { registerAdminOrderRoutes } from './admin-orders.ts';
import { OrderHub } from './order-hub.ts';
import { loadOrCreateSecret, OrderKeys } from './order-keys.ts';
import { registerOrderRoutes } from './order-routes.ts';
import { expireOverdue, type OrderServiceDeps } from './order-service.ts';
import { registerPhoneRoutes } from './phone-routes.ts';
import { createPriceChecker } from './price-check.ts';
import { productNames } from './product-names.ts';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from './status-stream.ts';

export interface OrdersOptions {
  /** Base URL phones reach the platform at (PLATFORM_PUBLIC_URL); default: where it listens. */
  publicUrl?: string;
  /** Sandbox test hooks: queue extra, duplicated, out-of-order callbacks (PLATFORM_SANDBOX_TEST_HOOKS=1). */
  sandboxTestHooks?: boolean;
  /** Every sandbox outcome is notified this many times (PLATFORM_SANDBOX_DUPLICATES). */
  sandboxDuplicates?: number;
  streamLimits?: Partial<StreamLimits>;
  /** How often open orders past their expiry are expired (default 1 s). */
  expirySweepMs?: number;
}

/** Orders, payments and the phone page, wired to the platform (docs/orders-platform.md). */
export function createOrdersModule(deps: PlatformDeps, opts: OrdersOptions, log?: FastifyBaseLogger) {
  let publicUrl = opts.publicUrl?.replace(/\/+$/, '') ?? 'http://127.0.0.1';
  const sandboxStore = openSandboxStore(join(deps.dataDir, 'sandbox-pay.sqlite'));
  const sandbox = new SandboxProvider({ store: sandboxStore, secret: loadOrCreateSecret(deps.dataDir, 'sandbox-pay-secret'), now: deps.now, duplicates: opts.sandboxDuplicates ?? 1, ...(log ? { log } : {}) });
  const services: OrderServiceDeps = {
    store: deps.store,
    provider: sandbox,
    keys: new OrderKeys(loadOrCreateSecret(deps.dataDir, 'order-key-secret')),
    hub: new OrderHub(),
    prices: createPriceChecker(deps.dataDir, deps.store),
    now: deps.now,
    publicUrl: () => publicUrl,
  };
  let sweep: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> | null = null;
  return {
    services,
    sandbox,
    register(app: FastifyInstance): void {
      registerOrderRoutes(app, deps, services, { ...DEFAULT_STREAM_LIMITS, ...opts.streamLimits });
      registerPhoneRoutes(app, { orders: services, names: productNames(deps.dataDir, deps.store) });
      registerSandboxRoutes(app, services, sandbox, opts.sandboxTestHooks ?? false);
      registerAdminOrderRoutes(app, deps);
    },
    /** Starts the expiry sweep and the sandbox's callback deliveries; `baseUrl` is where the platform listens. */
    start(baseUrl: string): void {
      if (opts.publicUrl === undefined) publicUrl = baseUrl;
      sandbox.start(baseUrl);
      sweep = setInterval(() => {
        sweeping ??= expireOverdue(services)
          .catch((err: unknown) => log?.error({ err }, 'order expiry sweep failed'))
          .finally(() => (sweeping = null));
      }, opts.expirySweepMs ?? 1000);
    },
    async stop(): Promise<void> {
      if (sweep) clearInterval(sweep);
      await Promise.all([sandbox.stop(), sweeping]);
      sandboxStore.close();
    },
  };
}

export type OrdersModule = ReturnType<typeof createOrdersModule>;
