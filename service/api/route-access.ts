import { ROLE_RANK, type Role } from '../../contract/staff.ts';
import type { SessionScope } from './auth.ts';

/** Who may call a route: nobody signed in (`public`) or a role, plus the page sessions listed in `pages`. */
export interface RouteAccess {
  role: 'public' | Role;
  /** Sessions from a /status or /dev boot code reach only routes that list their page. */
  pages?: ReadonlyArray<Exclude<SessionScope, 'screen'>>;
}

const PUBLIC: RouteAccess = { role: 'public' };
const SCREEN: RouteAccess = { role: 'screen' };
const STAFF: RouteAccess = { role: 'staff' };
const SUPERVISOR: RouteAccess = { role: 'supervisor' };
const STATUS_PAGE: RouteAccess = { role: 'staff', pages: ['status'] };

/**
 * THE route table: every route the local API registers, by `METHOD path`, with its role.
 * A route missing here stops the server from starting (server.ts, onRoute). HEAD routes
 * take their GET's entry. docs/local-api.md lists the same table for people.
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  // The page shells hold no data; the renderer's static files are public too (STATIC_ACCESS).
  'POST /api/session': PUBLIC,
  'GET /status': PUBLIC,
  'GET /status/page.js': PUBLIC,
  'GET /dev': PUBLIC,
  'GET /dev/panel.js': PUBLIC,
  // The shopper screen: its session, its socket, the catalogue's media, board health, staff entry.
  'GET /api/session': SCREEN,
  'GET /ws': SCREEN,
  'GET /api/status': SCREEN,
  'GET /media/:sha': SCREEN,
  'GET /api/staff/state': SCREEN,
  'POST /api/staff/sign-in': SCREEN,
  'POST /api/staff/first-setup': SCREEN,
  'POST /api/staff/sign-out': SCREEN,
  // Shopper orders: the screen turns its cart into an order, follows and may cancel it.
  'POST /api/orders': SCREEN,
  'GET /api/orders/:id': SCREEN,
  'POST /api/orders/:id/cancel': SCREEN,
  // Staff: stock work, slot binding, health, calibration, alerts, the status page's reads and exports.
  'POST /api/staff/touch': STAFF,
  'POST /api/staff/mode': STAFF,
  'GET /api/hardware/status': STATUS_PAGE,
  'GET /api/sync/status': STATUS_PAGE,
  'POST /api/sync/export-unsent': STATUS_PAGE,
  'GET /api/support/flight-recording': STATUS_PAGE,
  'GET /api/stock': STAFF,
  'POST /api/stock/restock': STAFF,
  'POST /api/stock/select': STAFF,
  'GET /api/stock/selected': STAFF,
  'POST /api/planogram/bind': STAFF,
  'GET /api/staff/alerts': STAFF,
  'GET /api/staff/live': STAFF,
  'POST /api/calibration': STAFF,
  'GET /api/calibration/history': STAFF,
  'GET /api/orders': STAFF,
  'GET /api/orders/by-code/:code': STAFF,
  'POST /api/orders/:id/pay-at-counter': STAFF,
  'POST /api/sim/action': { role: 'staff', pages: ['dev'] },
  'GET /api/sim/leds': { role: 'staff', pages: ['dev'] },
  // Supervisors: board set-up and accounts.
  'GET /api/hardware/ports': SUPERVISOR,
  'GET /api/hardware/boards': SUPERVISOR,
  'PUT /api/hardware/boards': SUPERVISOR,
  'POST /api/hardware/boards/:id/confirm': SUPERVISOR,
  'GET /api/staff/accounts': SUPERVISOR,
  'POST /api/staff/accounts': SUPERVISOR,
  'DELETE /api/staff/accounts/:id': SUPERVISOR,
  // Admins: kiosk-wide staff settings.
  'PUT /api/staff/settings': { role: 'admin' },
};

/** Files @fastify/static registers from the built renderer (one route per file): public. */
export const STATIC_ACCESS: RouteAccess = PUBLIC;

export class UndeclaredRouteError extends Error {
  override name = 'UndeclaredRouteError';
}

/** The declared access of a route; throws UndeclaredRouteError for a route the table does not list. */
export function declaredAccess(method: string, url: string, isStaticFile: boolean): RouteAccess {
  if (isStaticFile) return STATIC_ACCESS;
  const access = ROUTE_ACCESS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
  if (access === undefined) throw new UndeclaredRouteError(`route ${method} ${url} has no role in service/api/route-access.ts`);
  return access;
}

/** What the caller holds: a session of some scope, and on a screen session maybe a signed-in role. */
export interface Caller {
  scope: SessionScope;
  role: Role;
}

/** 'ok', or the HTTP status to refuse with (401 no session, 403 not allowed). */
export function checkAccess(access: RouteAccess, caller: Caller | undefined): 'ok' | 401 | 403 {
  if (access.role === 'public') return 'ok';
  if (caller === undefined) return 401;
  if (caller.scope !== 'screen') return access.pages?.includes(caller.scope) === true ? 'ok' : 403;
  return ROLE_RANK[caller.role] >= ROLE_RANK[access.role] ? 'ok' : 403;
}
