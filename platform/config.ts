import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newToken } from './auth.ts';
import type { PlatformLimits } from './limits.ts';
import type { OrdersOptions } from './orders/orders-module.ts';

export interface PlatformConfig {
  port: number;
  dataDir: string;
  adminToken: string;
  /** Where the generated admin token lives; null when it came from PLATFORM_ADMIN_TOKEN. */
  adminTokenFile: string | null;
  /** PLATFORM_DATABASE_URL (`postgres://…`): PostgreSQL instead of the embedded SQLite file. */
  databaseUrl?: string;
  /** PLATFORM_LIMIT_PER_IP_PER_MIN, PLATFORM_LIMIT_PER_KIOSK_PER_MIN, PLATFORM_LIMIT_EVENTS_PER_KIOSK_PER_HOUR (defaults in limits.ts). */
  limits: Partial<PlatformLimits>;
  /** PLATFORM_PUBLIC_URL, PLATFORM_SANDBOX_TEST_HOOKS=1, PLATFORM_SANDBOX_DUPLICATES (orders and payments). */
  orders: OrdersOptions;
  /** PLATFORM_PUBLIC_URL: what browsers use to reach the platform (https, or http on loopback). */
  publicUrl?: string;
}

/** https anywhere, http only on a loopback host (the session cookie would travel in clear otherwise). */
function publicUrlFromEnv(raw: string | undefined): { publicUrl?: string } {
  if (raw === undefined || raw === '') return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PLATFORM_PUBLIC_URL is not a URL: ${raw}`);
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error('PLATFORM_PUBLIC_URL must be https (http only on a loopback host)');
  return { publicUrl: url.origin };
}

const LIMIT_VARS = {
  perIpPerMinute: 'PLATFORM_LIMIT_PER_IP_PER_MIN',
  perKioskPerMinute: 'PLATFORM_LIMIT_PER_KIOSK_PER_MIN',
  eventsPerKioskPerHour: 'PLATFORM_LIMIT_EVENTS_PER_KIOSK_PER_HOUR',
} as const;

/** Limits overridden by environment (a store whose kiosks share one address, a load test). */
function limitsFromEnv(env: NodeJS.ProcessEnv): Partial<PlatformLimits> {
  const out: Partial<PlatformLimits> = {};
  for (const [key, name] of Object.entries(LIMIT_VARS) as Array<[keyof typeof LIMIT_VARS, string]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got ${raw}`);
    out[key] = n;
  }
  return out;
}

/** Orders and payments settings from the environment (docs/orders-platform.md). */
function ordersFromEnv(env: NodeJS.ProcessEnv): OrdersOptions {
  const out: OrdersOptions = {};
  const url = env.PLATFORM_PUBLIC_URL;
  if (url) {
    if (!/^https?:\/\/[^\s/]+/.test(url)) throw new Error(`PLATFORM_PUBLIC_URL must be an http(s) base URL, got ${url}`);
    out.publicUrl = url;
  }
  if (env.PLATFORM_SANDBOX_TEST_HOOKS === '1') out.sandboxTestHooks = true;
  const dup = env.PLATFORM_SANDBOX_DUPLICATES;
  if (dup) {
    const n = Number(dup);
    if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`PLATFORM_SANDBOX_DUPLICATES must be 1–20, got ${dup}`);
    out.sandboxDuplicates = n;
  }
  return out;
}

/**
 * Reads PLATFORM_PORT (default 8790), PLATFORM_DATA_DIR (default ./data/platform) and
 * PLATFORM_ADMIN_TOKEN (and PLATFORM_DATABASE_URL, optional). There is no default password: without the variable, a random token
 * is generated at first start into `<dataDir>/admin-token` (mode 0600) and reused after.
 */
export function loadPlatformConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  const port = Number(env.PLATFORM_PORT ?? 8790);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PLATFORM_PORT must be a port number, got ${env.PLATFORM_PORT}`);
  const dataDir = resolve(env.PLATFORM_DATA_DIR ?? './data/platform');
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = env.PLATFORM_DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('PLATFORM_DATABASE_URL must start with postgres://');
  const withDb = { ...(databaseUrl === undefined ? {} : { databaseUrl }), limits: limitsFromEnv(env), orders: ordersFromEnv(env), ...publicUrlFromEnv(env.PLATFORM_PUBLIC_URL) };
  const fromEnv = env.PLATFORM_ADMIN_TOKEN;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 16) throw new Error('PLATFORM_ADMIN_TOKEN must be at least 16 characters');
    return { port, dataDir, adminToken: fromEnv, adminTokenFile: null, ...withDb };
  }
  const file = join(dataDir, 'admin-token');
  if (!existsSync(file)) writeFileSync(file, `${newToken()}\n`, { mode: 0o600, flag: 'wx' });
  return { port, dataDir, adminToken: readFileSync(file, 'utf8').trim(), adminTokenFile: file, ...withDb };
}
